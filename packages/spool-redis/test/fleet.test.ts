import type { RecoveredMessage } from '@polytrack/core'
import type { Redis } from 'ioredis'
import { expect, it } from 'vitest'
import { describeRedis } from '@polytrack/test-support/describe-redis'
import { laneKeys } from '../src/lane-keys.js'
import type { RedisLaneSpool } from '../src/redis-lane-spool.js'
import { RedisSpool } from '../src/redis-spool.js'
import { probe, until } from './support/lane-probe.js'
import { ManualTimers } from './support/manual-timers.js'
import { useRedis } from './support/use-redis.js'

const TAKEOVER = 30_000
let prefixes = 0
const freshPrefix = (): string => `f${++prefixes}:`

/** An instance of the fleet, its heartbeat driven by hand. */
async function instance(url: string, keyPrefix: string, instanceId: string) {
  const timers = new ManualTimers()
  const spool = new RedisSpool({ url, keyPrefix, instanceId, takeoverAfterMs: TAKEOVER }, { timers })
  await spool.ready()
  const listener = probe()
  const lane = spool.openLane('segment', listener)
  const fleet = (lane as unknown as { fleet: { opened: boolean; inflight: number } }).fleet
  await until(() => fleet.opened && fleet.inflight === 0, 'opened, and its first heartbeat answered')
  return {
    spool,
    lane,
    listener,
    timers,
    /** One heartbeat (which may take over), answered. */
    async beat() {
      timers.advance(TAKEOVER / 4)
      await until(() => fleet.inflight === 0, 'the heartbeat is answered')
    },
    /** Dies without a word: the connection drops, no close, no goodbye. */
    crash() {
      ;(spool as unknown as { link: { client: Redis } }).link.client.disconnect()
    },
  }
}

/** An instance of `instanceId` that has appended `count` messages (ids `${instanceId}-0`…) and written them all to Redis. */
async function instanceWithBacklog(url: string, keyPrefix: string, instanceId: string, count: number) {
  const made = await instance(url, keyPrefix, instanceId)
  for (let i = 0; i < count; i++) made.lane.append({ id: `${instanceId}-${i}`, json: '{}' }, false)
  await until(() => made.lane.stats().written === count, 'written')
  return made
}

async function drain(lane: RedisLaneSpool): Promise<RecoveredMessage[]> {
  const out: RecoveredMessage[] = []
  while (lane.hasUnread) {
    const page = await lane.read(250, 1 << 20)
    out.push(...page)
    lane.release(page.map((m) => m.receipt))
  }
  return out
}

