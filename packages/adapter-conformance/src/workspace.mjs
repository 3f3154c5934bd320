// The workspace as tools see it: its packages (from pnpm-workspace.yaml), the public ones (not
// `private`), their entry points, and the adapters (packages whose package.json has a
// `polytrack.adapter` field). Plain JavaScript with no dependencies, so that the root TypeDoc
// config and the benchmark scripts can import it without a build.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** The repository root (the folder holding pnpm-workspace.yaml). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url))

/** The `packages:` globs of pnpm-workspace.yaml; only `dir/*` and plain `dir` forms are used here. */
function workspaceGlobs(root) {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
  const globs = []
  let inPackages = false
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) inPackages = /^packages:\s*$/.test(line)
    const item = inPackages ? /^\s+-\s+['"]?([^'"#\s]+)['"]?/.exec(line) : null
    if (item) globs.push(item[1])
  }
  if (globs.length === 0) throw new Error(`no packages listed in ${join(root, 'pnpm-workspace.yaml')}`)
  return globs
}

/**
 * Every workspace package, sorted by folder name.
 * @param {string} [root]
 * @returns {import('./workspace.d.mts').WorkspacePackage[]}
 */
export function workspacePackages(root = REPO_ROOT) {
  const dirs = []
  for (const glob of workspaceGlobs(root)) {
    if (glob.includes('*') && !/^[^*]+\/\*$/.test(glob)) throw new Error(`pnpm-workspace.yaml: glob ${glob} is not of the form dir/*`)
    if (!glob.endsWith('/*')) {
      dirs.push(join(root, glob))
      continue
    }
    const parent = join(root, glob.slice(0, -2))
    for (const entry of readdirSync(parent, { withFileTypes: true })) if (entry.isDirectory()) dirs.push(join(parent, entry.name))
  }
  return dirs
    .filter((path) => existsSync(join(path, 'package.json')))
    .map((path) => ({ dir: path.split(/[\\/]/).at(-1), path, manifest: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) }))
    .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0))
}

/** The packages that are published: every workspace package not marked `private`. */
export function publicPackages(root = REPO_ROOT) {
  return workspacePackages(root).filter((p) => p.manifest.private !== true)
}

/**
 * The entry points a public package exports (each `exports` subpath but `./package.json`), with the
 * source file each is built from: `./dist/<name>.js` is built from `src/<name>.ts`.
 */
export function entryPoints(pkg) {
  const exports = pkg.manifest.exports ?? {}
  return Object.entries(exports)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => {
      const built = typeof target === 'string' ? target : (target.import?.default ?? target.default)
      const match = typeof built === 'string' ? /^\.\/dist\/(.+)\.js$/.exec(built) : null
      if (!match) throw new Error(`${pkg.manifest.name}: export ${subpath} is not built from ./dist/<name>.js`)
      const source = join(pkg.path, 'src', `${match[1]}.ts`)
      if (!existsSync(source)) throw new Error(`${pkg.manifest.name}: export ${subpath} has no source file ${source}`)
      return { specifier: subpath === '.' ? pkg.manifest.name : `${pkg.manifest.name}/${subpath.slice(2)}`, source }
    })
}

const PLACEHOLDER = /^\$(key|host|secret\d*)$/

