// What the code uses, for each option table of docs/configuration.md: a getter per option that
// returns the default the built packages use (read from exported constants, from the resolved
// settings of real destinations, or observed in behaviour).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
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
import { isDestinationSet, type FlagSourceHost } from '@polytrack/core/adapter'
import { adapterOptions, adapterPackages, importBuiltFactory } from '@polytrack/adapter-conformance/workspace'
import { rudderstack } from '@polytrack/rudderstack'
import { posthog, POSTHOG_HOSTS } from '@polytrack/posthog'
import { hightouch } from '@polytrack/hightouch'
import { customerio } from '@polytrack/customerio'
import { segment } from '@polytrack/segment'
import { multiplex } from '@polytrack/multiplex'
import { RedisSpool } from '@polytrack/spool-redis'
import { amplitude, AMPLITUDE_HOSTS } from '@polytrack/amplitude'
import { mixpanel, MIXPANEL_HOSTS } from '@polytrack/mixpanel'

/** What a getter returns when it checked a default that is not a literal in behaviour (its checks ran; nothing to compare). */
export const DESCRIBED = Symbol('checked in behaviour')
/** A getter returns the default the code uses; for a default that is not a literal it checks the behaviour and returns DESCRIBED. */
export type Getter = () => unknown | Promise<unknown>

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

/** Closes and removes what the getters created (spools, temporary directories); for the test's `afterAll`. */
export async function cleanUpGetters(): Promise<void> {
  for (const cleanup of cleanups) await cleanup()
}

/** The adapters whose option tables this doc has, with their default hosts (for the getters below). */
export const VENDORS: Record<string, () => Destination> = {
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

/** For each option table of the doc, by its id: a getter for each option (see {@link Getter}). */
export const GETTERS: Record<string, Record<string, Getter>> = {
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
export async function adapterLanes(): Promise<Record<string, Destination>> {
  const lanes: Record<string, Destination> = {}
  for (const pkg of adapterPackages()) {
    const factory = (await importBuiltFactory(pkg)) as (options: Record<string, unknown>) => Destination | DestinationSet
    const instance = factory(adapterOptions(pkg.adapter, { key: 'wk', host: 'https://example.com' }))
    if (isDestinationSet(instance)) for (const member of instance.members) lanes[member.name] = member.destination
    else lanes[instance.name] = instance
  }
  return lanes
}
