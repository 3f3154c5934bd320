import { DeliveryError, type Analytics } from '@polytrack/core'
import { afterEach, describe, expect, it } from 'vitest'
import { fastClient, recordEvents } from './support/client.js'
import { segmentLike } from './support/destinations.js'
import { httpServer, rawServer, type TestServer } from './support/servers.js'

/**
 * Hostile servers: what a broken or malicious endpoint can answer. The client must read a bounded
 * amount, never hang (each attempt ends at httpTimeout; close({timeout}) returns), and report a
 * clear error with the status.
 */
const HTTP_TIMEOUT = 500
const servers: TestServer[] = []
const clients: Analytics[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ timeoutMs: 500 })))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serve(server: Promise<TestServer>): Promise<TestServer> {
  const s = await server
  servers.push(s)
  return s
}

function client(url: string) {
  const analytics = fastClient({ destination: segmentLike(url, { key: 'wk_hostile_SECRET' }), httpTimeoutMs: HTTP_TIMEOUT }, clients)
  const log = recordEvents(analytics)
  return { analytics, log }
}

function send(analytics: Analytics, n = 10): void {
  for (let i = 0; i < n; i++) analytics.track({ userId: 'u', event: `e${i}` })
}

/** A server that streams `total` bytes of body after `status`, honouring backpressure; reports what it wrote. */
function streamingServer(status: number, total: number, written: number[]) {
  return httpServer((req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(total) })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const pump = (): void => {
      while (sent < total) {
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    res.on('close', () => written.push(req.socket.bytesWritten))
    pump()
  })
}

/** A client that sent 10 messages and flushed them against a server answering `status` with a 50 MB body. */
async function flushedAgainst50MbAnswer(status: number) {
  const written: number[] = []
  const server = await serve(streamingServer(status, 50 * 1024 * 1024, written))
  const { analytics, log } = client(server.url)
  send(analytics)
  await analytics.flush()
  return { analytics, log, written }
}

