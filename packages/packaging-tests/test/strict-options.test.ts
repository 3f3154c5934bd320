// Every option of every exported options type is accepted, and every misspelling of one is refused
// with a ConfigError that names it and the option meant. The option names come from the built
// declarations (built-option-types.ts), so an option added to a type is tested without editing this
// file; an options type added to a package must be added below (or to NOT_CONFIGURATION, with why).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import {
  Analytics,
  ConfigError,
  createFetchTransport,
  createFileSpool,
  createHttpTransport,
  localFlags,
  type Destination,
} from '@polytrack/core'
import { rudderstack } from '@polytrack/rudderstack'
import { posthog } from '@polytrack/posthog'
import { hightouch } from '@polytrack/hightouch'
import { customerio } from '@polytrack/customerio'
import { segment } from '@polytrack/segment'
import { amplitude } from '@polytrack/amplitude'
import { mixpanel } from '@polytrack/mixpanel'
import { multiplex } from '@polytrack/multiplex'
import { redisSpool } from '@polytrack/spool-redis'
import { builtOptionKeys, exportedTypeNames, type OptionTypeRef } from './built-option-types.js'
import { PUBLIC_PACKAGES } from './public-packages.js'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const destination = (): Destination => segment({ writeKey: 'wk', host: 'http://127.0.0.1:9' })

/** How to pass one options object of a type: the required options, and the call taking it. */
interface Case extends OptionTypeRef {
  base: () => Record<string, unknown>
  take: (options: Record<string, unknown>) => Promise<void> | void
}

const CASES: Record<string, Case> = {
  AnalyticsOptions: {
    pkg: 'core',
    type: 'AnalyticsOptions',
    base: () => ({ destination: destination() }),
    take: async (options) => void (await new Analytics(options as never).close({ timeoutMs: 0 })),
  },
  CloseOptions: {
    pkg: 'core',
    type: 'CloseOptions',
    base: () => ({}),
    take: async (options) => {
      const analytics = new Analytics({ destination: destination() })
      try {
        await analytics.close(options as never)
      } finally {
        await analytics.close({ timeoutMs: 0 })
      }
    },
  },
  DeliverySettings: {
    pkg: 'core',
    type: 'DeliverySettings',
    base: () => ({}),
    take: (settings) => void multiplex([{ destination: destination(), settings }]),
  },
  LocalFlagsOptions: {
    pkg: 'core',
    type: 'LocalFlagsOptions',
    base: () => ({ definitions: { flags: [] } }),
    take: (options) => void localFlags(options as never),
  },
  FileSpoolOptions: {
    pkg: 'core',
    type: 'FileSpoolOptions',
    base: () => {
      const dir = mkdtempSync(join(tmpdir(), 'polytrack-strict-'))
      dirs.push(dir)
      return { dir }
    },
    take: async (options) => createFileSpool(options as never).close(),
  },
  HttpTransportOptions: {
    pkg: 'core',
    type: 'HttpTransportOptions',
    base: () => ({ connections: 1 }),
    take: (options) => createHttpTransport(options as never).close(),
  },
  FetchTransportOptions: {
    pkg: 'core',
    type: 'FetchTransportOptions',
    base: () => ({}),
    take: (options) => createFetchTransport(options as never).close(),
  },
  // Nothing listens on port 1: the spool is created (options checked) and closed without ever reaching Redis.
  RedisSpoolOptions: {
    pkg: 'spool-redis',
    type: 'RedisSpoolOptions',
    base: () => ({ url: 'redis://127.0.0.1:1' }),
    take: (options) => redisSpool(options as never).close(),
  },
  RudderStackOptions: {
    pkg: 'rudderstack',
    type: 'RudderStackOptions',
    base: () => ({ writeKey: 'wk', dataPlaneUrl: 'https://acme.dataplane.rudderstack.com' }),
    take: (o) => void rudderstack(o as never),
  },
  PostHogOptions: { pkg: 'posthog', type: 'PostHogOptions', base: () => ({ apiKey: 'phc_a' }), take: (o) => void posthog(o as never) },
  HightouchOptions: {
    pkg: 'hightouch',
    type: 'HightouchOptions',
    base: () => ({ writeKey: 'wk' }),
    take: (o) => void hightouch(o as never),
  },
  CustomerIoOptions: {
    pkg: 'customerio',
    type: 'CustomerIoOptions',
    base: () => ({ writeKey: 'wk' }),
    take: (o) => void customerio(o as never),
  },
  SegmentOptions: { pkg: 'segment', type: 'SegmentOptions', base: () => ({ writeKey: 'wk' }), take: (o) => void segment(o as never) },
  AmplitudeOptions: { pkg: 'amplitude', type: 'AmplitudeOptions', base: () => ({ apiKey: 'k' }), take: (o) => void amplitude(o as never) },
  MixpanelOptions: { pkg: 'mixpanel', type: 'MixpanelOptions', base: () => ({ token: 't' }), take: (o) => void mixpanel(o as never) },
  MixpanelServiceAccount: {
    pkg: 'mixpanel',
    type: 'MixpanelServiceAccount',
    base: () => ({ username: 'u', secret: 's', projectId: 'p' }),
    take: (serviceAccount) => void mixpanel({ token: 't', serviceAccount: serviceAccount as never }),
  },
  MultiplexChild: {
    pkg: 'multiplex',
    type: 'MultiplexChild',
    base: () => ({ destination: destination() }),
    take: (child) => void multiplex([child as never]),
  },
}

