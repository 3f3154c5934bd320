/** What one HTTP attempt came to. */
export type SendResult =
  /** The vendor accepted the batch. */
  | { kind: 'success'; status: number; serverText?: string }
  /** Worth trying again: network error, timeout, 408, 429, 5xx except 501/505. */
  | { kind: 'retryable'; status?: number; retryAfterMs?: number; reason: string; serverText?: string }
  /** The vendor refused the batch and will refuse it again (400, 401, 403, 404, 3xx, 501, 505…). */
  | { kind: 'failed'; status: number; reason: string; serverText?: string }
  /** 413: the batch is too large; split it. */
  | { kind: 'too-large'; status: 413; serverText?: string }
  /** Stopped by `close()` at its deadline. */
  | { kind: 'aborted'; reason: string }

/**
 * Classifies an HTTP status. Retried: 408, 429 and 5xx except 501 and 505.
 * 413 splits the batch. Everything else outside 2xx is final (no redirect is followed).
 */
export function classifyStatus(status: number, retryAfterMs: number | undefined, serverText: string | undefined): SendResult {
  if (status >= 200 && status < 300) return serverText ? { kind: 'success', status, serverText } : { kind: 'success', status }
  if (status === 413) return { kind: 'too-large', status, ...(serverText ? { serverText } : {}) }
  const text = serverText ? { serverText } : {}
  if (status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505)) {
    return {
      kind: 'retryable',
      status,
      reason: `HTTP ${status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...text,
    }
  }
  const reason = status >= 300 && status < 400 ? `HTTP ${status} redirect (not followed)` : `HTTP ${status}`
  return { kind: 'failed', status, reason, ...text }
}

const KINDS = new Set(['success', 'retryable', 'failed', 'too-large', 'aborted'])

/**
 * `value` as a {@link SendResult}, for what a custom transport returned: a missing `reason` becomes
 * `HTTP <status>` (or `no reason given`), a `serverText` that is not a string is left out. Throws an
 * `Error` naming the transport for anything that is not a result at all (no known `kind`, a
 * `status` that is not a number where one is needed, a `reason` that is not a string), which fails
 * the batch as a broken transport. Pure.
 */
export function checkedSendResult(value: unknown): SendResult {
  if (value === null || typeof value !== 'object')
    throw new Error(`the transport returned ${value === null ? 'null' : typeof value}, not a SendResult`)
  const { kind, status, reason, serverText, retryAfterMs } = value as Record<string, unknown>
  if (typeof kind !== 'string' || !KINDS.has(kind)) throw new Error('the transport returned a result without a known kind')
  if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status)))
    throw new Error('the transport returned a non-integer status')
  if (reason !== undefined && typeof reason !== 'string') throw new Error('the transport returned a reason that is not a string')
  if ((kind === 'success' || kind === 'failed') && status === undefined)
    throw new Error(`the transport returned a ${kind} without a status`)
  const text = typeof serverText === 'string' ? { serverText } : {}
  const why = reason ?? (status === undefined ? 'no reason given' : `HTTP ${status}`)
  switch (kind) {
    case 'success':
      return { kind, status: status as number, ...text }
    case 'failed':
      return { kind, status: status as number, reason: why, ...text }
    case 'too-large':
      return { kind, status: 413, ...text }
    case 'aborted':
      return { kind, reason: why }
    default:
      return {
        kind: 'retryable',
        ...(status === undefined ? {} : { status: status as number }),
        reason: why,
        ...(typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? { retryAfterMs } : {}),
        ...text,
      }
  }
}
