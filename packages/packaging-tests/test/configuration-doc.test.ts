// docs/configuration.md must say what the code does. For each table marked `<!-- config: id -->`:
// every default written as a code span equals the value the built packages use (read from the
// exported constants, from the resolved settings of real destinations, or observed in behaviour),
// and the rows name exactly the options of the exported option type (read from the built .d.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  Analytics,
  createFileSpool,
  DEFAULT_CLOSE_TIMEOUT,
  DEFAULT_LOG_LEVEL,
  DEFAULT_SETTINGS,
  localFlags,
  type Destination,
  type DestinationSet,
  type Message,
} from '@polytrack/core'
import { isDestinationSet, resolveSettings, type FlagSourceHost } from '@polytrack/core/adapter'
import { adapterOptions, adapterPackages, importBuiltFactory } from '@polytrack/adapter-conformance/workspace'
import { rudderstack } from '@polytrack/rudderstack'
import { posthog, POSTHOG_HOSTS } from '@polytrack/posthog'
import { hightouch } from '@polytrack/hightouch'
import { customerio } from '@polytrack/customerio'
import { segment } from '@polytrack/segment'
import { multiplex } from '@polytrack/multiplex'
import { RedisSpool } from '@polytrack/spool-redis'
import { hostname } from 'node:os'
import { amplitude, AMPLITUDE_HOSTS } from '@polytrack/amplitude'
import { mixpanel, MIXPANEL_HOSTS } from '@polytrack/mixpanel'
import { builtOptionKeys, type OptionTypeRef } from './built-option-types.js'

const repo = fileURLToPath(new URL('../../..', import.meta.url))
const doc = readFileSync(join(repo, 'docs', 'configuration.md'), 'utf8')

// ---- the doc's tables -------------------------------------------------------------------------

interface Table {
  header: string[]
  rows: string[][]
}

function tables(markdown: string): Map<string, Table> {
  const found = new Map<string, Table>()
  const lines = markdown.split('\n')
  lines.forEach((line, i) => {
    const marker = /^<!-- config: ([\w-]+) -->$/.exec(line.trim())
    if (!marker) return
    const cells = (row: string) =>
      row
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim())
    const header = cells(lines[i + 1]!)
    const rows: string[][] = []
    for (let j = i + 3; j < lines.length && lines[j]!.trim().startsWith('|'); j++) rows.push(cells(lines[j]!))
    found.set(marker[1]!, { header, rows })
  })
  return found
}

/** The option name of a row: its first cell, a code span. */
function optionName(cell: string): string {
  const match = /^`([^`]+)`$/.exec(cell)
  if (!match) throw new Error(`option cell is not a single code span: ${cell}`)
  return match[1]!
}

const NO_LITERAL = Symbol('no literal default')
/** A default cell: its first code span, as a JS literal or arithmetic (`10_000`, `'us'`, `32 * 1024`); none → NO_LITERAL. */
function defaultValue(cell: string): unknown {
  const match = /`([^`]+)`/.exec(cell)
  if (!match || !cell.trim().startsWith('`')) return NO_LITERAL
  const source = match[1]!
  if (!/^(?:'[^']*'|true|false|[\d_ *+-]+)$/.test(source)) throw new Error(`default is not a literal: ${source}`)
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluates the docs' own example literal
  return new Function(`return (${source})`)() as unknown
}

const docTables = tables(doc)

// ---- what the code uses -----------------------------------------------------------------------

/** A getter returns the default the code uses; for a default that is not a literal it checks the behaviour and returns DESCRIBED. */
const DESCRIBED = Symbol('checked in behaviour')
type Getter = () => unknown | Promise<unknown>

const sentAt = '2024-01-01T00:00:00.000Z'
const message = (type: 'track' | 'group'): Message =>
  ({
    type,
    messageId: 'm1',
    timestamp: sentAt,
    userId: 'user-1',
    context: { library: { name: '@polytrack/core', version: '0.1.0' } },
    integrations: {},
    ...(type === 'track' ? { event: 'E', properties: {} } : { groupId: 'g1', traits: {} }),
  }) as unknown as Message
const ctx = { callTime: sentAt, timestampGiven: false }
const origin = (destination: Destination) =>
  new URL(destination.buildRequest([destination.encode(message('track'), ctx)], { sentAt }).url).origin
const gzipOf = (destination: Destination) => destination.buildRequest([destination.encode(message('track'), ctx)], { sentAt }).gzip
const accepts = (make: () => unknown) => {
  try {
    make()
    return true
  } catch {
    return false
  }
}
const none = () => undefined

/** Whether `new Analytics()` with default options leaves encoding until after the call (observed, not read). */
const defersEncoding = async () => {
  let encodedInCall = false
  const destination: Destination = {
    name: 'probe',
    specificationVersion: 'v1',
    kind: 'tool',
    integrationNames: ['probe'],
    limits: { messageBytes: 32_000, batchBytes: 500_000, batchMessages: 100 },
    secrets: [],
    encode: (m) => ((encodedInCall = true), JSON.stringify(m)),
    buildRequest: () => ({ url: 'http://127.0.0.1:9/unused', headers: {}, body: '{}', gzip: false }),
  }
  const analytics = new Analytics({ destination, flushIntervalMs: 60_000 })
  analytics.on('error', () => undefined)
  analytics.track({ userId: 'u', event: 'E' })
  const deferred = !encodedInCall
  await analytics.close({ timeoutMs: 0 })
  return deferred
}

const ph = () => posthog({ apiKey: 'phc_test' })
const flagSettings = () => (ph().flags as unknown as { settings: Record<string, unknown> }).settings

const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
})

