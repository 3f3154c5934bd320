import { createServer, type Server, type Socket } from 'node:net'
import { spawnNode } from '@polytrack/sink/child-process'
import { freePort } from '@polytrack/test-support/free-port'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * Memory under overload: 500,000 (refused) and 200,000 (stalled) messages against maxQueueSize 1,000
 * while the server is down.
 * Measured in a child `node --expose-gc` (a fresh heap, forced GCs, nothing else running).
 */
const MAX_QUEUE = 1_000

interface Result {
  n: number
  before: number
  after: number
  growth: number
  encodedBytes: number
  burstMs: number
  during: { dropped: number; pending: number; delivered: number; failed: number }
  report: { dropped: number; pending: number; delivered: number; failed: number; timedOut: boolean }
  dropped: { events: number; count: number; ids: number; reasons: Record<string, number> }
  errors: number
}

async function runChild(n: number, env: Record<string, string>): Promise<{ code: number | null; result: Result; stderr: string }> {
  const { code, stdout, stderr } = await spawnNode(new URL('./fixtures/overload-child.mjs', import.meta.url), {
    nodeArgs: ['--expose-gc'],
    env: { N: String(n), MAX_QUEUE: String(MAX_QUEUE), ...env },
    killAfterMs: 100_000,
  }).output
  try {
    return { code, result: JSON.parse(stdout) as Result, stderr }
  } catch {
    throw new Error(`child printed no result (exit ${code}): ${stdout}\n${stderr}`)
  }
}

let stallServer: Server
const sockets = new Set<Socket>()
beforeAll(async () => {
  // Accepts connections, reads, never answers.
  stallServer = createServer((socket) => {
    sockets.add(socket)
    socket.on('data', () => undefined)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
  })
  await new Promise<void>((r) => stallServer.listen(0, '127.0.0.1', r))
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise((r) => stallServer.close(r))
})

function check(result: Result, label: string): void {
  const N = result.n
  const { growth, encodedBytes, report, dropped, during } = result
  // What keeping the dropped messages would cost: at least their encoded JSON (one byte per ASCII
  // character) — in fact more, V8 strings and objects are larger.
  const retentionCost = during.dropped * encodedBytes
  const bound = 16 * 1024 * 1024
  console.log(
    `${label}: heap growth ${(growth / 1024 / 1024).toFixed(1)} MiB for ${N} messages (queue ${MAX_QUEUE}); ` +
      `retaining the ${during.dropped} dropped ones would cost ≥ ${(retentionCost / 1024 / 1024).toFixed(0)} MiB; burst ${result.burstMs.toFixed(0)} ms`,
  )
  expect(retentionCost).toBeGreaterThan(bound * 4)
  expect(growth).toBeLessThan(bound)
  // Nothing lost silently: everything is delivered, failed, dropped or pending, and each drop was
  // announced once, by events whose counts add up to the report.
  expect(report.delivered).toBe(0)
  expect(report.delivered + report.failed + report.dropped + report.pending).toBe(N)
  expect(report.dropped).toBeGreaterThanOrEqual(N - MAX_QUEUE - 4 * 100)
  expect(dropped.count).toBe(report.dropped)
  expect(dropped.ids).toBe(report.dropped)
  expect(dropped.reasons).toEqual({ 'queue-full': report.dropped })
}

describe('memory under overload', () => {
  it('keeps the heap bounded and counts every drop when nothing listens on the port', async () => {
    const port = await freePort()
    const { code, result } = await runChild(500_000, { TARGET_URL: `http://127.0.0.1:${port}/segment` })
    expect(code).toBe(0)
    check(result, 'refused')
  }, 120_000)

  it('keeps the heap bounded and counts every drop when the server stalls every request', async () => {
    const { port } = stallServer.address() as { port: number }
    const { code, result } = await runChild(200_000, { TARGET_URL: `http://127.0.0.1:${port}/segment` })
    expect(code).toBe(0)
    check(result, 'stalled')
    // Stalled requests were in flight at close: reported pending, not delivered or lost.
    expect(result.report.timedOut).toBe(true)
    expect(result.report.pending).toBeGreaterThan(0)
  }, 120_000)
})

describe('never silent, never a key in logs', () => {
  // Drops are never silent: with no 'dropped' listener, a process warning says so once.
  it('queue-full drops with no listener produce a process warning', async () => {
    const { Analytics } = await import('@polytrack/core')
    const { segmentLike } = await import('./support/destinations.js')
    const { closedPort } = await import('./support/servers.js')
    const warnings: Error[] = []
    const onWarning = (w: Error) => warnings.push(w)
    process.on('warning', onWarning)
    const analytics = new Analytics({ destination: segmentLike(`http://127.0.0.1:${await closedPort()}`), maxQueueSize: 10, flushAt: 100 })
    try {
      for (let i = 0; i < 100; i++) analytics.track({ userId: 'u', event: 'e' })
      await new Promise((r) => setTimeout(r, 20))
      expect(analytics.report().dropped).toBe(90)
      expect(warnings.map((w) => w.message).join('\n')).toMatch(/drop/i)
    } finally {
      process.off('warning', onWarning)
      await analytics.close({ timeoutMs: 0 })
    }
  })
})
