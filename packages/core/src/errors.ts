/**
 * Every error code Polytrack uses, stable and machine-readable (see docs/reliability.md for what
 * each means). `http_<status>` is a batch refused with that status.
 */
export const ERROR_CODES = [
  'invalid_message',
  'invalid_config',
  'delivery_failed',
  'closed',
  'internal',
  'middleware_error',
  'spool_corrupt',
  'spool_foreign_file',
  'spool_read',
  'spool_write',
  'spool_unavailable',
  'spool_taken_over',
  'flags_closed',
  'flags_definitions_failed',
  'flags_error',
  'flags_evaluation_limit',
  'flags_file',
  'flags_invalid',
  'flags_quota_limited',
  'flags_rate_limited',
  'flags_remote_errors',
  'flags_remote_failed',
  'flags_unauthorized',
  'flags_unavailable',
] as const

/** A Polytrack error code: one of {@link ERROR_CODES}, or `http_<status>` for a refused batch. */
export type PolytrackErrorCode = (typeof ERROR_CODES)[number] | `http_${number}`

/** Marks Polytrack's errors across copies of the package (ESM and CJS, or two versions). */
const BRAND = Symbol.for('@polytrack/error')

/** Base class of every error Polytrack creates. `code` is stable and machine-readable. */
export class PolytrackError extends Error {
  /** A stable, machine-readable error code. */
  readonly code: PolytrackErrorCode

  constructor(code: PolytrackErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PolytrackError'
    this.code = code
    Object.defineProperty(this, BRAND, { value: true })
  }
}

/**
 * Is `value` an error Polytrack created? Unlike `instanceof PolytrackError`, it holds across
 * duplicate copies of the package (an ESM and a CJS copy in one process, or two versions). Pure.
 */
export function isPolytrackError(value: unknown): value is PolytrackError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true &&
    typeof (value as { code?: unknown }).code === 'string'
  )
}

/**
 * Thrown synchronously by `track()`, `identify()` and the other calls when their input cannot
 * be sent. `field` is the path of the offending value, e.g. `properties.items[2].price`.
 * Nothing else is affected: other messages are queued and delivered as usual.
 */
export class ValidationError extends PolytrackError {
  /** Path of the offending field, e.g. `userId` or `properties.cart.total`. */
  readonly field: string
  /** What is wrong with it, in a few words. */
  readonly reason: string

  constructor(field: string, reason: string) {
    super('invalid_message', `Invalid message: ${field} ${reason}`)
    this.name = 'ValidationError'
    this.field = field
    this.reason = reason
  }
}

/** Thrown when a client or destination is created with options that cannot work. */
export class ConfigError extends PolytrackError {
  /** The option at fault, e.g. `writeKey` or `flushAt`. */
  readonly option: string

  constructor(option: string, reason: string) {
    super('invalid_config', `Invalid option ${option}: ${reason}`)
    this.name = 'ConfigError'
    this.option = option
  }
}

/**
 * Reported through the `error` event when a batch could not be delivered: a status the vendor
 * will not accept again (400/401/403/...), retries exhausted, or a timeout at close.
 * Never thrown into the host.
 */
export class DeliveryError extends PolytrackError {
  /** The destination's name. */
  readonly destination: string
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined
  /** The start of the server's answer (at most 1,000 characters, secrets masked). */
  readonly serverText: string | undefined

  constructor(
    code: PolytrackErrorCode,
    message: string,
    details: { destination: string; status?: number; serverText?: string; cause?: unknown },
  ) {
    super(code, message, { cause: details.cause })
    this.name = 'DeliveryError'
    this.destination = details.destination
    this.status = details.status
    this.serverText = details.serverText
  }
}
