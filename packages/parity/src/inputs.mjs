// Loads the shared fixed inputs (fixtures/inputs.json) and revives {"$date": ISO} markers as Dates.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Path of the shared inputs file. */
export const INPUTS_PATH = fileURLToPath(new URL('../fixtures/inputs.json', import.meta.url))

/** Replaces every `{"$date": ISO}` marker by a Date, recursively. */
export function reviveDates(value) {
  if (Array.isArray(value)) return value.map(reviveDates)
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === '$date') return new Date(value.$date)
    return Object.fromEntries(keys.map((k) => [k, reviveDates(value[k])]))
  }
  return value
}

/** The fixed cases, with Dates revived. */
export function loadCases() {
  return reviveDates(JSON.parse(readFileSync(INPUTS_PATH, 'utf8')).cases)
}
