import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeRedis } from '@polytrack/test-support/describe-redis'
import { startRedis, type RedisServer } from '@polytrack/test-support/redis-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRemoteSink, type RemoteSink } from './support/sink-process.js'

/**
 * A vendor outage longer than the retry budget, with a file spool and with the Redis spool: the
 * spool is the queue. 60,000 messages arrive while the vendor answers 500, with maxQueueSize
 * 5,000; none may be lost, none dropped, and memory stays flat (the backlog is on disk, or in
 * Redis). Client in a child `node --expose-gc`. And the fleet: a Redis-spooled instance that dies
 * for good has its backlog delivered by another one, once.
 */
const N = 60_000
const PREFIX = 'o-'
const CHILD = new URL('./fixtures/outage-child.mjs', import.meta.url).pathname

interface Report {
  delivered: number
  failed: number
  dropped: number
  pending: number
  timedOut: boolean
}
interface Line {
  phase: 'outage' | 'closed'
  heapGrowth?: number
  report: Report
  seen: { paused: number; resumed: number; dropped: number; errors: string[] }
  stats?: unknown
}

let sink: RemoteSink
let work: string
beforeAll(async () => {
  sink = await startRemoteSink({ maxRecorded: 200_000 })
  work = mkdtempSync(join(tmpdir(), 'polytrack-outage-'))
})
afterAll(async () => {
  await sink?.close()
  rmSync(work, { recursive: true, force: true })
})

function client(env: Record<string, string>): { child: ChildProcess; next: () => Promise<Line>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--expose-gc', CHILD], {
    env: { ...process.env, N: String(N), PREFIX, TARGET_URL: sink.urlFor('rudderstack'), ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  // Lines that arrive before anyone asks for them wait here (two children may answer in any order).
  const arrived: Line[] = []
  const waiting: ((line: Line) => void)[] = []
  let buffered = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    for (let i = buffered.indexOf('\n'); i !== -1; i = buffered.indexOf('\n')) {
      const line = JSON.parse(buffered.slice(0, i)) as Line
      buffered = buffered.slice(i + 1)
      const waiter = waiting.shift()
      if (waiter) waiter(line)
      else arrived.push(line)
    }
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const next = (): Promise<Line> => {
    const line = arrived.shift()
    return line ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve))
  }
  return { child, next, exited }
}

/** The vendor is down: every request gets a 500 (far more than the outage will use). */
async function outage(): Promise<void> {
  await sink.reset()
  await sink.inject(
    'rudderstack',
    Array.from({ length: 20_000 }, () => ({ status: 500 })),
  )
}

function expectOutageHeld(line: Line) {
  expect(line.phase).toBe('outage')
  // Nothing dropped, nothing failed: all 60,000 are pending, 55,000 of them only on disk.
  expect(line.report).toMatchObject({ delivered: 0, failed: 0, dropped: 0, pending: N })
  expect(line.seen.paused).toBeGreaterThanOrEqual(1)
  expect(line.seen.dropped).toBe(0)
  // 60,000 messages of ~400 bytes held in memory would take well over 30 MB of heap.
  expect(line.heapGrowth).toBeLessThan(16 * 1024 * 1024)
}

async function expectAllDelivered() {
  const analysis = await sink.analyze('rudderstack', PREFIX, N)
  expect(analysis).toMatchObject({ distinctIds: N, unexpectedIds: 0, contentMismatches: 0, differingDuplicates: 0 })
}

/** One kind of spool: the environment of a child on it (`tag` names its directory or key prefix). */
type SpoolEnv = (tag: string) => Record<string, string>

