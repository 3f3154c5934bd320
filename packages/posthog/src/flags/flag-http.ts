/**
 * One bounded HTTP exchange with PostHog's flag endpoints over Node's global `fetch`: a timeout,
 * an outside abort signal (the source's `close()`), and a body read that stops at a byte limit.
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
  constructor(readonly kind: FlagHttpFailure, message: string, options?: { cause?: unknown }) {
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

async function readBounded(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return ''
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => undefined)
    throw new FlagHttpFailureError('too_large', `answer of ${declared} bytes is over the ${maxBytes}-byte limit`)
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new FlagHttpFailureError('too_large', `answer is over the ${maxBytes}-byte limit`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Sends `request` and reads the answer (the body only for 2xx, at most `maxBytes`). Throws a
 * {@link FlagHttpFailureError} for a timeout, an abort, a connection failure or a body too large.
 * Nothing here keeps the process alive once it settles.
 */
export async function flagHttp(request: FlagHttpRequest): Promise<FlagHttpResponse> {
  const timeout = AbortSignal.timeout(request.timeout)
  const signal = AbortSignal.any([timeout, request.signal])
  const failure = (error: unknown): never => {
    if (error instanceof FlagHttpFailureError) throw error
    if (request.signal.aborted) throw new FlagHttpFailureError('aborted', 'request aborted', { cause: error })
    if (timeout.aborted) throw new FlagHttpFailureError('timeout', `no answer within ${request.timeout} ms`, { cause: error })
    const detail = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)
    throw new FlagHttpFailureError('connection_error', `connection failed: ${detail}`, { cause: error })
  }
  let response: Response
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: 'error',
    })
  } catch (error) {
    return failure(error)
  }
  const etag = response.headers.get('etag') ?? undefined
  try {
    // Error bodies are read too (bounded), for the error message.
    const text = response.status === 304 ? '' : await readBounded(response, request.maxBytes)
    return { status: response.status, etag, text }
  } catch (error) {
    return failure(error)
  }
}
