import { MAX_RETRY_AFTER_MS } from './settings.js'

/**
 * Delay before retry number `retry` (1-based): exponential from `baseDelay` with full jitter
 * in [50 %, 100 %] of the step, capped at `maxDelay`. A server's `Retry-After` wins when it
 * asks for longer, capped at 5 minutes.
 */
export function retryDelay(
  retry: number,
  options: { baseDelay: number; maxDelay: number; retryAfterMs?: number | undefined },
  random: () => number = Math.random,
): number {
  const step = Math.min(options.maxDelay, options.baseDelay * 2 ** Math.min(30, Math.max(0, retry - 1)))
  const jittered = Math.round(step * (0.5 + random() / 2))
  if (options.retryAfterMs === undefined) return jittered
  return Math.max(jittered, Math.min(options.retryAfterMs, MAX_RETRY_AFTER_MS))
}