function outageTests(spool: SpoolEnv): void {
  it('delivers all 60,000 messages once the vendor heals; none dropped, memory flat', async () => {
    await outage()
    const { child, next, exited } = client({ ...spool('live'), MODE: 'send' })
    const during = await next()
    expectOutageHeld(during)
    expect((await sink.stats()).total.accepted).toBe(0) // the vendor was down the whole time
    await sink.reset() // the vendor heals
    child.stdin?.write('drain\n')
    const closed = await next()
    expect(closed.report).toMatchObject({ delivered: N, failed: 0, dropped: 0, pending: 0, timedOut: false })
    expect(closed.seen.resumed).toBeGreaterThanOrEqual(1)
    expect(await exited).toBe(0)
    await expectAllDelivered()
  }, 240_000)

  it('delivers all 60,000 after a SIGKILL in the middle of the outage and a restart', async () => {
    await outage()
    const env = spool('killed')
    const sender = client({ ...env, MODE: 'send' })
    expectOutageHeld(await sender.next())
    sender.child.kill('SIGKILL')
    await sender.exited
    await sink.reset() // the vendor heals while the process is down
    const replay = client({ ...env, MODE: 'replay' })
    const closed = await replay.next()
    expect(closed.report).toMatchObject({ delivered: N, failed: 0, dropped: 0, pending: 0, timedOut: false })
    expect(await replay.exited).toBe(0)
    await expectAllDelivered()
  }, 240_000)
}

describe('a vendor outage longer than the retry budget, with a file spool', () => {
  outageTests((tag) => ({ SPOOL_DIR: join(work, tag) }))
})

describeRedis('with the Redis spool (@polytrack/spool-redis, a redis-server started here)', () => {
  let redis: RedisServer
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  describe('a vendor outage longer than the retry budget', () => {
    outageTests((tag) => ({ SPOOL_KIND: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: `outage-${tag}:`, INSTANCE_ID: 'pod-0' }))
  })

  it('the fleet: A accepts 5,000 while the vendor is down and is SIGKILLed for good; B and C (same prefix) deliver all 5,000 once, after takeoverAfterMs', async () => {
    const n = 5_000
    const fleet = (id: string) => ({
      SPOOL_KIND: 'redis',
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'fleet:',
      INSTANCE_ID: id,
      TAKEOVER_MS: '3000',
      N: String(n),
      PREFIX: 'f-',
    })
    await outage()
    const a = client({ ...fleet('pod-a'), MODE: 'send' })
    const held = await a.next()
    expect(held.report).toMatchObject({ delivered: 0, failed: 0, dropped: 0, pending: n })
    a.child.kill('SIGKILL') // never to return
    await a.exited
    await sink.reset() // the vendor heals
    const b = client({ ...fleet('pod-b'), MODE: 'serve' })
    const c = client({ ...fleet('pod-c'), MODE: 'serve' })
    await Promise.all([b.next(), c.next()])
    // Once A's heartbeat is older than takeoverAfterMs, one of them takes its stream over.
    for (let i = 0; (await sink.stats()).total.accepted < n; i++) {
      if (i > 2_000) throw new Error('the backlog of the dead instance was not delivered')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    b.child.stdin?.write('drain\n')
    c.child.stdin?.write('drain\n')
    const [fromB, fromC] = [await b.next(), await c.next()]
    expect({ b: fromB.report, c: fromC.report, stats: [fromB.stats, fromC.stats] }).toMatchObject({
      b: { timedOut: false, pending: 0 },
      c: { timedOut: false, pending: 0 },
    })
    expect(fromB.report.delivered + fromC.report.delivered).toBe(n)
    expect(Math.min(fromB.report.delivered, fromC.report.delivered)).toBe(0) // one took it, not both
    expect([...fromB.seen.errors, ...fromC.seen.errors]).toContain('spool_taken_over')
    const analysis = await sink.analyze('rudderstack', 'f-', n)
    expect(analysis).toMatchObject({ distinctIds: n, unexpectedIds: 0, contentMismatches: 0, duplicateIds: 0 })
    expect(await b.exited).toBe(0)
    expect(await c.exited).toBe(0)
  }, 240_000)
})