describe('hostile servers', () => {
  it('reads a bounded part of a 50 MB answer and still delivers', async () => {
    const { analytics, log, written } = await flushedAgainst50MbAnswer(200)
    expect(analytics.report()).toMatchObject({ delivered: 10, failed: 0 })
    expect(log.of('delivered')[0]).toMatchObject({ status: 200, attempts: 1 })
    await analytics.close({ timeoutMs: 1000 })
    await expect.poll(() => written.length).toBe(1)
    // The client stopped reading after about 1 MiB; what the server got out is that plus socket buffers.
    expect(written[0]).toBeLessThan(16 * 1024 * 1024)
    console.log(`50 MB answer: the server managed to write ${((written[0] ?? 0) / 1024 / 1024).toFixed(1)} MiB before the client hung up`)
  })

  it('keeps only the start of a 50 MB error answer, secrets masked, in a clear error', async () => {
    const { analytics, log } = await flushedAgainst50MbAnswer(400)
    const [error] = log.of('error')
    expect(error?.error).toBeInstanceOf(DeliveryError)
    const e = error?.error as DeliveryError
    expect(e.status).toBe(400)
    expect(e.code).toBe('http_400')
    expect(e.message).toMatch(/failed \(HTTP 400\)/)
    expect(e.serverText?.length).toBeLessThanOrEqual(1001)
    expect(e.message.length).toBeLessThan(1200)
    expect(analytics.report()).toMatchObject({ delivered: 0, failed: 10 })
  })

  it('treats a non-JSON or garbage 2xx body as delivered, and a garbage error body as text', async () => {
    let n = 0
    const server = await serve(
      httpServer((_req, res) => {
        n++
        if (n === 1) return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>{"oops": not json')
        if (n === 2) return void res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]))
        res.writeHead(400, { 'content-type': 'application/json' }).end(Buffer.from([0x7b, 0xff, 0x00, 0x22, 0x80, 0x7d]))
      }),
    )
    const { analytics, log } = client(server.url)
    for (let round = 0; round < 3; round++) {
      send(analytics)
      await analytics.flush()
    }
    expect(analytics.report()).toMatchObject({ delivered: 20, failed: 10 })
    const [error] = log.of('error')
    expect(error?.error.message).toMatch(/HTTP 400/)
    expect(typeof (error?.error as DeliveryError).serverText).toBe('string')
  })

  it('retries a malformed HTTP answer as a network error and says so', async () => {
    const server = await serve(
      rawServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 2OO NOT A STATUS\r\nX: \u0000\r\n\r\n'))),
    )
    const { analytics, log } = client(server.url)
    send(analytics)
    await analytics.flush()
    expect(analytics.report()).toMatchObject({ delivered: 0, failed: 10 })
    expect(log.of('retry')).toHaveLength(2)
    const [error] = log.of('error')
    expect(error?.error.message).toMatch(/gave up after 3 attempts: network error/)
    expect(server.hits).toBe(3)
  })

  for (const [name, onRequest] of [
    [
      'slow-loris body: headers, then a byte every 100 ms forever',
      (socket: import('node:net').Socket) => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n')
        const drip = setInterval(() => socket.write('1\r\n{\r\n'), 100)
        socket.on('close', () => clearInterval(drip))
      },
    ],
    [
      'slow-loris headers: a header byte every 100 ms forever',
      (socket: import('node:net').Socket) => {
        socket.write('HTTP/1.1 200 OK\r\nx-slow: ')
        const drip = setInterval(() => socket.write('a'), 100)
        socket.on('close', () => clearInterval(drip))
      },
    ],
    [
      'a 200 answer that never ends',
      (socket: import('node:net').Socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n{"ok":'),
    ],
  ] as const) {
    it(`ends each attempt at httpTimeout, retries, then fails clearly: ${name}`, async () => {
      const server = await serve(rawServer((socket) => socket.once('data', () => onRequest(socket))))
      const { analytics, log } = client(server.url)
      send(analytics)
      const started = performance.now()
      await analytics.flush()
      const elapsed = performance.now() - started
      const requests = log.of('request')
      expect(requests).toHaveLength(3)
      for (const r of requests) {
        expect(r.outcome).toBe('retryable')
        expect(r.durationMs).toBeGreaterThanOrEqual(HTTP_TIMEOUT - 20)
        expect(r.durationMs).toBeLessThan(HTTP_TIMEOUT + 400)
      }
      expect(elapsed).toBeLessThan(3 * (HTTP_TIMEOUT + 400) + 500)
      const [error] = log.of('error')
      expect(error?.error.message).toMatch(new RegExp(`gave up after 3 attempts: timed out after ${HTTP_TIMEOUT} ms`))
      expect(analytics.report()).toMatchObject({ delivered: 0, failed: 10, pending: 0 })
    })
  }

  it('close({timeout}) returns on time while a slow-loris answer is in progress', async () => {
    const server = await serve(
      rawServer((socket) =>
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n')
          const drip = setInterval(() => socket.write('1\r\n.\r\n'), 50)
          socket.on('close', () => clearInterval(drip))
        }),
      ),
    )
    const { analytics } = client(server.url)
    send(analytics)
    await new Promise((r) => setTimeout(r, 100))
    const started = performance.now()
    const report = await analytics.close({ timeoutMs: 200 })
    expect(performance.now() - started).toBeLessThan(200 + 300)
    expect(report).toMatchObject({ timedOut: true, delivered: 0 })
    expect(report.failed + report.pending).toBe(10)
  })

  for (const status of [301, 302, 307, 308]) {
    it(`does not follow a ${status} redirect to another host, and says so`, async () => {
      const elsewhere = await serve(httpServer((_req, res) => res.writeHead(200).end('{}')))
      const server = await serve(httpServer((_req, res) => res.writeHead(status, { location: `${elsewhere.url}/v1/batch` }).end('moved')))
      const { analytics, log } = client(server.url)
      send(analytics)
      await analytics.flush()
      expect(elsewhere.hits).toBe(0) // the write key never travels to the other host
      expect(server.hits).toBe(1) // a redirect is final, not retried
      const [error] = log.of('error')
      expect(error?.error).toBeInstanceOf(DeliveryError)
      expect((error?.error as DeliveryError).status).toBe(status)
      expect(error?.error.message).toContain(`HTTP ${status} redirect (not followed)`)
      expect(analytics.report()).toMatchObject({ delivered: 0, failed: 10 })
    })
  }
})