/** The adapters whose option tables this doc has, with their default hosts (for the getters below). */
const VENDORS: Record<string, () => Destination> = {
  rudderstack: () => rudderstack({ writeKey: 'wk', dataPlaneUrl: 'https://acme.dataplane.rudderstack.com' }),
  posthog: ph,
  hightouch: () => hightouch({ writeKey: 'wk' }),
  customerio: () => customerio({ writeKey: 'wk' }),
  segment: () => segment({ writeKey: 'wk' }),
  amplitude: () => amplitude({ apiKey: 'k' }),
  // Its events lane (the profile lanes have limits of their own, stated in the doc's text).
  mixpanel: () => mixpanel({ token: 't' }).members[0]!.destination,
}
const mp = (options: object = {}) => mixpanel({ token: 't', ...options }).members.map((m) => m.destination)
const mpEvents = (options: object = {}) => mp(options)[0]!

const GETTERS: Record<string, Record<string, Getter>> = {
  analytics: {
    destination: none,
    ...Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((key) => [key, () => DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS]])),
    flags: none,
    spool: none,
    deferEncoding: defersEncoding,
    transport: none,
    proxy: none,
    logger: none,
    logLevel: () => DEFAULT_LOG_LEVEL,
    context: none,
  },
  close: { timeoutMs: () => DEFAULT_CLOSE_TIMEOUT },
  rudderstack: {
    writeKey: none,
    dataPlaneUrl: none,
    gzip: () => gzipOf(VENDORS.rudderstack!()),
    allowInsecureHttp: () => accepts(() => rudderstack({ writeKey: 'wk', dataPlaneUrl: 'http://example.com' })),
  },
  posthog: {
    apiKey: none,
    host: () => origin(ph()),
    region: () => (origin(ph()) === POSTHOG_HOSTS.us ? 'us' : origin(ph()) === POSTHOG_HOSTS.eu ? 'eu' : 'unknown'),
    personalApiKey: () => flagSettings().personalApiKey,
    featureFlagsPollingIntervalMs: () => flagSettings().pollingInterval,
    flagDefinitionsTimeoutMs: () => flagSettings().definitionsTimeout,
    featureFlagsRequestTimeoutMs: () => flagSettings().remoteTimeout,
    sendFeatureFlagEvent: () => flagSettings().sendFeatureFlagEvent,
    featureFlagCalledCacheSize: () => flagSettings().flagCalledCacheSize,
    strictLocalEvaluation: () => flagSettings().strictLocalEvaluation,
    groupType: () => (JSON.parse(ph().encode(message('group'), ctx)) as { properties: { $group_type: string } }).properties.$group_type,
    sendFeatureFlags: () => {
      // With flag values at hand, an event carries them only when sendFeatureFlags is on.
      const destination = ph()
      ;(destination.flags as unknown as { localFlagValues: () => object }).localFlagValues = () => ({ beta: true })
      return '$feature/beta' in (JSON.parse(destination.encode(message('track'), ctx)) as { properties: object }).properties
    },
    historicalMigration: () => 'historical_migration' in (JSON.parse(ph().buildRequest(['{}'], { sentAt }).body) as object),
    disableGeoip: () =>
      (JSON.parse(ph().encode(message('track'), ctx)) as { properties: { $geoip_disable?: boolean } }).properties.$geoip_disable === true,
    gzip: () => gzipOf(ph()),
    allowInsecureHttp: () => accepts(() => posthog({ apiKey: 'phc', host: 'http://example.com' })),
  },
  hightouch: {
    writeKey: none,
    host: () => origin(VENDORS.hightouch!()),
    allowInsecureHttp: () => accepts(() => hightouch({ writeKey: 'wk', host: 'http://example.com' })),
  },
  customerio: {
    writeKey: none,
    region: () => (origin(VENDORS.customerio!()) === 'https://cdp.customer.io' ? 'us' : 'other'),
    host: () => origin(VENDORS.customerio!()),
    objectTypeId: () =>
      (JSON.parse(VENDORS.customerio!().encode(message('group'), ctx)) as { traits: { objectTypeId?: unknown } }).traits.objectTypeId,
    strictMode: () => {
      const d = VENDORS.customerio!()
      const headers = d.buildRequest([d.encode(message('track'), ctx)], { sentAt }).headers
      return Object.keys(headers).some((h) => h.toLowerCase() === 'x-strict-mode')
    },
    allowInsecureHttp: () => accepts(() => customerio({ writeKey: 'wk', host: 'http://example.com' })),
  },
  segment: {
    writeKey: none,
    host: () => origin(VENDORS.segment!()),
    region: () => (origin(VENDORS.segment!()) === 'https://api.segment.io' ? 'us' : 'other'),
    allowInsecureHttp: () => accepts(() => segment({ writeKey: 'wk', host: 'http://example.com' })),
  },
  amplitude: {
    apiKey: none,
    serverZone: () => (origin(VENDORS.amplitude!()) === AMPLITUDE_HOSTS.US ? 'US' : 'other'),
    host: () => origin(VENDORS.amplitude!()),
    useBatch: () => new URL(VENDORS.amplitude!().buildRequest(['{}'], { sentAt }).url).pathname === '/batch',
    minIdLength: () =>
      accepts(() => VENDORS.amplitude!().encode({ ...message('track'), userId: 'abcd' } as Message, ctx)) ? 'shorter ids taken' : 5,
    groupType: () => Object.keys((JSON.parse(VENDORS.amplitude!().encode(message('group'), ctx)) as { groups: object }).groups)[0],
    allowInsecureHttp: () => accepts(() => amplitude({ apiKey: 'k', host: 'http://example.com' })),
  },
  mixpanel: {
    token: none,
    serviceAccount: none,
    apiSecret: none,
    endpoint: () => new URL(mpEvents().buildRequest(['{}'], { sentAt }).url).pathname.slice(1),
    region: () => (origin(mpEvents()) === MIXPANEL_HOSTS.US ? 'US' : 'other'),
    host: () => origin(mpEvents()),
    groupKey: () => (JSON.parse(mp()[2]!.encode(message('group'), ctx)) as { $group_key: string }).$group_key,
    gzip: () => gzipOf(mpEvents()),
    allowInsecureHttp: () => accepts(() => mixpanel({ token: 't', host: 'http://example.com' })),
  },
  mixpanelServiceAccount: { username: none, secret: none, projectId: none },
  multiplex: {
    destination: none,
    name: () => {
      const d = VENDORS.posthog!()
      expect(multiplex([d]).members[0]!.name).toBe(d.name)
      return DESCRIBED
    },
    middleware: () => {
      expect(multiplex([VENDORS.posthog!()]).members[0]!.middleware).toEqual([])
      return DESCRIBED
    },
    settings: () => multiplex([VENDORS.posthog!()]).members[0]!.settings,
  },
  localFlags: {
    definitions: none,
    file: none,
    watch: async () => {
      // Without `watch`, a changed file is not re-read.
      const dir = mkdtempSync(join(tmpdir(), 'polytrack-flags-'))
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
      const file = join(dir, 'flags.json')
      const on = { flags: [{ id: 1, key: 'f', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } }] }
      writeFileSync(file, JSON.stringify(on))
      const source = localFlags({ file })
      source.attach({ reportError: () => {} } as unknown as FlagSourceHost)
      expect((await source.getFlag('f', { distinctId: 'u' }))?.value).toBe(true)
      writeFileSync(file, JSON.stringify({ flags: [] }))
      await new Promise((resolve) => setTimeout(resolve, 300))
      const watched = (await source.getFlag('f', { distinctId: 'u' }))?.value !== true
      await source.close?.()
      return watched
    },
  },
  fileSpool: (() => {
    const resolved = () => {
      const dir = mkdtempSync(join(tmpdir(), 'polytrack-spool-'))
      const spool = createFileSpool({ dir })
      cleanups.push(async () => {
        await spool.close()
        rmSync(dir, { recursive: true, force: true })
      })
      return (spool as unknown as { options: Record<string, unknown> }).options
    }
    return {
      dir: none,
      fsync: () => resolved().fsync,
      fsyncIntervalMs: () => resolved().fsyncIntervalMs,
      maxBytes: () => resolved().maxBytes,
      segmentBytes: () => resolved().segmentBytes,
    }
  })(),
  redisSpool: (() => {
    const resolved = () => {
      // Nothing listens on port 1: the spool only keeps trying to connect until it is closed.
      const spool = new RedisSpool({ url: 'redis://127.0.0.1:1' })
      cleanups.push(() => spool.close())
      const internals = spool as unknown as { host: { maxBufferBytes: number; takeoverAfterMs: number }; closeTimeoutMs: number }
      return { spool, ...internals.host, closeTimeoutMs: internals.closeTimeoutMs }
    }
    return {
      url: none,
      tls: none,
      client: none,
      keyPrefix: () => resolved().spool.keyPrefix,
      instanceId: () => {
        expect(resolved().spool.instanceId).toBe(`${hostname()}:${process.pid}`)
        return DESCRIBED
      },
      takeoverAfterMs: () => resolved().takeoverAfterMs,
      maxBufferBytes: () => resolved().maxBufferBytes,
      closeTimeoutMs: () => resolved().closeTimeoutMs,
    }
  })(),
}

