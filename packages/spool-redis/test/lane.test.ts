import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import type { RecoveredMessage, SpoolReceipt } from '@polytrack/core'
import { describeRedis } from '@polytrack/test-support/describe-redis'
import { freePort } from '@polytrack/test-support/free-port'
import { startRedis } from '@polytrack/test-support/redis-server'
import { RedisSpool } from '../src/redis-spool.js'
import { laneKeys } from '../src/lane-keys.js'
import { probe, until } from './support/lane-probe.js'
import { useRedis } from './support/use-redis.js'

let prefixes = 0
/** A fresh key prefix per test: tests share one server. */
const freshPrefix = (): string => `t${++prefixes}:`

describeRedis('a lane against redis-server', () => {
  const server = useRedis()

  function open(keyPrefix: string, instanceId = 'a', extra: Record<string, unknown> = {}) {
    const spool = new RedisSpool({ url: server.redis.url, keyPrefix, instanceId, ...extra })
    const listener = probe()
    const lane = spool.openLane('segment', listener)
    return { spool, lane, listener, keys: laneKeys(keyPrefix, 'segment', instanceId) }
  }

  /** Opens a lane and waits until Redis answered its OPEN (until then a backlog may exist: nothing is held). */
  async function opened(keyPrefix: string, instanceId = 'a') {
    const it = open(keyPrefix, instanceId)
    await it.spool.ready()
    await until(() => !it.lane.hasUnread || it.lane.hasBacklog, 'the lane is open')
    await until(() => (it.lane as unknown as { fleet: { opened: boolean } }).fleet.opened, 'OPEN answered')
    return it
  }

  it('appends to its own stream (written before append returns), reads back unheld messages in order, and releases with XDEL', async () => {
    const { spool, lane, keys } = await opened(freshPrefix())
    const held = lane.append({ id: 'h0', json: '{"n":0}' }, true)
    expect(lane.hasUnread).toBe(false)
    const spilled = [1, 2, 3].map((n) => lane.append({ id: `s${n}`, json: `{"n":${n}}` }, false))
    expect(lane.hasUnread).toBe(true)
    const read = await lane.read(10, 1 << 20)
    expect(read.map((m) => [m.id, m.json, m.backlog])).toEqual([
      ['s1', '{"n":1}', false],
      ['s2', '{"n":2}', false],
      ['s3', '{"n":3}', false],
    ])
    expect(lane.hasUnread).toBe(false)
    await until(async () => (await server.admin.xlen(keys.own)) === 4, 'four entries')
    lane.release([held, ...read.map((m) => m.receipt)])
    await until(async () => (await server.admin.xlen(keys.own)) === 0, 'all released')
    expect(spilled).toHaveLength(3)
    await spool.close()
    // A clean goodbye: nothing left, the instance left the fleet.
    expect(await server.admin.exists(keys.own, keys.owners)).toBe(0)
    expect(await server.admin.zcard(keys.hb)).toBe(0)
  })

  it('reads spilled messages from stream ranges, skipping held ones, however replies and reads interleave', async () => {
    const { spool, lane } = await opened(freshPrefix())
    const receipts: SpoolReceipt[] = []
    const got: string[] = []
    let n = 0
    // Rounds of: a few held (nothing unread), then spilled ones, read back in two steps.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 3; i++) {
        expect(lane.hasUnread).toBe(false)
        receipts.push(lane.append({ id: `h${n++}`, json: '{}' }, true))
      }
      for (let i = 0; i < 7; i++) lane.append({ id: `s${n++}`, json: '{}' }, false)
      if (round % 2 === 0) await new Promise((resolve) => setTimeout(resolve, 5)) // let the replies come first
      while (lane.hasUnread) {
        const read = await lane.read(4, 1 << 20)
        got.push(...read.map((m) => m.id))
        receipts.push(...read.map((m) => m.receipt))
      }
    }
    const expected = Array.from({ length: 200 }, (_, i) => i)
      .filter((i) => i % 10 >= 3)
      .map((i) => `s${i}`)
    expect(got).toEqual(expected)
    lane.release(receipts)
    await spool.close()
    expect(lane.stats()).toMatchObject({ appended: 200, written: 200, released: 200, missing: 0 })
  })

  it('replays on the next start what was not released, as backlog, before new messages', async () => {
    const prefix = freshPrefix()
    const first = open(prefix)
    await first.spool.ready()
    const receipts = [0, 1, 2, 3, 4].map((i) => first.lane.append({ id: `m${i}`, json: `{"i":${i}}` }, true))
    first.lane.release([receipts[1], receipts[3]])
    await first.spool.close()

    const second = open(prefix)
    second.lane.append({ id: 'new', json: '{}' }, false)
    await until(() => second.lane.hasBacklog, 'the backlog is known')
    const backlog = await second.lane.read(100, 1 << 20)
    expect(backlog.map((m) => [m.id, m.backlog])).toEqual([
      ['m0', true],
      ['m2', true],
      ['m4', true],
    ])
    expect(second.lane.hasBacklog).toBe(false)
    const fresh = await second.lane.read(100, 1 << 20)
    expect(fresh.map((m) => [m.id, m.backlog])).toEqual([['new', false]])
    second.lane.release([...backlog, ...fresh].map((m) => m.receipt))
    await second.spool.close()
    expect(await server.admin.exists(second.keys.own)).toBe(0)
  })

  it('reads a large backlog in bounded pages: never more than maxMessages, nor (past the first) maxBytes', async () => {
    const prefix = freshPrefix()
    const first = open(prefix)
    await first.spool.ready()
    const big = 'x'.repeat(10_000)
    for (let i = 0; i < 3000; i++) first.lane.append({ id: `m${i}`, json: i % 100 === 0 ? `{"b":"${big}"}` : `{"i":${i}}` }, true)
    await first.spool.acknowledged()
    await first.spool.close()

    const second = open(prefix)
    await until(() => second.lane.hasBacklog, 'backlog known')
    const ids: string[] = []
    let reads = 0
    while (second.lane.hasUnread) {
      const page = await second.lane.read(500, 32 * 1024)
      reads++
      expect(page.length).toBeLessThanOrEqual(500)
      const bytes = page.slice(0, -1).reduce((sum, m) => sum + m.json.length, 0)
      expect(bytes).toBeLessThan(32 * 1024)
      ids.push(...page.map((m) => m.id))
      second.lane.release(page.map((m) => m.receipt))
    }
    expect(ids).toEqual(Array.from({ length: 3000 }, (_, i) => `m${i}`))
    expect(reads).toBeGreaterThanOrEqual(6)
    await second.spool.close()
    expect(second.lane.stats()).toMatchObject({ recovered: 3000, missing: 0 })
  })

  it('reads back 1,000 entries of 30 KB in linear time, one bounded page at a time (the old RESP parser took 12–17 s of CPU)', async () => {
    const prefix = freshPrefix()
    const first = open(prefix)
    await first.spool.ready()
    const pad = 'p'.repeat(30 * 1024)
    const writeStart = process.cpuUsage()
    for (let i = 0; i < 1000; i++) first.lane.append({ id: `m${i}`, json: `{"i":${i},"pad":"${pad}"}` }, true)
    await first.spool.acknowledged()
    await first.spool.close()
    const writeCpu = cpuMs(process.cpuUsage(writeStart))

    const second = open(prefix)
    await until(() => second.lane.hasBacklog, 'backlog known')
    const readStart = process.cpuUsage()
    let count = 0
    let largestPage = 0
    while (second.lane.hasUnread) {
      const page = await second.lane.read(1000, 4 * 1024 * 1024)
      largestPage = Math.max(largestPage, page.length)
      count += page.length
      second.lane.release(page.map((m) => m.receipt))
    }
    const readCpu = cpuMs(process.cpuUsage(readStart))
    expect(count).toBe(1000)
    // A page holds about 4 MiB: ~140 of these messages, never the whole backlog.
    expect(largestPage).toBeLessThan(200)
    // Linear: reading costs about what writing did (measured: ~1×), not 150× as before.
    expect(readCpu).toBeLessThan(Math.max(10 * writeCpu, 2_000))
    await second.spool.close()
  })

  it('keeps appends in memory while Redis is unreachable (nothing counts as unread), writes them once it is up, and never writes those released meanwhile', async () => {
    const port = await freePort()
    const prefix = freshPrefix()
    const spool = new RedisSpool({ url: `redis://127.0.0.1:${port}`, keyPrefix: prefix, instanceId: 'a' })
    const listener = probe()
    const lane = spool.openLane('segment', listener)
    // Until the first connection attempt fails, an earlier backlog may exist: nothing is held.
    expect(lane.hasUnread).toBe(true)
    await until(() => listener.kinds().includes('connection'), 'the connection error is reported')
    const held = [0, 1, 2].map((i) => lane.append({ id: `h${i}`, json: '{}' }, true))
    expect(lane.hasUnread).toBe(false)
    expect(lane.hasBacklog).toBe(false)
    lane.release([held[0]]) // delivered while Redis was down: never written
    const spilled = lane.append({ id: 's', json: '{"s":1}' }, false)
    expect(lane.hasUnread).toBe(true)
    // Read from memory: Redis has not got it.
    const read = await lane.read(10, 1 << 20)
    expect(read.map((m) => m.id)).toEqual(['s'])
    expect(spilled).toBeDefined()
    await until(() => listener.kinds().includes('connection'), 'the connection error is reported')
    expect(listener.errors[0]?.message).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/)

    const late = await startRedis({ port }).catch(() => undefined)
    try {
      if (late === undefined) return // the port was taken meanwhile: nothing to check
      await until(() => spool.connected, 'connected')
      const check = new Redis(late.port, '127.0.0.1')
      try {
        await until(async () => (await check.xlen(laneKeys(prefix, 'segment', 'a').own)) === 3, 'h1, h2 and s written')
        const entries = await check.xrange(laneKeys(prefix, 'segment', 'a').own, '-', '+')
        expect(entries.map(([, fields]) => fields[1])).toEqual(['h1', 'h2', 's'])
      } finally {
        check.disconnect()
      }
      lane.release([held[1], held[2], read[0]?.receipt])
      await spool.close()
    } finally {
      await spool.close()
      await late?.stop()
    }
  })

  it('refuses appends over maxBufferBytes while Redis is unreachable (spool-full), and says full until there is room', async () => {
    const port = await freePort()
    const spool = new RedisSpool({ url: `redis://127.0.0.1:${port}`, keyPrefix: freshPrefix(), maxBufferBytes: 10_000, closeTimeoutMs: 0 })
    const listener = probe()
    const lane = spool.openLane('segment', listener)
    await until(() => listener.kinds().includes('connection'), 'the connection error is reported')
    const receipts: SpoolReceipt[] = []
    for (;;) {
      const receipt = lane.append({ id: `m${receipts.length}`, json: `{"pad":"${'x'.repeat(900)}"}` }, true)
      if (receipt === undefined) break
      receipts.push(receipt)
    }
    expect(receipts.length).toBeGreaterThan(5)
    expect(receipts.length).toBeLessThan(11)
    expect(lane.full).toBe(true)
    lane.release(receipts)
    expect(lane.full).toBe(false)
    expect(lane.append({ id: 'again', json: '{}' }, true)).toBeDefined()
    await spool.close()
  })

  it('does not hand out what it read twice, and the receipts of read messages are idempotent to release', async () => {
    const { spool, lane, keys } = await opened(freshPrefix())
    for (let i = 0; i < 10; i++) lane.append({ id: `m${i}`, json: '{}' }, false)
    const all: RecoveredMessage[] = []
    while (lane.hasUnread) all.push(...(await lane.read(3, 1 << 20)))
    expect(all.map((m) => m.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`))
    lane.release(all.map((m) => m.receipt))
    lane.release(all.map((m) => m.receipt))
    await until(async () => (await server.admin.xlen(keys.own)) === 0, 'released')
    expect(lane.stats().released).toBe(10)
    await spool.close()
  })
})

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000
}

describe('keys', () => {
  it('put every key of a lane under one hash tag, and encode what would break it', () => {
    expect(laneKeys('app:', 'segment', 'web-1')).toEqual({
      tag: '{app:segment}',
      hb: '{app:segment}:hb',
      owners: '{app:segment}:owners',
      counter: '{app:segment}:n',
      own: '{app:segment}:s:web-1',
    })
    expect(laneKeys('p:', 'a}b', 'x y').own).toBe('{p:a%7db}:s:x%20y')
  })
})
