import type { Destination, DestinationSet } from '@polytrack/core'
import { isDestinationSet } from '@polytrack/core/adapter'
import type { VendorName } from '@polytrack/sink'
import type { AdapterConformanceSpec } from './conformance-spec.js'
import { adapterOptions, adapterPackageAt, type AdapterPackage } from './workspace.mjs'

/** What an adapter factory returns. */
export type AdapterInstance = Destination | DestinationSet

/** One lane of an adapter: the destination itself, or one member of the set it returns. */
export interface Lane {
  /** Its name in the client (in reports and the `@polytrack/<name>` routing key). */
  name: string
  destination: Destination
}

/** The adapter a conformance run tests: its metadata and how to build it. */
export interface AdapterUnderTest {
  pkg: AdapterPackage
  /** The sink's vendor route. */
  vendor: VendorName
  /** Calls the factory with these options. */
  build(options: Record<string, unknown>): AdapterInstance
  /** The metadata's options with this key and host. */
  options(key: string, host: string): Record<string, unknown>
  /** Builds the adapter from its metadata's options with this key, pointed at `host`. */
  create(key: string, host: string): AdapterInstance
  /** The same with `secretOptions` too, every `$secret` filled in from `secrets`. */
  createWithSecrets(key: string, host: string, secrets: readonly string[]): AdapterInstance
}

/** Reads the adapter's package.json metadata and takes its factory from the entry module. */
export function adapterUnderTest(spec: AdapterConformanceSpec): AdapterUnderTest {
  const pkg = adapterPackageAt(spec.packageDir ?? process.cwd())
  const factory = spec.module[pkg.adapter.factory]
  if (typeof factory !== 'function') {
    throw new Error(
      `${pkg.manifest.name}: package.json polytrack.adapter.factory is "${pkg.adapter.factory}", which the entry module does not export`,
    )
  }
  const build = (options: Record<string, unknown>) => (factory as (o: Record<string, unknown>) => AdapterInstance)(options)
  return {
    pkg,
    vendor: pkg.adapter.vendor as VendorName,
    build,
    options: (key, host) => adapterOptions(pkg.adapter, { key, host }),
    create: (key, host) => build(adapterOptions(pkg.adapter, { key, host })),
    createWithSecrets: (key, host, secrets) => build(adapterOptions(pkg.adapter, { key, host, secrets })),
  }
}

/** The lanes of an adapter instance. */
export function lanesOf(instance: AdapterInstance): Lane[] {
  if (isDestinationSet(instance)) return instance.members.map((m) => ({ name: m.name, destination: m.destination }))
  return [{ name: instance.name, destination: instance }]
}

/** Every secret an adapter instance holds (all lanes). */
export function secretsOf(instance: AdapterInstance): string[] {
  return [...new Set(lanesOf(instance).flatMap((lane) => [...lane.destination.secrets]))]
}
