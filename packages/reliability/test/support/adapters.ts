import type { Destination, DestinationSet } from '@polytrack/core'
import { rudderstack } from '@polytrack/rudderstack'

/** The secrets an adapter is given, and a factory taking its endpoint option. */
export interface AdapterCase {
  name: string
  /** The option holding the endpoint, e.g. `dataPlaneUrl` or `host`. */
  urlOption: string
  /** Every secret handed to the adapter. */
  secrets: string[]
  create(options: Record<string, unknown>): Destination | DestinationSet
  /** Options with the secrets and `url`. */
  options(url: string): Record<string, unknown>
}

type Factory = (options: Record<string, unknown>) => Destination | DestinationSet

/**
 * RudderStack (a dependency of this package) and every other adapter whose build exists in the
 * workspace (loaded from its dist, so that a new adapter is covered as soon as it is built).
 */
export async function loadAdapters(): Promise<{ adapters: AdapterCase[]; missing: string[] }> {
  const adapters: AdapterCase[] = [
    {
      name: 'rudderstack',
      urlOption: 'dataPlaneUrl',
      secrets: ['wk_rudder_SECRET_9d1e'],
      create: rudderstack as unknown as Factory,
      options: (url) => ({ writeKey: 'wk_rudder_SECRET_9d1e', dataPlaneUrl: url }),
    },
  ]
  const others: { name: string; urlOption: string; secrets: string[]; options: (url: string) => Record<string, unknown> }[] = [
    {
      name: 'posthog',
      urlOption: 'host',
      secrets: ['phc_posthog_SECRET_5b7c', 'phx_personal_SECRET_0a3f'],
      options: (url) => ({ apiKey: 'phc_posthog_SECRET_5b7c', personalApiKey: 'phx_personal_SECRET_0a3f', host: url }),
    },
    { name: 'hightouch', urlOption: 'host', secrets: ['wk_hightouch_SECRET_77aa'], options: (url) => ({ writeKey: 'wk_hightouch_SECRET_77aa', host: url }) },
    { name: 'customerio', urlOption: 'host', secrets: ['wk_customerio_SECRET_31bd'], options: (url) => ({ writeKey: 'wk_customerio_SECRET_31bd', host: url }) },
    { name: 'segment', urlOption: 'host', secrets: ['wk_segment_SECRET_c0de'], options: (url) => ({ writeKey: 'wk_segment_SECRET_c0de', host: url }) },
    // minIdLength 1: the tests' user ids (u0…u9) are shorter than Amplitude's default 5.
    { name: 'amplitude', urlOption: 'host', secrets: ['amp_amplitude_SECRET_4e21'], options: (url) => ({ apiKey: 'amp_amplitude_SECRET_4e21', host: url, minIdLength: 1 }) },
    {
      name: 'mixpanel',
      urlOption: 'host',
      secrets: ['mp_token_SECRET_8b02', 'mp_sa_SECRET_19fe'],
      options: (url) => ({ token: 'mp_token_SECRET_8b02', serviceAccount: { username: 'sa.polytrack', secret: 'mp_sa_SECRET_19fe', projectId: '1' }, host: url }),
    },
  ]
  const missing: string[] = []
  for (const other of others) {
    try {
      const module = (await import(new URL(`../../../${other.name}/dist/index.js`, import.meta.url).href)) as Record<string, unknown>
      const create = module[other.name]
      if (typeof create !== 'function') throw new Error('no factory')
      adapters.push({ ...other, create: create as Factory })
    } catch {
      missing.push(other.name)
    }
  }
  return { adapters, missing }
}
