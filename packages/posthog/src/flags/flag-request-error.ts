import { PolytrackError, redactSecrets, type PolytrackErrorCode } from '@polytrack/core/adapter'

/** Which PostHog flag endpoint a {@link FlagRequestError} is about. */
export type FlagEndpoint = 'definitions' | 'remote'

/**
 * A PostHog flag request that failed or was refused, reported through the client's `error`
 * event. Codes: `flags_unauthorized` (401/403 on definitions), `flags_rate_limited` (429),
 * `flags_quota_limited` (402, or `quotaLimited` in a `/flags` answer), `flags_definitions_failed`
 * (5xx, network, timeout, unreadable answer), `flags_remote_failed` (remote evaluation failed),
 * `flags_remote_errors` (`errorsWhileComputingFlags`). Keys never appear in the message.
 */
export class FlagRequestError extends PolytrackError {
  /** The endpoint that failed. */
  readonly endpoint: FlagEndpoint
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined

  constructor(code: PolytrackErrorCode, message: string, details: { endpoint: FlagEndpoint; status?: number; cause?: unknown }) {
    super(code, message, { cause: details.cause })
    this.name = 'FlagRequestError'
    this.endpoint = details.endpoint
    this.status = details.status
  }
}

/**
 * Replaces every occurrence of each secret (of 4 characters or more) in `text` with `****`, in
 * every spelling a server could echo (core's `redactSecrets`: URL-encoded, Base64, JSON-escaped…).
 */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  return redactSecrets(
    text,
    secrets.filter((secret) => secret !== undefined && secret.length >= 4),
  )
}

/**
 * The first `max` characters of a server's answer, on one line, with secrets masked, for an
 * error message.
 */
export function serverExcerpt(text: string, secrets: readonly (string | undefined)[], max = 200): string {
  const line = maskSecrets(text, secrets).replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}
