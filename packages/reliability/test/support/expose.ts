import { inspect } from 'node:util'

/** Everything observable about a value: JSON, util.inspect, and for errors message/stack/cause. */
export function expose(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || typeof value !== 'object' || seen.has(value)) return String(value)
  seen.add(value)
  let out = inspect(value, { depth: 20, showHidden: true, getters: true })
  if (value instanceof Error) {
    out += `\n${value.name}\n${value.message}\n${value.stack}\n${JSON.stringify(value)}\n${expose(value.cause, seen)}`
    for (const key of Object.keys(value)) out += `\n${key}=${expose((value as unknown as Record<string, unknown>)[key], seen)}`
  } else {
    try {
      out += `\n${JSON.stringify(value)}`
    } catch {
      // cycles: inspect covered it
    }
    for (const v of Object.values(value)) out += `\n${expose(v, seen)}`
  }
  return out
}