/**
 * Every lane of every adapter of the workspace (package.json `polytrack.adapter`), by its name in
 * a client: each adapter built from its metadata, a destination set contributing each member.
 */
async function adapterLanes(): Promise<Record<string, Destination>> {
  const lanes: Record<string, Destination> = {}
  for (const pkg of adapterPackages()) {
    const factory = (await importBuiltFactory(pkg)) as (options: Record<string, unknown>) => Destination | DestinationSet
    const instance = factory(adapterOptions(pkg.adapter, { key: 'wk', host: 'https://example.com' }))
    if (isDestinationSet(instance)) for (const member of instance.members) lanes[member.name] = member.destination
    else lanes[instance.name] = instance
  }
  return lanes
}

// ---- the option types, from the built declarations ----------------------------------------------

const OPTION_TYPES: Record<string, OptionTypeRef> = {
  analytics: { pkg: 'core', type: 'AnalyticsOptions' },
  close: { pkg: 'core', type: 'CloseOptions' },
  rudderstack: { pkg: 'rudderstack', type: 'RudderStackOptions' },
  posthog: { pkg: 'posthog', type: 'PostHogOptions' },
  hightouch: { pkg: 'hightouch', type: 'HightouchOptions' },
  customerio: { pkg: 'customerio', type: 'CustomerIoOptions' },
  segment: { pkg: 'segment', type: 'SegmentOptions' },
  amplitude: { pkg: 'amplitude', type: 'AmplitudeOptions' },
  mixpanel: { pkg: 'mixpanel', type: 'MixpanelOptions' },
  mixpanelServiceAccount: { pkg: 'mixpanel', type: 'MixpanelServiceAccount' },
  multiplex: { pkg: 'multiplex', type: 'MultiplexChild' },
  localFlags: { pkg: 'core', type: 'LocalFlagsOptions' },
  fileSpool: { pkg: 'core', type: 'FileSpoolOptions' },
  redisSpool: { pkg: 'spool-redis', type: 'RedisSpoolOptions' },
}

