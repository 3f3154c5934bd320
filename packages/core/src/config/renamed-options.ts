import { ConfigError } from '../errors.js'

/** Old option name → new name, for options renamed with a deprecation period. */
export type Renames = Readonly<Record<string, string>>

/**
 * The delivery settings renamed to carry their unit (`Ms`). The old names are accepted for one
 * release, with a `DeprecationWarning`.
 */
export const RENAMED_SETTINGS: Renames = Object.freeze({
  flushInterval: 'flushIntervalMs',
  httpTimeout: 'httpTimeoutMs',
  retryBaseDelay: 'retryBaseDelayMs',
  retryMaxDelay: 'retryMaxDelayMs',
})

/** Old names already warned about in this process: one warning per name. */
const warned = new Set<string>()

/**
 * Warns once per process that `where` + `oldName` is deprecated in favour of `newName`: a
 * `DeprecationWarning` (code `POLYTRACK_DEP_<OLD_NAME>`), or `console.warn` where there is no
 * `process.emitWarning`. Never throws.
 */
export function warnRenamed(oldName: string, newName: string, where = ''): void {
  const key = `${where}${oldName}`
  if (warned.has(key)) return
  warned.add(key)
  const text = `Polytrack: the option ${key} is deprecated and will be removed in the next release; use ${where}${newName} (same value, in milliseconds)`
  const emitWarning = (globalThis as { process?: { emitWarning?: (message: string, options: object) => void } }).process?.emitWarning
  if (typeof emitWarning === 'function') {
    emitWarning(text, { type: 'DeprecationWarning', code: `POLYTRACK_DEP_${oldName.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}` })
  } else {
    console.warn(text)
  }
}

/**
 * `options` with every old name of `renames` moved to its new name (a shallow copy of its own
 * enumerable properties, without a prototype; the input is not changed; `options` itself when
 * nothing was renamed). A deprecated name given once warns
 * once per process (`warnRenamed`); an old and a new name given together throw a
 * `ConfigError` naming both, since the two could disagree. `undefined` values count as not
 * given, and so do inherited ones. `path` prefixes names in errors and warnings (`settings.`).
 */
export function applyRenames<T extends object>(options: T, renames: Renames, path = ''): T {
  const given = options as Record<string, unknown>
  let out: Record<string, unknown> | undefined
  for (const [oldName, newName] of Object.entries(renames)) {
    // Own names only: an inherited one (a polluted Object.prototype) is not an option given.
    const old = Object.hasOwn(given, oldName) ? given[oldName] : undefined
    if (old === undefined) continue
    if (Object.hasOwn(given, newName) && given[newName] !== undefined) {
      throw new ConfigError(
        `${path}${oldName}`,
        `and ${path}${newName} are the same option (${oldName} is its deprecated name); give only ${path}${newName}`,
      )
    }
    warnRenamed(oldName, newName, path)
    const copy: Record<string, unknown> = out ?? Object.assign(Object.create(null) as Record<string, unknown>, given)
    delete copy[oldName]
    copy[newName] = old
    out = copy
  }
  return (out ?? options) as T
}
