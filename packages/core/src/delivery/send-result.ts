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
