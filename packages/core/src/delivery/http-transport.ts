import { promisify } from 'node:util'
import { gzip as gzipCallback, gzipSync } from 'node:zlib'
import { request } from 'undici'
import { redactSecrets } from '../config/secret-forms.js'
import type { HttpRequest } from '../destination.js'
import type { ExchangeOptions, ExchangeRequest, ExchangeResult } from './exchange.js'
import { readHttpTransportOptions, type HttpTransportOptions } from './http-transport-options.js'
import { proxyDispatcher } from './proxy-dispatcher.js'
import type { ResolvedProxy } from './proxy-setting.js'
import { withDeadline } from './deadline.js'
import { parseRetryAfter } from './retry-after.js'
import { classifyStatus, type SendResult } from './send-result.js'

export type { HttpTransportOptions } from './http-transport-options.js'

const gzip = promisify(gzipCallback)

/**
 * Bodies up to this many characters are gzipped on the calling thread. For a typical batch (100
 * messages, ~50 KB) zlib's asynchronous path costs about 2.5× the CPU of the synchronous one
 * (measured: ~500 vs ~200 µs per batch) and the synchronous one holds the event loop for only
 * ~0.2 ms. The limit counts characters (128 KB of ASCII JSON, at most 384 KB of UTF-8: about 0.5–1.5 ms
 * of work here); larger bodies go to the thread pool.
 */
const SYNC_GZIP_MAX_CHARS = 128 * 1024

/**
 * The one HTTP layer of a client: batches of a destination (`send`) and every other exchange with
 * a vendor, such as a flag source's requests (`exchange`), share its sockets, proxy, timeouts and
 * bounded reads. Neither method rejects.
 */
export interface Transport {
  /** Sends one batch request and classifies the answer (see `SendResult`). */
  send(request: HttpRequest, options: { signal: AbortSignal; timeoutMs: number }): Promise<SendResult>
  /** One plain exchange (any method the flag sources need): the status, headers and body, or why there was none. */
  exchange(request: ExchangeRequest, options: ExchangeOptions): Promise<ExchangeResult>
  /** Closes idle sockets and destroys busy ones, so nothing keeps the process alive. */
  close(): Promise<void>
}

/**
 * The production transport: an undici keep-alive pool per origin, a timeout on each request
 * (connect, headers and body), bounded reads of the answer, gzip on request, through the proxy of
 * `proxy` or the environment. Redirects are not followed: a 3xx is reported as a failure. Throws a
 * `ConfigError` for an unknown option or a proxy URL that is not http(s) (never quoting it).
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const read = readHttpTransportOptions(options)
  return transportThrough(read.proxy, read.options)
}

/**
 * {@link createHttpTransport} with the proxy already read (the client reads it once, when it is
 * created, for every transport it makes). Network errors are reported with the proxy's
 * credentials masked.
 */
export function transportThrough(proxy: ResolvedProxy, options: Omit<HttpTransportOptions, 'proxy'>): Transport {
  const agent = proxyDispatcher(proxy, {
    connections: options.connections,
    pipelining: 1,
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 30_000,
  })
  const maxResponseBytes = options.maxResponseBytes ?? 16_384
  const networkReason = (error: unknown): string => {
    const reason = describeNetworkError(error)
    return proxy.secrets.length === 0 ? reason : redactSecrets(reason, proxy.secrets)
  }

  async function send(req: HttpRequest, { signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number }) {
    if (signal.aborted) return { kind: 'aborted', reason: 'closed' } satisfies SendResult
    return withDeadline(signal, timeoutMs, async (requestSignal, timedOut) => {
      try {
        const headers: Record<string, string> = { ...req.headers }
        let body: string | Buffer = req.body
        if (req.gzip) {
          body = req.body.length <= SYNC_GZIP_MAX_CHARS ? gzipSync(req.body) : await gzip(req.body)
          headers['content-encoding'] = 'gzip'
        }
        const response = await request(req.url, {
          method: 'POST',
          headers,
          body,
          signal: requestSignal,
          dispatcher: agent,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        })
        const text = await readBounded(response.body, maxResponseBytes)
        return classifyStatus(response.statusCode, parseRetryAfter(response.headers['retry-after']), text || undefined)
      } catch (error) {
        if (signal.aborted) return { kind: 'aborted', reason: 'closed' } satisfies SendResult
        if (timedOut()) return { kind: 'retryable', reason: `timed out after ${timeoutMs} ms` } satisfies SendResult
        return { kind: 'retryable', reason: networkReason(error) } satisfies SendResult
      }
    })
  }

  async function exchange(req: ExchangeRequest, { signal, timeoutMs, maxResponseBytes }: ExchangeOptions): Promise<ExchangeResult> {
    if (signal.aborted) return { kind: 'failure', failure: 'aborted', message: 'aborted' }
    return withDeadline(signal, timeoutMs, async (requestSignal, timedOut) => {
      try {
        const response = await request(req.url, {
          method: req.method,
          headers: req.headers,
          ...(req.body === undefined ? {} : { body: req.body }),
          signal: requestSignal,
          dispatcher: agent,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        })
        const declared = Number(response.headers['content-length'])
        if (Number.isFinite(declared) && declared > maxResponseBytes) {
          response.body.destroy()
          return {
            kind: 'failure',
            failure: 'too-large',
            message: `answer of ${declared} bytes is over the ${maxResponseBytes}-byte limit`,
          }
        }
        const body = await readAll(response.body, maxResponseBytes)
        if (body === undefined)
          return { kind: 'failure', failure: 'too-large', message: `answer is over the ${maxResponseBytes}-byte limit` }
        const headers: Record<string, string> = {}
        for (const [name, value] of Object.entries(response.headers))
          if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
        return { kind: 'response', status: response.statusCode, headers, body }
      } catch (error) {
        if (signal.aborted) return { kind: 'failure', failure: 'aborted', message: 'aborted' }
        if (timedOut()) return { kind: 'failure', failure: 'timeout', message: `no answer within ${timeoutMs} ms` }
        return { kind: 'failure', failure: 'network', message: networkReason(error) }
      }
    })
  }

  return {
    send,
    exchange,
    async close() {
      await agent.destroy().catch(() => undefined)
    },
  }
}

/** The whole body as text, or `undefined` once it passes `max` bytes (the rest is not read). */
async function readAll(body: AsyncIterable<Buffer> & { destroy(): void }, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > max) {
      body.destroy()
      return undefined
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): void }, max: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    if (size < max) chunks.push(chunk.subarray(0, max - size))
    size += chunk.length
    if (size > max * 64) {
      body.destroy()
      break
    }
  }
  return Buffer.concat(chunks).toString('utf8')
}

function describeNetworkError(error: unknown): string {
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } }
  const code = err.code ?? err.cause?.code
  const message = err.cause?.message ?? err.message ?? String(error)
  return code ? `network error ${code}: ${message}` : `network error: ${message}`
}
