/** The repository root (the folder holding pnpm-workspace.yaml). */
export const REPO_ROOT: string

/** A workspace package. */
export interface WorkspacePackage {
  /** Its folder name under packages/, e.g. `segment`. */
  dir: string
  /** Absolute path of its folder. */
  path: string
  /** Its package.json. */
  manifest: {
    name: string
    private?: boolean
    exports?: Record<string, unknown>
    dependencies?: Record<string, string>
    devDependencies?: Record<string, string>
    polytrack?: { adapter?: unknown }
    [key: string]: unknown
  }
}

/** Options with placeholders: `$key`, `$host`, `$secret`, `$secret2`, … (see docs/writing-an-adapter.md). */
export type OptionsTemplate = { [option: string]: unknown }

/** `polytrack.adapter` of an adapter's package.json, checked and completed. */
export interface AdapterMetadata {
  /** Name of the factory the package exports, e.g. `segment`. */
  factory: string
  /** The sink's vendor route (`VendorName` of @polytrack/sink), e.g. `segment`. */
  vendor: string
  /** Name of the parity fixture, `packages/parity/fixtures/<fixture>.json`. Default: `vendor`. */
  fixture: string
  /** Options for a working adapter: `$key` and `$host` stand where the key and the endpoint URL go. */
  options: OptionsTemplate
  /** Further options that carry secrets (`$secret`, `$secret2`, …), merged into `options` by tools that test secrets. */
  secretOptions: OptionsTemplate
  /** The option path holding `$key`, e.g. `writeKey`. */
  keyOption: string
  /** The option path holding `$host`, e.g. `host` or `dataPlaneUrl`. */
  hostOption: string
}

/** An adapter package: a workspace package with `polytrack.adapter` metadata. */
export interface AdapterPackage extends WorkspacePackage {
  adapter: AdapterMetadata
}

/** One entry point of a public package and the source file it is built from. */
export interface EntryPoint {
  /** e.g. `@polytrack/core/flags` */
  specifier: string
  /** Absolute path, e.g. `…/packages/core/src/flags.ts` */
  source: string
}

export function workspacePackages(root?: string): WorkspacePackage[]
export function publicPackages(root?: string): WorkspacePackage[]
export function entryPoints(pkg: WorkspacePackage): EntryPoint[]
export function adapterPackages(root?: string): AdapterPackage[]
export function adapterPackageAt(path: string): AdapterPackage
/** The factory's options: `options` filled in; with `secrets`, `secretOptions` merged in and filled too. */
export function adapterOptions(
  adapter: AdapterMetadata,
  values: { key: string; host: string; secrets?: readonly string[] },
): Record<string, unknown>
/** How many `$secret…` placeholders `secretOptions` holds. */
export function secretCount(adapter: AdapterMetadata): number
/** Imports the package's built entry and returns its factory. */
export function importBuiltFactory(pkg: AdapterPackage): Promise<(options: Record<string, unknown>) => unknown>
