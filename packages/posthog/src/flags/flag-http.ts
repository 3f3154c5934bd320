import type { FlagSourceHost } from '@polytrack/core/adapter'

/**
 * One bounded HTTP exchange with PostHog's flag endpoints through the client's HTTP layer: a
 * timeout, an outside abort signal (the source's `close()`), and a body read that stops at a byte limit.
 */

/** What came back. */
export interface FlagHttpResponse {
  status: number
  /** The `ETag` header, when present. */
  etag: string | undefined
  /** The body as text (empty for 304 and when not read). */
  text: string
}

/** Why the exchange produced no response. */
export type FlagHttpFailure = 'timeout' | 'aborted' | 'connection_error' | 'too_large'

/** Thrown by {@link flagHttp} when there is no usable response. */
export class FlagHttpFailureError extends Error {
  constructor(
    readonly kind: FlagHttpFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'FlagHttpFailureError'
  }
}

/** One request. */
export interface FlagHttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
  /** Milliseconds for the whole exchange, body included. */
  timeout: number
  /** Aborts the exchange (e.g. the source is closing). */
  signal: AbortSignal
  /** Largest body read, in bytes. */
  maxBytes: number
}

/** How a flag request reaches the network: the client's HTTP layer (`FlagSourceHost.exchange`). */
export type FlagExchange = FlagSourceHost['exchange']

/**
 * Sends `request` through `exchange` (the client's transport: its proxy, sockets and bounded
 * reads; never the global `fetch`) and reads the answer (at most `maxBytes`). Throws a
 * {@link FlagHttpFailureError} for a timeout, an abort, a connection failure or a body too large.
 */
export async function flagHttp(exchange: FlagExchange, request: FlagHttpRequest): Promise<FlagHttpResponse> {
  const result = await exchange(
    { method: request.method, url: request.url, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) },
    { signal: request.signal, timeoutMs: request.timeout, maxResponseBytes: request.maxBytes },
  )
  if (result.kind === 'response')
    return { status: result.status, etag: result.headers.etag, text: result.status === 304 ? '' : result.body }
  const kind: FlagHttpFailure =
    result.failure === 'too-large' ? 'too_large' : result.failure === 'network' ? 'connection_error' : result.failure
  throw new FlagHttpFailureError(kind, kind === 'connection_error' ? `connection failed: ${result.message}` : result.message)
}