// ---- the tests --------------------------------------------------------------------------------

describe('docs/configuration.md', () => {
  it('has a table for every option type and a check for every table', () => {
    expect([...docTables.keys()].sort()).toEqual([...Object.keys(GETTERS), 'vendor-settings', 'vendor-limits', 'deprecated'].sort())
  })

  const keys = builtOptionKeys(OPTION_TYPES)

  it('lists exactly the options of each exported option type', () => {
    for (const [id, typeKeys] of Object.entries(keys)) {
      const documented = docTables
        .get(id)!
        .rows.map((row) => optionName(row[0]!))
        .sort()
      expect(documented, `docs/configuration.md, table "${id}" vs ${OPTION_TYPES[id]!.type}`).toEqual(typeKeys.names)
    }
  })

  it('lists every deprecated name with the option that replaces it', () => {
    const rows = docTables
      .get('deprecated')!
      .rows.map((row) => ({ old: optionName(row[0]!), current: optionName(row[1]!), where: row[2]! }))
    const deprecated = Object.entries(keys).flatMap(([id, typeKeys]) => typeKeys.deprecated.map((old) => ({ id, old })))
    expect(new Set(rows.map((r) => r.old))).toEqual(new Set(deprecated.map((d) => d.old)))
    for (const { id, old } of deprecated) {
      const row = rows.find((r) => r.old === old)!
      expect(row.where, `deprecated ${old}: the "in" column should name ${id}`).toContain(`\`${id}\``)
      expect(keys[id]!.names, `deprecated ${old}: ${row.current} is not an option of ${id}`).toContain(row.current)
    }
  })

  for (const id of Object.keys(GETTERS)) {
    it(`states the defaults the code uses: ${id}`, async () => {
      const table = docTables.get(id)!
      for (const row of table.rows) {
        const option = optionName(row[0]!)
        const getter = GETTERS[id]![option]
        expect(getter, `no check for ${id}.${option}: add one to configuration-doc.test.ts`).toBeDefined()
        const actual = await getter!()
        const stated = defaultValue(row[1]!)
        const where = `docs/configuration.md, table "${id}", option ${option}: doc says ${row[1]}`
        if (stated === NO_LITERAL) expect(actual === undefined || actual === DESCRIBED, `${where}, code uses ${String(actual)}`).toBe(true)
        else expect(actual, where).toEqual(stated)
      }
    })
  }

  it("states each vendor's effective delivery settings, for every lane of every adapter", async () => {
    const lanes = await adapterLanes()
    const table = docTables.get('vendor-settings')!
    const columns = table.header.slice(1)
    expect(columns[0]).toBe('core')
    expect([...columns.slice(1)].sort(), 'vendor-settings: one column per adapter lane').toEqual(Object.keys(lanes).sort())
    expect(table.rows.map((row) => optionName(row[0]!)).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort())
    for (const row of table.rows) {
      const setting = optionName(row[0]!) as keyof typeof DEFAULT_SETTINGS
      columns.forEach((column, i) => {
        const actual = column === 'core' ? DEFAULT_SETTINGS[setting] : resolveSettings({}, lanes[column]!)[setting]
        expect(actual, `vendor-settings: ${setting} of ${column}`).toBe(defaultValue(row[i + 1]!))
      })
    }
  })

  it("states each vendor's limits, for every lane of every adapter", async () => {
    const lanes = await adapterLanes()
    const table = docTables.get('vendor-limits')!
    const columns = table.header.slice(1)
    expect([...columns].sort(), 'vendor-limits: one column per adapter lane').toEqual(Object.keys(lanes).sort())
    for (const row of table.rows) {
      const limit = optionName(row[0]!) as 'messageBytes' | 'batchBytes' | 'batchMessages'
      columns.forEach((column, i) => {
        expect(lanes[column]!.limits[limit], `vendor-limits: ${limit} of ${column}`).toBe(defaultValue(row[i + 1]!))
      })
    }
  })

  it("clamps flushAt to the vendor's batchMessages, as the analytics table says", () => {
    expect(resolveSettings({ flushAt: 100_000 }, VENDORS.posthog!()).flushAt).toBe(VENDORS.posthog!().limits.batchMessages)
  })
})