describeRedis('the fleet: takeover of dead instances', () => {
  const server = useRedis()

  /** Makes `instanceId`'s heartbeat look older than takeoverAfterMs (as after it died). */
  const age = (prefix: string, instanceId: string) => server.admin.zadd(laneKeys(prefix, 'segment', instanceId).hb, 1, instanceId)

  it('a live instance takes a dead one’s backlog over (RENAME), delivers it as backlog in order, and deletes it', async () => {
    const prefix = freshPrefix()
    const a = await instance(server.redis.url, prefix, 'a')
    for (let i = 0; i < 300; i++) a.lane.append({ id: `a-${i}`, json: `{"i":${i}}` }, i < 100)
    await until(() => a.lane.stats().written === 300, 'written')
    a.crash()
    await age(prefix, 'a')

    const b = await instance(server.redis.url, prefix, 'b')
    await until(() => b.lane.hasBacklog, 'b took a over')
    expect(b.listener.kinds()).toContain('takeover')
    const keys = laneKeys(prefix, 'segment', 'b')
    expect(await server.admin.exists(laneKeys(prefix, 'segment', 'a').own)).toBe(0)
    expect(await server.admin.zrange(keys.hb, '0', '-1')).toEqual(['b'])
    const got = await drain(b.lane)
    expect(got.map((m) => m.id)).toEqual(Array.from({ length: 300 }, (_, i) => `a-${i}`))
    expect(got.every((m) => m.backlog)).toBe(true)
    await until(async () => (await server.admin.hlen(keys.owners)) === 0, 'the taken stream is deleted once released')
    expect(b.lane.stats()).toMatchObject({ takenOver: 1, recovered: 300, missing: 0 })
    await b.spool.close()
    await a.spool.close()
  })

  it('two live instances racing for a dead one: exactly one takes each stream, nothing is delivered twice', async () => {
    const prefix = freshPrefix()
    const dead = await instance(server.redis.url, prefix, 'dead')
    for (let i = 0; i < 1000; i++) dead.lane.append({ id: `d-${i}`, json: '{}' }, false)
    await until(() => dead.lane.stats().written === 1000, 'written')
    dead.crash()
    await age(prefix, 'dead')
    const [b, c] = await Promise.all([instance(server.redis.url, prefix, 'b'), instance(server.redis.url, prefix, 'c')])
    await until(() => b.lane.hasBacklog || c.lane.hasBacklog, 'one took it over')
    await Promise.all([b.beat(), c.beat()])
    const [fromB, fromC] = await Promise.all([drain(b.lane), drain(c.lane)])
    const ids = [...fromB, ...fromC].map((m) => m.id)
    expect(ids).toHaveLength(1000)
    expect(new Set(ids).size).toBe(1000)
    expect(fromB.length === 0 || fromC.length === 0).toBe(true)
    await Promise.all([b.spool.close(), c.spool.close(), dead.spool.close()])
  })

  it('a live instance is never taken over while it heartbeats', async () => {
    const prefix = freshPrefix()
    const a = await instance(server.redis.url, prefix, 'a')
    for (let i = 0; i < 10; i++) a.lane.append({ id: `a-${i}`, json: '{}' }, false)
    const b = await instance(server.redis.url, prefix, 'b')
    for (let round = 0; round < 6; round++) await Promise.all([a.beat(), b.beat()])
    expect(b.lane.hasBacklog).toBe(false)
    expect(b.listener.kinds()).not.toContain('takeover')
    expect((await drain(a.lane)).map((m) => m.id)).toHaveLength(10)
    await Promise.all([a.spool.close(), b.spool.close()])
  })

  it('after an outage of Redis itself (every heartbeat old), nobody takes over before the others could beat again', async () => {
    const prefix = freshPrefix()
    const a = await instance(server.redis.url, prefix, 'a')
    a.lane.append({ id: 'a-0', json: '{}' }, false)
    const b = await instance(server.redis.url, prefix, 'b')
    await age(prefix, 'a')
    await age(prefix, 'b') // as if Redis had been down for longer than takeoverAfterMs
    await b.beat() // b's previous heartbeat is old too: it only beats
    expect(b.lane.hasBacklog).toBe(false)
    await a.beat() // a is back
    await b.beat()
    expect(b.lane.hasBacklog).toBe(false)
    expect((await drain(a.lane)).map((m) => m.id)).toEqual(['a-0'])
    await Promise.all([a.spool.close(), b.spool.close()])
  })

  it('an instance cut off for longer than takeoverAfterMs notices it was taken over, says so, and goes on; nothing is lost', async () => {
    const prefix = freshPrefix()
    const a = await instanceWithBacklog(server.redis.url, prefix, 'a', 20)
    await age(prefix, 'a') // a is silent (cut off) for too long
    const b = await instance(server.redis.url, prefix, 'b')
    await until(() => b.lane.hasBacklog, 'b took a over')
    await a.beat()
    expect(a.listener.kinds()).toContain('taken_over')
    // a goes on: a new stream, registered (so it is never stranded)
    for (let i = 20; i < 25; i++) a.lane.append({ id: `a-${i}`, json: '{}' }, false)
    const fromA = await drain(a.lane)
    const fromB = await drain(b.lane)
    expect(fromB.map((m) => m.id)).toEqual(Array.from({ length: 20 }, (_, i) => `a-${i}`))
    expect(fromA.map((m) => m.id)).toEqual(['a-20', 'a-21', 'a-22', 'a-23', 'a-24'])
    expect(a.listener.kinds()).toContain('missing')
    expect(await server.admin.hget(laneKeys(prefix, 'segment', 'a').owners, laneKeys(prefix, 'segment', 'a').own)).toBe('a')
    await Promise.all([a.spool.close(), b.spool.close()])
  })

  it('a dead instance’s streams taken over by an instance that then dies too are taken over again, with their order', async () => {
    const prefix = freshPrefix()
    const a = await instanceWithBacklog(server.redis.url, prefix, 'a', 30)
    a.crash()
    await age(prefix, 'a')
    const b = await instance(server.redis.url, prefix, 'b')
    await until(() => b.lane.hasBacklog, 'b took a over')
    for (let i = 0; i < 10; i++) b.lane.append({ id: `b-${i}`, json: '{}' }, false)
    await until(() => b.lane.stats().written === 10, 'written')
    b.crash()
    await age(prefix, 'b')
    const c = await instance(server.redis.url, prefix, 'c')
    await until(() => c.lane.hasBacklog, 'c took b over')
    const got = (await drain(c.lane)).map((m) => m.id)
    expect(got).toEqual([...Array.from({ length: 30 }, (_, i) => `a-${i}`), ...Array.from({ length: 10 }, (_, i) => `b-${i}`)])
    await Promise.all([a.spool.close(), b.spool.close(), c.spool.close()])
  })
})
