import type { LaneListener, PolytrackError } from '@polytrack/core'

/** A lane listener that records what the lane said. */
export function probe(): LaneListener & { errors: PolytrackError[]; readables: number; kinds(): string[] } {
  const errors: PolytrackError[] = []
  const listener = {
    errors,
    readables: 0,
    readable() {
      listener.readables++
    },
    error(error: PolytrackError) {
      errors.push(error)
    },
    /** The `kind` of each RedisSpoolError (else its code). */
    kinds: () => errors.map((e) => (e as { kind?: string }).kind ?? e.code),
  }
  return listener
}

/** Waits until `check` holds (polling every 10 ms), failing after `ms` with `what`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
