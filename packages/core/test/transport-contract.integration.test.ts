// The Transport contract, held by both implementations against a real server on 127.0.0.1: the
// undici transport (Node) and the fetch transport (Bun, Deno, workerd, edge runtimes).
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFetchTransport } from '../src/delivery/fetch-transport.js'
import { createHttpTransport, type Transport } from '../src/delivery/http-transport.js'
import type { HttpRequest } from '../src/destination.js'

interface Received {
  path: string
  method: string
  headers: IncomingMessage['headers']
  body: Buffer
}

let server: Server
let base: string
const received: Received[] = []
const stalled: IncomingMessage[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const path = req.url ?? '/'
      received.push({ path, method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks) })
      if (path === '/ok') res.writeHead(200, { 'content-type': 'text/plain', 'X-Custom': 'yes' }).end('accepted')
      else if (path === '/redirect') res.writeHead(302, { location: `${base}/ok` }).end()
      else if (path === '/busy') res.writeHead(429, { 'retry-after': '3' }).end('slow down')
      else if (path === '/bad') res.writeHead(400).end('bad batch')
      else if (path === '/big-declared') res.writeHead(200, { 'content-length': String(200_000) }).end('x'.repeat(200_000))
      else if (path === '/big-chunked') {
        res.writeHead(200)
        for (let i = 0; i < 50; i++) res.write('y'.repeat(4_000))
        res.end()
      } else if (path === '/stall')
        stalled.push(req) // never answered
      else res.writeHead(404).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const live = () => new AbortController().signal
const batch = (path: string, gzip = false): HttpRequest => ({
  url: `${base}${path}`,
  headers: { 'content-type': 'application/json', authorization: 'Basic d2tfc2VjcmV0Og==' },
  body: JSON.stringify({ batch: [{ event: 'Órder Completed', n: 'é'.repeat(300) }] }),
  gzip,
})
const lastTo = (path: string) => received.filter((r) => r.path === path).at(-1)