/** Throws unless `value` is well-formed adapter metadata (see docs/writing-an-adapter.md). */
function checkAdapterMetadata(name, value) {
  const fail = (why) => {
    throw new Error(`${name}: package.json polytrack.adapter ${why} (see docs/writing-an-adapter.md)`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('must be an object')
  const known = new Set(['factory', 'vendor', 'fixture', 'options', 'secretOptions'])
  for (const key of Object.keys(value)) if (!known.has(key)) fail(`has an unknown member "${key}"`)
  for (const key of ['factory', 'vendor'])
    if (typeof value[key] !== 'string' || value[key] === '') fail(`needs "${key}", a non-empty string`)
  if (value.fixture !== undefined && typeof value.fixture !== 'string') fail('"fixture" must be a string')
  for (const key of ['options', 'secretOptions']) {
    if (value[key] === undefined && key === 'secretOptions') continue
    if (value[key] === null || typeof value[key] !== 'object' || Array.isArray(value[key])) fail(`"${key}" must be an object`)
  }
  const paths = placeholderPaths(value.options)
  if (paths.$key === undefined) fail('"options" must hold "$key" (the option taking the key)')
  if (paths.$host === undefined) fail('"options" must hold "$host" (the option taking the endpoint URL)')
  const secretPaths = placeholderPaths(value.secretOptions ?? {})
  if (secretPaths.$key !== undefined || secretPaths.$host !== undefined) fail('"secretOptions" may hold only "$secret…" placeholders')
  if (value.secretOptions !== undefined && Object.keys(secretPaths).length === 0) fail('"secretOptions" holds no "$secret…" placeholder')
  return { fixture: value.vendor, ...value, secretOptions: value.secretOptions ?? {}, keyOption: paths.$key, hostOption: paths.$host }
}

/** `{ '$key': 'writeKey', '$secret': 'serviceAccount.secret', … }`: where each placeholder stands. */
function placeholderPaths(template, prefix = '', out = {}) {
  for (const [key, value] of Object.entries(template)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string' && PLACEHOLDER.test(value)) {
      if (out[value] !== undefined) throw new Error(`placeholder ${value} is used twice`)
      out[value] = path
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) placeholderPaths(value, path, out)
  }
  return out
}

/**
 * The adapter packages: workspace packages whose package.json has `polytrack.adapter`, with that
 * metadata checked and completed (`fixture` defaults to `vendor`; `keyOption` and `hostOption` are
 * where `$key` and `$host` stand in `options`).
 */
export function adapterPackages(root = REPO_ROOT) {
  return workspacePackages(root)
    .filter((p) => p.manifest.polytrack?.adapter !== undefined)
    .map((p) => ({ ...p, adapter: checkAdapterMetadata(p.manifest.name, p.manifest.polytrack.adapter) }))
}

/** The adapter package in the folder `path` (its package.json must have `polytrack.adapter`). */
export function adapterPackageAt(path) {
  const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'))
  if (manifest.polytrack?.adapter === undefined)
    throw new Error(`${join(path, 'package.json')} has no polytrack.adapter field (see docs/writing-an-adapter.md)`)
  return {
    dir: path.split(/[\\/]/).filter(Boolean).at(-1),
    path,
    manifest,
    adapter: checkAdapterMetadata(manifest.name, manifest.polytrack.adapter),
  }
}

/**
 * The options to call the adapter's factory with: `options` with `$key` and `$host` filled in and,
 * when `values.secrets` is given, `secretOptions` merged in with `$secret`, `$secret2`, … filled in
 * from it (in that order).
 */
export function adapterOptions(adapter, values) {
  const secretNames = Object.keys(placeholderPaths(adapter.secretOptions)).sort()
  const filled = { $key: values.key, $host: values.host }
  if (values.secrets) secretNames.forEach((name, i) => (filled[name] = values.secrets[i] ?? `${values.key}-${name.slice(1)}`))
  const fill = (template) =>
    Object.fromEntries(
      Object.entries(template).map(([key, value]) => {
        if (typeof value === 'string' && PLACEHOLDER.test(value)) return [key, filled[value]]
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) return [key, fill(value)]
        return [key, value]
      }),
    )
  const base = fill(adapter.options)
  return values.secrets ? mergeDeep(base, fill(adapter.secretOptions)) : base
}

/** How many `$secret…` placeholders `secretOptions` holds. */
export function secretCount(adapter) {
  return Object.keys(placeholderPaths(adapter.secretOptions)).length
}

function mergeDeep(a, b) {
  const out = { ...a }
  for (const [key, value] of Object.entries(b)) {
    const mergeable =
      value !== null && typeof value === 'object' && !Array.isArray(value) && typeof out[key] === 'object' && out[key] !== null
    out[key] = mergeable ? mergeDeep(out[key], value) : value
  }
  return out
}

/** Imports an adapter package's built entry (dist) and returns its factory. */
export async function importBuiltFactory(pkg) {
  const target = pkg.manifest.exports?.['.']
  const built = typeof target === 'string' ? target : (target?.import?.default ?? target?.default)
  if (typeof built !== 'string') throw new Error(`${pkg.manifest.name} exports no "." entry`)
  const module = await import(pathToFileURL(join(pkg.path, built)).href)
  const factory = module[pkg.adapter.factory]
  if (typeof factory !== 'function')
    throw new Error(`${pkg.manifest.name} does not export ${pkg.adapter.factory}() (polytrack.adapter.factory)`)
  return factory
}
