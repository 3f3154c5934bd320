/** Base class of every error Polytrack creates. `code` is stable and machine-readable. */
export class PolytrackError extends Error {
  /** A stable, machine-readable error code. */
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PolytrackError'
    this.code = code
  }
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
    code: string,
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