/** Exported option-like types that are not configuration a user writes, and why. */
const NOT_CONFIGURATION: Record<string, string> = {
  PipelineSettings: 'the resolved settings (an output; users write DeliverySettings)',
  ExchangeOptions: 'the bounds a flag source passes to FlagSourceHost.exchange (adapter contract, not user input)',
  FlagCallOptions: 'per-call flag options, read defensively: a flag call never throws (see flag-call-options.ts)',
  PostHogEventSettings: 'resolved translation settings, built by posthog()',
  PostHogFlagSettings: 'resolved flag settings, built by posthog()',
  AmplitudeEventSettings: 'resolved translation settings, built by amplitude()',
  MixpanelEventSettings: 'resolved translation settings, built by mixpanel()',
  MixpanelProfileSettings: 'resolved translation settings, built by mixpanel()',
  SinkOptions: "the local sink's options (a development server, in @polytrack/sink)",
  FlagOptions: "the local sink's flag options (a development server, in @polytrack/sink)",
  ConnectProxyOptions: "the sink's CONNECT test proxy (a test helper, in @polytrack/sink)",
}

const keys = builtOptionKeys(CASES)

/** Ways to get an option's name wrong: a letter more, a letter less, two letters swapped, all lower case. */
function misspellings(name: string): string[] {
  const swapped = name.length > 3 ? `${name.slice(0, 1)}${name[2]}${name[1]}${name.slice(3)}` : `${name}s`
  return [...new Set([`${name}x`, name.slice(0, -1), swapped, name.toLowerCase()])].filter((m) => m !== name && m.length > 0)
}

/** What `take` threw, or `undefined`. */
async function thrown(take: () => Promise<void> | void): Promise<unknown> {
  try {
    await take()
    return undefined
  } catch (error) {
    return error
  }
}

describe('strict options, from the built declarations', () => {
  it('covers every exported options type of every public package', () => {
    const exported = exportedTypeNames(
      PUBLIC_PACKAGES.filter((pkg) => pkg !== 'openfeature'),
      /(Options|Settings|Child|Account)$/,
    )
    const all = [...new Set(Object.values(exported).flat())].sort()
    expect(all).toEqual([...Object.keys(CASES), ...Object.keys(NOT_CONFIGURATION)].sort())
  })

  for (const [id, spec] of Object.entries(CASES)) {
    describe(id, () => {
      it('accepts every option (each given, set to undefined or to the required value) and every deprecated name', async () => {
        expect(keys[id]!.names.length, `${id}: no options read from the declarations`).toBeGreaterThan(0)
        const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
        try {
          for (const name of [...keys[id]!.names, ...keys[id]!.deprecated]) {
            const base = spec.base()
            const error = await thrown(() => spec.take({ ...base, [name]: base[name] }))
            expect(error, `${id}.${name} was refused: ${String(error)}`).toBeUndefined()
          }
        } finally {
          warn.mockRestore()
        }
      })

      it('refuses each misspelling of each option with a ConfigError naming it and the option meant', async () => {
        for (const name of keys[id]!.names) {
          for (const wrong of misspellings(name)) {
            if (keys[id]!.names.includes(wrong) || keys[id]!.deprecated.includes(wrong)) continue
            const error = await thrown(() => spec.take({ ...spec.base(), [wrong]: 1 }))
            expect(error, `${id}: ${wrong} (for ${name}) was accepted`).toBeInstanceOf(ConfigError)
            expect((error as ConfigError).option, `${id}: ${wrong}`).toMatch(new RegExp(`(^|\\.)${wrong.replace(/[$]/g, '\\$')}$`))
            expect((error as ConfigError).message, `${id}: ${wrong} should point to ${name}`).toContain(`\`${name}`)
          }
        }
      })
    })
  }
})
