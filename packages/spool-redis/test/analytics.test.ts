import { Analytics, type AnalyticsEvents } from '@polytrack/core'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { describeRedis } from '@polytrack/test-support/describe-redis'
import { freePort } from '@polytrack/test-support/free-port'
import { startRedis } from '@polytrack/test-support/redis-server'
import { laneKeys } from '../src/lane-keys.js'
import { RedisSpool, redisSpool } from '../src/redis-spool.js'
import type { RedisSpoolError } from '../src/redis-spool-error.js'
import { until } from './support/lane-probe.js'
import { ManualTimers } from './support/manual-timers.js'
import { useRedis } from './support/use-redis.js'
import { testDestination } from './support/test-destination.js'

let prefixes = 0
const freshPrefix = (): string => `a${++prefixes}:`

/** Resolves `true` when `work` settles first, `false` after `ms` (a guard against hangs, not a timing assertion). */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([work.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))])
}

function errorsOf(analytics: Analytics): AnalyticsEvents['error'][] {
  const errors: AnalyticsEvents['error'][] = []
  analytics.on('error', (e) => errors.push(e))
  return errors
}

describeRedis('the Redis spool under Analytics', () => {
  const server = useRedis()
  let sink: Sink
  beforeAll(async () => {
    sink = await startSink()
  })
  afterAll(async () => {
    await sink?.close()
  })
  beforeEach(() => sink.reset())

  it('keeps what the vendor did not take, and the next start delivers it (backlog first)', async () => {
    const keyPrefix = freshPrefix()
    sink.inject('segment', ...Array.from({ length: 1_000 }, () => ({ status: 503 })))
    const first = new Analytics({
      destination: testDestination(sink.urlFor('segment')),
      spool: redisSpool({ url: server.redis.url, keyPrefix, instanceId: 'web-1' }),
      flushIntervalMs: 60_000,
      flushAt: 100,
      retryBaseDelayMs: 1,
      maxRetries: 1_000,
    })
    for (let i = 0; i < 5; i++) first.track({ userId: 'u', event: 'e', messageId: `kept-${i}` })
    expect((await first.close({ timeoutMs: 200 })).pending).toBe(5)
    expect(await server.admin.xlen(laneKeys(keyPrefix, 'segment', 'web-1').own)).toBe(5)
    sink.reset()

    const second = new Analytics({
      destination: testDestination(sink.urlFor('segment')),
      spool: redisSpool({ url: server.redis.url, keyPrefix, instanceId: 'web-1' }),
    })
    await until(() => sink.messages({ vendor: 'segment' }).length >= 5, 'the backlog is delivered')
    second.track({ userId: 'u', event: 'e', messageId: 'fresh' })
    expect(await second.close()).toMatchObject({ delivered: 6, pending: 0, failed: 0, timedOut: false })
    expect(sink.messages({ vendor: 'segment' }).map((m) => m.id)).toEqual(['kept-0', 'kept-1', 'kept-2', 'kept-3', 'kept-4', 'fresh'])
    expect(await server.admin.exists(laneKeys(keyPrefix, 'segment', 'web-1').own)).toBe(0)
  })

  it('finding 1: with Redis unreachable at start, flush() resolves and the vendor gets every message', async () => {
    const port = await freePort() // nothing listens there
    const analytics = new Analytics({
      destination: testDestination(sink.urlFor('segment')),
      spool: redisSpool({ url: `redis://127.0.0.1:${port}`, keyPrefix: freshPrefix(), closeTimeoutMs: 0 }),
    })
    const errors = errorsOf(analytics)
    for (let i = 0; i < 25; i++) analytics.track({ userId: 'u', event: 'e', messageId: `m-${i}` })
    expect(await settlesWithin(analytics.flush(), 20_000)).toBe(true)
    expect(sink.messages({ vendor: 'segment' }).map((m) => m.id)).toEqual(Array.from({ length: 25 }, (_, i) => `m-${i}`))
    expect(await analytics.close()).toMatchObject({ delivered: 25, pending: 0, timedOut: false })
    await until(
      () => errors.some((e) => e.error.code === 'spool_unavailable' && (e.error as RedisSpoolError).kind === 'connection'),
      'the connection error is reported',
    )
  })

  it('finding 1: with a wrong password, flush() resolves, the vendor gets every message, and the error names neither password', async () => {
    const guarded = await startRedis({ password: 's3cret-pass' })
    try {
      const analytics = new Analytics({
        destination: testDestination(sink.urlFor('segment')),
        spool: redisSpool({ url: `redis://:wr0ng-pass@127.0.0.1:${guarded.port}`, keyPrefix: freshPrefix(), closeTimeoutMs: 0 }),
      })
      const errors = errorsOf(analytics)
      for (let i = 0; i < 10; i++) analytics.track({ userId: 'u', event: 'e', messageId: `p-${i}` })
      expect(await settlesWithin(analytics.flush(), 20_000)).toBe(true)
      expect(sink.messages({ vendor: 'segment' })).toHaveLength(10)
      await until(
        () => errors.some((e) => e.error.code === 'spool_unavailable' && (e.error as RedisSpoolError).kind === 'auth'),
        'the authentication error is reported',
      )
      const text = errors.map((e) => `${e.error.message} ${String((e.error.cause as Error | undefined)?.message)}`).join('\n')
      expect(text).not.toMatch(/wr0ng-pass|s3cret-pass/)
      expect(await analytics.close()).toMatchObject({ delivered: 10, pending: 0 })
    } finally {
      await guarded.stop()
    }
  })

  it('finding 2: close({ timeoutMs: 1000 }) with an unresponsive Redis waits only the spool close budget, once, and does not report timedOut when all was delivered', async () => {
    const timers = new ManualTimers()
    const spool = new RedisSpool({ url: server.redis.url, keyPrefix: freshPrefix(), closeTimeoutMs: 1_000 }, { timers })
    await spool.ready()
    const analytics = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool, flushAt: 5 })
    await until(() => spool.lane('segment')?.hasUnread === false, 'the lane is open (its earlier backlog known)')
    server.redis.pause() // connected, answers nothing
    try {
      for (let i = 0; i < 10; i++) analytics.track({ userId: 'u', event: 'e', messageId: `c-${i}` })
      await until(() => sink.messages({ vendor: 'segment' }).length === 10, 'delivered from memory')
      let report: Awaited<ReturnType<Analytics['close']>> | undefined
      const closing = analytics.close({ timeoutMs: 1_000 }).then((r) => (report = r))
      // Everything was delivered, so Analytics waits for nothing; the spool waits for Redis' answers
      // (its XADDs and XDELs), but only within closeTimeoutMs, shared by the lane and the connection.
      await until(() => timers.pending.includes(1_000), 'the spool waits within its close budget')
      expect(report).toBeUndefined()
      timers.advance(1_000)
      await closing
      expect(report).toMatchObject({ delivered: 10, pending: 0, failed: 0, timedOut: false })
      expect(timers.pending.filter((ms) => ms > 0 && ms < 5_000)).toEqual([])
    } finally {
      server.redis.resume()
    }
  })

  it('finding 2: with an unresponsive Redis, close({ timeoutMs: 1000 }) returns in about a second (the old spool took about 5 s)', async () => {
    const spool = redisSpool({ url: server.redis.url, keyPrefix: freshPrefix() })
    await spool.ready()
    const analytics = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool, flushAt: 5 })
    await until(() => spool.lane('segment')?.hasUnread === false, 'the lane is open (its earlier backlog known)')
    server.redis.pause()
    try {
      for (let i = 0; i < 10; i++) analytics.track({ userId: 'u', event: 'e', messageId: `d-${i}` })
      await until(() => sink.messages({ vendor: 'segment' }).length === 10, 'delivered from memory')
      const started = performance.now()
      const report = await analytics.close({ timeoutMs: 1_000 })
      const took = performance.now() - started
      expect(report).toMatchObject({ delivered: 10, pending: 0, timedOut: false })
      // The default close budget is 1 s; the margin is for a slow machine, far below the old 5 s.
      expect(took).toBeLessThan(4_000)
    } finally {
      server.redis.resume()
    }
  })

  it('reports a message delivered while Redis is down as never written, and one accepted and not delivered as lost at close', async () => {
    const port = await freePort()
    sink.inject('segment', ...Array.from({ length: 100 }, () => ({ status: 503 })))
    const analytics = new Analytics({
      destination: testDestination(sink.urlFor('segment')),
      spool: redisSpool({ url: `redis://127.0.0.1:${port}`, keyPrefix: freshPrefix(), closeTimeoutMs: 0 }),
      retryBaseDelayMs: 1,
      maxRetries: 1_000,
    })
    const errors = errorsOf(analytics)
    analytics.track({ userId: 'u', event: 'e', messageId: 'lost-1' })
    const report = await analytics.close({ timeoutMs: 100 })
    expect(report.pending).toBe(1)
    expect(errors.map((e) => [e.error.code, (e.error as RedisSpoolError).kind])).toContainEqual(['spool_write', 'lost'])
  })
})
