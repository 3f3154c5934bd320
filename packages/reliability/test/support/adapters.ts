import type { Destination, DestinationSet } from '@polytrack/core'
import { adapterOptions, adapterPackages, importBuiltFactory, secretCount } from '@polytrack/adapter-conformance/workspace'

/** The secrets an adapter is given, and a factory taking its endpoint option. */
export interface AdapterCase {
  name: string
  /** The option holding the endpoint, e.g. `dataPlaneUrl` or `host`. */
  urlOption: string
  /** The option holding the key, e.g. `writeKey`. */
  keyOption: string
  /** Every secret handed to the adapter. */
  secrets: string[]
  create(options: Record<string, unknown>): Destination | DestinationSet
  /** Options with the secrets and `url`. */
  options(url: string): Record<string, unknown>
}

/**
 * Every adapter of the workspace (packages with `polytrack.adapter` metadata in package.json),
 * loaded from its build, with its key and every other secret option filled in
 * (`polytrack.adapter.secretOptions`). `missing` names the adapters whose build is absent.
 */
export async function loadAdapters(): Promise<{ adapters: AdapterCase[]; missing: string[] }> {
  const adapters: AdapterCase[] = []
  const missing: string[] = []
  for (const pkg of adapterPackages()) {
    const key = `wk_${pkg.dir}_SECRET_9d1e`
    const extra = Array.from({ length: secretCount(pkg.adapter) }, (_, i) => `sk_${pkg.dir}_${i + 1}_SECRET_0a3f`)
    try {
      const create = (await importBuiltFactory(pkg)) as AdapterCase['create']
      adapters.push({
        name: pkg.dir,
        urlOption: pkg.adapter.hostOption,
        keyOption: pkg.adapter.keyOption,
        secrets: [key, ...extra],
        create,
        options: (url) => adapterOptions(pkg.adapter, { key, host: url, secrets: extra }),
      })
    } catch {
      missing.push(pkg.dir)
    }
  }
  return { adapters, missing }
}