describe.each([
  ['undici transport', () => createHttpTransport({ connections: 2 })],
  ['fetch transport', () => createFetchTransport()],
] as const)('%s', (_, make) => {
  let transport: Transport
  beforeAll(() => {
    transport = make()
  })
  afterAll(async () => {
    await transport.close()
  })

  it('sends a batch and reports success with the answer text', async () => {
    const request = batch('/ok')
    await expect(transport.send(request, { signal: live(), timeoutMs: 5_000 })).resolves.toEqual({
      kind: 'success',
      status: 200,
      serverText: 'accepted',
    })
    expect(lastTo('/ok')?.body.toString('utf8')).toBe(request.body)
    expect(lastTo('/ok')?.headers.authorization).toBe('Basic d2tfc2VjcmV0Og==')
  })

  it('gzips a body that asks for it', async () => {
    const request = batch('/ok', true)
    await transport.send(request, { signal: live(), timeoutMs: 5_000 })
    const last = lastTo('/ok')
    expect(last?.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(last?.body ?? Buffer.alloc(0)).toString('utf8')).toBe(request.body)
  })

  it('follows no redirect: a 3xx is final', async () => {
    const before = received.filter((r) => r.path === '/ok').length
    const result = await transport.send(batch('/redirect'), { signal: live(), timeoutMs: 5_000 })
    expect(result).toMatchObject({ kind: 'failed', status: 302, reason: 'HTTP 302 redirect (not followed)' })
    expect(received.filter((r) => r.path === '/ok').length).toBe(before)
  })

  it('classifies 429 with Retry-After and 400', async () => {
    await expect(transport.send(batch('/busy'), { signal: live(), timeoutMs: 5_000 })).resolves.toEqual({
      kind: 'retryable',
      status: 429,
      reason: 'HTTP 429',
      retryAfterMs: 3_000,
      serverText: 'slow down',
    })
    await expect(transport.send(batch('/bad'), { signal: live(), timeoutMs: 5_000 })).resolves.toEqual({
      kind: 'failed',
      status: 400,
      reason: 'HTTP 400',
      serverText: 'bad batch',
    })
  })

  it('reads at most maxResponseBytes of an answer', async () => {
    const result = await transport.send(batch('/big-chunked'), { signal: live(), timeoutMs: 5_000 })
    expect(result.kind).toBe('success')
    expect((result as { serverText: string }).serverText).toBe('y'.repeat(16_384))
  })

  it('times out a request the server never answers, as a retryable failure', async () => {
    const result = await transport.send(batch('/stall'), { signal: live(), timeoutMs: 200 })
    expect(result).toEqual({ kind: 'retryable', reason: 'timed out after 200 ms' })
  })

  it('reports a request stopped by its signal as aborted', async () => {
    const controller = new AbortController()
    const pending = transport.send(batch('/stall'), { signal: controller.signal, timeoutMs: 60_000 })
    setTimeout(() => controller.abort(new Error('closing')), 20)
    await expect(pending).resolves.toEqual({ kind: 'aborted', reason: 'closed' })
    const already = new AbortController()
    already.abort()
    await expect(transport.send(batch('/ok'), { signal: already.signal, timeoutMs: 5_000 })).resolves.toEqual({
      kind: 'aborted',
      reason: 'closed',
    })
  })

  it('reports a refused connection as a retryable network error', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const result = await transport.send({ ...batch('/ok'), url: `http://127.0.0.1:${port}/ok` }, { signal: live(), timeoutMs: 5_000 })
    expect(result).toMatchObject({ kind: 'retryable' })
    expect((result as { reason: string }).reason).toMatch(/^network error/)
  })

  describe('exchange', () => {
    const options = (maxResponseBytes = 64_000) => ({ signal: live(), timeoutMs: 5_000, maxResponseBytes })

    it('returns status, lower-cased headers and body; sends method, headers and body', async () => {
      const result = await transport.exchange(
        { method: 'POST', url: `${base}/ok`, headers: { 'content-type': 'application/json' }, body: '{"q":1}' },
        options(),
      )
      expect(result).toMatchObject({ kind: 'response', status: 200, body: 'accepted' })
      expect((result as { headers: Record<string, string> }).headers).toMatchObject({ 'x-custom': 'yes', 'content-type': 'text/plain' })
      expect(lastTo('/ok')).toMatchObject({ method: 'POST' })
      expect(lastTo('/ok')?.body.toString()).toBe('{"q":1}')
      await expect(transport.exchange({ method: 'GET', url: `${base}/missing`, headers: {} }, options())).resolves.toMatchObject({
        kind: 'response',
        status: 404,
      })
    })

    it('refuses an answer over maxResponseBytes, declared or not', async () => {
      await expect(transport.exchange({ method: 'GET', url: `${base}/big-declared`, headers: {} }, options())).resolves.toEqual({
        kind: 'failure',
        failure: 'too-large',
        message: 'answer of 200000 bytes is over the 64000-byte limit',
      })
      await expect(transport.exchange({ method: 'GET', url: `${base}/big-chunked`, headers: {} }, options())).resolves.toEqual({
        kind: 'failure',
        failure: 'too-large',
        message: 'answer is over the 64000-byte limit',
      })
    })

    it('does not follow a redirect', async () => {
      await expect(transport.exchange({ method: 'GET', url: `${base}/redirect`, headers: {} }, options())).resolves.toMatchObject({
        kind: 'response',
        status: 302,
      })
    })

    it('times out, and reports an aborted exchange', async () => {
      await expect(
        transport.exchange({ method: 'GET', url: `${base}/stall`, headers: {} }, { ...options(), timeoutMs: 200 }),
      ).resolves.toEqual({
        kind: 'failure',
        failure: 'timeout',
        message: 'no answer within 200 ms',
      })
      const controller = new AbortController()
      const pending = transport.exchange({ method: 'GET', url: `${base}/stall`, headers: {} }, { ...options(), signal: controller.signal })
      setTimeout(() => controller.abort(), 20)
      await expect(pending).resolves.toEqual({ kind: 'failure', failure: 'aborted', message: 'aborted' })
    })
  })
})

describe('fetch transport', () => {
  it('sends the body uncompressed where the runtime has no CompressionStream', async () => {
    const saved = globalThis.CompressionStream
    // @ts-expect-error: an edge runtime without CompressionStream
    delete globalThis.CompressionStream
    try {
      const transport = createFetchTransport()
      const request = batch('/ok', true)
      await expect(transport.send(request, { signal: live(), timeoutMs: 5_000 })).resolves.toMatchObject({ kind: 'success' })
      expect(lastTo('/ok')?.headers['content-encoding']).toBeUndefined()
      expect(lastTo('/ok')?.body.toString('utf8')).toBe(request.body)
    } finally {
      globalThis.CompressionStream = saved
    }
  })

  it('uses the fetch it is given, and close() aborts what is in flight', async () => {
    const urls: string[] = []
    const transport = createFetchTransport({ fetch: (url, init) => (urls.push(String(url)), fetch(url, init)) })
    const pending = transport.send(batch('/stall'), { signal: live(), timeoutMs: 60_000 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await transport.close()
    await expect(pending).resolves.toEqual({ kind: 'aborted', reason: 'closed' })
    expect(urls).toEqual([`${base}/stall`])
    await expect(transport.send(batch('/ok'), { signal: live(), timeoutMs: 5_000 })).resolves.toEqual({ kind: 'aborted', reason: 'closed' })
  })
})
