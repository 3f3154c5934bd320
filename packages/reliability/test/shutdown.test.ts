import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedPort, httpServer, rawServer, runNode, type TestServer } from './support/servers.js'

/**
 * Shutdown: `close({timeout})` returns within timeout + a small margin whatever the server does,
 * and the process then exits by itself (no socket, timer or retry wait keeps it alive).
 * Each case runs in a child process on the built package with the default delivery settings
 * (500 ms first retry, 10 s request timeout, 8 retries).
 */
const TIMEOUT = 1_000
/** Allowed beyond the timeout: aborting requests and destroying sockets. */
const MARGIN = 500
/** Allowed between close() resolving and the process exiting. */
const EXIT_LAG = 1_000

const servers: TestServer[] = []
let sink: Sink
beforeAll(async () => {
  sink = await startSink()
})
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
  await sink.close()
})

async function target(kind: string): Promise<string> {
  switch (kind) {
    case 'stalls forever': {
      const s = await rawServer((socket) => socket.on('data', () => undefined))
      servers.push(s)
      return s.url
    }
    case 'drops every connection': {
      const s = await httpServer((req) => req.socket.destroy())
      servers.push(s)
      return s.url
    }
    case 'answers 429 Retry-After: 3600': {
      const s = await httpServer((_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end('slow down'))
      servers.push(s)
      return s.url
    }
    case 'answers 503 every time': {
      const s = await httpServer((_req, res) => res.writeHead(503).end())
      servers.push(s)
      return s.url
    }
    case 'sends headers, then a byte a second forever': {
      const s = await rawServer((socket) =>
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n')
          const drip = setInterval(() => socket.write('1\r\nx\r\n'), 1_000)
          socket.on('close', () => clearInterval(drip))
        }),
      )
      servers.push(s)
      return s.url
    }
    default:
      return `http://127.0.0.1:${await closedPort()}`
  }
}

interface ChildOutput {
  report: { delivered: number; failed: number; pending: number; dropped: number; timedOut: boolean }
  closeMs: number
  closedAt: number
}

describe('close({timeout}) and process exit', () => {
  for (const kind of [
    'stalls forever',
    'drops every connection',
    'answers 429 Retry-After: 3600',
    'answers 503 every time',
    'sends headers, then a byte a second forever',
    'refuses connections',
  ]) {
    it(`returns within timeout + ${MARGIN} ms and the process exits by itself when the server ${kind}`, async () => {
      const url = await target(kind)
      const run = await runNode(new URL('./fixtures/shutdown-child.mjs', import.meta.url), {
        TARGET_URL: url,
        CLOSE_TIMEOUT: String(TIMEOUT),
        MODE: 'close',
      })
      expect(run.killed, 'the child had to be killed').toBe(false)
      expect(run.code, run.stderr).toBe(0)
      const out = JSON.parse(run.stdout) as ChildOutput
      console.log(
        `shutdown (${kind}): close() took ${out.closeMs.toFixed(0)} ms, exit ${run.exitedAt - out.closedAt} ms later; ${JSON.stringify(out.report)}`,
      )
      expect(out.closeMs).toBeLessThanOrEqual(TIMEOUT + MARGIN)
      expect(run.exitedAt - out.closedAt).toBeLessThanOrEqual(EXIT_LAG)
      // Nothing was delivered and nothing vanished: each message is failed or still pending.
      expect(out.report.delivered).toBe(0)
      expect(out.report.failed + out.report.pending).toBe(200)
    })
  }

  it('the documented SIGTERM handler delivers what is queued, then exits 0', async () => {
    sink.reset()
    const run = await runNode(
      new URL('./fixtures/shutdown-child.mjs', import.meta.url),
      { TARGET_URL: sink.urlFor('segment'), CLOSE_TIMEOUT: '5000', MODE: 'sigterm', N: '1234' },
      { onStdout: (text, child) => text === 'ready\n' && child.kill('SIGTERM') },
    )
    expect(run.code, run.stderr).toBe(0)
    const out = JSON.parse(run.stdout.replace('ready\n', '')) as ChildOutput
    expect(out.report).toMatchObject({ delivered: 1234, failed: 0, pending: 0, timedOut: false })
    expect(sink.stats().byVendor.segment?.uniqueIds).toBe(1234)
  })

  it('the documented SIGTERM handler exits within its timeout when the server stalls', async () => {
    const url = await target('stalls forever')
    const run = await runNode(
      new URL('./fixtures/shutdown-child.mjs', import.meta.url),
      { TARGET_URL: url, CLOSE_TIMEOUT: String(TIMEOUT), MODE: 'sigterm' },
      { onStdout: (text, child) => text === 'ready\n' && child.kill('SIGTERM') },
    )
    expect(run.killed).toBe(false)
    expect(run.code, run.stderr).toBe(0)
    const out = JSON.parse(run.stdout.replace('ready\n', '')) as ChildOutput
    expect(out.closeMs).toBeLessThanOrEqual(TIMEOUT + MARGIN)
    expect(out.report).toMatchObject({ delivered: 0, pending: 200, timedOut: true })
  })
})
