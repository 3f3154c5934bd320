import { ConfigError } from '../errors.js'
import type { OptionHints } from './option-hints.js'

/**
 * The `ConfigError` for an option `key` that is not in `allowed`: names `path.key`, gives the hint
 * for a name known from another SDK (`hints`, looked up case-insensitively) or else the nearest
 * allowed key, and lists `allowed`. Pure.
 */
export function unknownOptionError(key: string, allowed: readonly string[], path: string, hints: OptionHints = {}): ConfigError {
  const where = path === '' ? key : `${path}.${key}`
  const lower = key.toLowerCase()
  const hint = Object.hasOwn(hints, lower) ? hints[lower] : suggestion(key, allowed)
  return new ConfigError(where, `is not an option${hint ? ` (${hint})` : ''}; the options are: ${allowed.join(', ')}`)
}

/** "did you mean `x`?" for the allowed key nearest to `key`, when one is near enough. */
function suggestion(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  if (best === undefined || bestDistance > Math.max(2, Math.floor(best.length / 3))) return undefined
  return `did you mean \`${best}\`?`
}

/** Levenshtein distance (keys are short). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return previous[b.length] as number
}
