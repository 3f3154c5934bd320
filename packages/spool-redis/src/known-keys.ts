import { ConfigError } from '@polytrack/core'

/**
 * Throws a `ConfigError` naming the first key of `options` that is not in `allowed`, with the
 * nearest allowed key ("did you mean `url`?"). The same rule as core's own options.
 */
export function assertKnownKeys(options: object, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue
    const hint = suggestion(key, allowed)
    throw new ConfigError(`${path}.${key}`, `is not an option${hint ? ` (${hint})` : ''}; the options are: ${allowed.join(', ')}`)
  }
}

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
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length] as number
}
