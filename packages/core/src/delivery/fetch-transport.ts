import { readOptions } from '../config/read-options.js'
import type { HttpRequest } from '../destination.js'
import { ConfigError } from '../errors.js'
import type { ExchangeOptions, ExchangeRequest, ExchangeResult } from './exchange.js'
import type { Transport } from './http-transport.js'
import { withDeadline } from './deadline.js'
import { parseRetryAfter } from './retry-after.js'
import { classifyStatus, type SendResult } from './send-result.js'

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /** Most response-body bytes read of a batch's answer (the rest is discarded). Default 16 KiB. */
  maxResponseBytes?: number
  /** The `fetch` to call. Default: the runtime's global `fetch`, looked up at each request. */
  fetch?: typeof globalThis.fetch
}

type BodyStream = ReadableStream<Uint8Array>

/**
 * The transport for runtimes without undici's Node sockets (Bun, Deno, Cloudflare Workers, Vercel
 * Edge), and for anyone who wants the platform's `fetch`: a timeout on each request (headers and
 * body), bounded reads of the answer, gzip through `CompressionStream` where the runtime has it (the
 * body goes uncompressed where it has not), and redirects not followed (`redirect: 'manual'`: a 3xx
 * is reported as a failure, never sent again elsewhere with the keys). The connection pool is the
 * runtime's own. `close()` aborts what is still in flight. Neither method rejects. Unknown or
 * invalid options throw a `ConfigError`.
 *
 * @example
 * new Analytics({ destination, transport: () => createFetchTransport() })
 */
export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
  options = readOptions(options, ['maxResponseBytes', 'fetch'], 'createFetchTransport')
  checkFetchTransportOptions(options)
  const maxResponseBytes = options.maxResponseBytes ?? 16_384
  const inFlight = new Set<AbortController>()
  let closed = false

  const fetchOf = (): typeof globalThis.fetch => options.fetch ?? globalThis.fetch

  async function send(req: HttpRequest, { signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number }): Promise<SendResult> {
    if (signal.aborted || closed) return { kind: 'aborted', reason: 'closed' }
    return withDeadline(
      signal,
      timeoutMs,
      async (requestSignal, timedOut) => {
        try {
          const headers: Record<string, string> = { ...req.headers }
          let body: string | Uint8Array = req.body
          if (req.gzip && typeof CompressionStream === 'function') {
            body = await gzipped(req.body)
            headers['content-encoding'] = 'gzip'
          }
          const response = await fetchOf()(req.url, {
            method: 'POST',
            headers,
            body: body as RequestInit['body'],
            signal: requestSignal,
            redirect: 'manual',
          })
          const text = await readBounded(response.body, maxResponseBytes)
          return classifyStatus(response.status, parseRetryAfter(response.headers.get('retry-after') ?? undefined), text || undefined)
        } catch (error) {
          if (signal.aborted || closed) return { kind: 'aborted', reason: 'closed' } satisfies SendResult
          if (timedOut()) return { kind: 'retryable', reason: `timed out after ${timeoutMs} ms` } satisfies SendResult
          return { kind: 'retryable', reason: networkReason(error) } satisfies SendResult
        }
      },
      inFlight,
    )
  }

  async function exchange(req: ExchangeRequest, { signal, timeoutMs, maxResponseBytes: max }: ExchangeOptions): Promise<ExchangeResult> {
    if (signal.aborted || closed) return { kind: 'failure', failure: 'aborted', message: 'aborted' }
    return withDeadline(
      signal,
      timeoutMs,
      async (requestSignal, timedOut) => {
        try {
          const response = await fetchOf()(req.url, {
            method: req.method,
            headers: req.headers,
            ...(req.body === undefined ? {} : { body: req.body }),
            signal: requestSignal,
            redirect: 'manual',
          })
          const declared = Number(response.headers.get('content-length') ?? Number.NaN)
          if (Number.isFinite(declared) && declared > max) {
            await response.body?.cancel().catch(() => undefined)
            return { kind: 'failure', failure: 'too-large', message: `answer of ${declared} bytes is over the ${max}-byte limit` }
          }
          const body = await readAll(response.body, max)
          if (body === undefined) return { kind: 'failure', failure: 'too-large', message: `answer is over the ${max}-byte limit` }
          const headers: Record<string, string> = {}
          response.headers.forEach((value, name) => {
            headers[name.toLowerCase()] = value
          })
          return { kind: 'response', status: response.status, headers, body }
        } catch (error) {
          if (signal.aborted || closed) return { kind: 'failure', failure: 'aborted', message: 'aborted' }
          if (timedOut()) return { kind: 'failure', failure: 'timeout', message: `no answer within ${timeoutMs} ms` }
          return { kind: 'failure', failure: 'network', message: networkReason(error) }
        }
      },
      inFlight,
    )
  }

  return {
    send,
    exchange,
    async close() {
      closed = true
      for (const controller of inFlight) controller.abort(new Error('transport closed'))
      inFlight.clear()
    },
  }
}

/** The UTF-8 bytes of `text`, gzipped by the runtime's `CompressionStream`. */
async function gzipped(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** Reads at most `max` bytes of `body` into `chunks`; `pastMax` decides whether reading stops once past that. */
async function collect(
  body: BodyStream | null,
  max: number,
  pastMax: (size: number) => 'stop' | 'truncate',
): Promise<{ chunks: Uint8Array[]; over: boolean }> {
  const chunks: Uint8Array[] = []
  if (body === null) return { chunks, over: false }
  const reader = body.getReader()
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { chunks, over: size > max }
      if (size < max) chunks.push(value.subarray(0, max - size))
      size += value.length
      if (size > max && pastMax(size) === 'stop') {
        await reader.cancel().catch(() => undefined)
        return { chunks, over: true }
      }
    }
  } finally {
    reader.releaseLock()
  }
}

function decode(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder()
  let text = ''
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true })
  return text + decoder.decode()
}

/** The whole body as text, or `undefined` once it passes `max` bytes (the rest is not read). */
async function readAll(body: BodyStream | null, max: number): Promise<string | undefined> {
  const { chunks, over } = await collect(body, max, () => 'stop')
  return over ? undefined : decode(chunks)
}

/** The first `max` bytes of the body as text; reading stops (the body is cancelled) past 64 × `max`. */
async function readBounded(body: BodyStream | null, max: number): Promise<string> {
  const { chunks } = await collect(body, max, (size) => (size > max * 64 ? 'stop' : 'truncate'))
  return decode(chunks)
}

/** A `fetch` that is not a function and a size that is not a positive integer are `ConfigError`s (`options`: a snapshot). */
function checkFetchTransportOptions(options: FetchTransportOptions): void {
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new ConfigError('createFetchTransport.fetch', 'must be a function with the signature of the global fetch')
  }
  const max = options.maxResponseBytes
  if (max !== undefined && !(typeof max === 'number' && Number.isSafeInteger(max) && max > 0)) {
    throw new ConfigError('createFetchTransport.maxResponseBytes', `must be a positive integer (bytes), got ${String(max)}`)
  }
}

function networkReason(error: unknown): string {
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } }
  const code = err.code ?? err.cause?.code
  const message = err.cause?.message ?? err.message ?? String(error)
  return code ? `network error ${code}: ${message}` : `network error: ${message}`
}
