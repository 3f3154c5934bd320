import { join } from 'node:path'
import { spawnNode } from '@polytrack/sink/child-process'
import { expect, it } from 'vitest'
import { crashAndReplay, expectCompleteReplay, useCrashSink, type CrashChild } from '@polytrack/test-support/crash-replay'
import { describeRedis } from '@polytrack/test-support/describe-redis'
import { laneKeys } from '../src/lane-keys.js'
import { useRedis } from './support/use-redis.js'

// The child imports this package's built dist/: build it before running this file.
const CHILD = new URL('./fixtures/crash-child.mjs', import.meta.url).pathname

describeRedis('durability across SIGKILL (Redis spool)', () => {
  const server = useRedis()
  const crash = useCrashSink('redis-crash')

  function spawnChild(env: Record<string, string>): CrashChild {
    return spawnNode(CHILD, { env: { SINK_SEGMENT_URL: crash.sink.urlFor('segment'), REDIS_URL: server.redis.url, ...env } })
  }

  it('delivers after a restart every message accepted and acknowledged by Redis before the kill, and replays no released one', async () => {
    const env = { REDIS_PREFIX: 'crash:', INSTANCE_ID: 'pod-0', RUN: 'redis' }
    const result = await crashAndReplay({
      sink: crash.sink,
      spawn: (mode) => spawnChild({ ...env, ...mode }),
      ackFile: join(crash.work, 'redis.acks'),
      // Mid-stream: some batches delivered (and released), thousands acknowledged and still queued.
      killWhen: (log) => log.delivered.size > 0 && log.acked.size >= log.delivered.size + 3000,
    })
    expectCompleteReplay(result, 'redis')
    expect(await server.admin.xlen(laneKeys('crash:', 'segment', 'pod-0').own)).toBe(0)
  }, 180_000)

  /** Runs a burst child (COUNT tracks in one synchronous loop, then SIGKILL in the same tick); returns the ids in Redis. */
  async function burst(count: number, prefix: string): Promise<string[]> {
    crash.sink.reset()
    crash.sink.inject('segment', ...Array.from({ length: 500 }, () => ({ delayMs: 120_000 })))
    const out = await spawnChild({ MODE: 'burst', COUNT: String(count), REDIS_PREFIX: prefix, INSTANCE_ID: 'pod-1', RUN: 'b' }).output
    expect(out.signal).toBe('SIGKILL')
    const key = laneKeys(prefix, 'segment', 'pod-1').own
    const ids: string[] = []
    let start = '-'
    for (;;) {
      const page = await server.admin.xrange(key, start, '+', 'COUNT', 1000)
      if (page.length === 0) break
      for (const [, fields] of page) ids.push(fields[1] as string)
      start = `(${(page[page.length - 1] as [string, string[]])[0]}`
    }
    return ids
  }

  it('a message is written to Redis inside track(): a SIGKILL in the same tick as a burst leaves an ordered prefix in Redis (a client that writes on a later tick leaves nothing)', async () => {
    // ioredis writes each append to the socket inside the call, so Redis gets them even though the
    // process never reached another tick. What Redis had not read yet when the kernel reset the
    // killed process' connection (it held unread replies) is lost: see the README ("What durable
    // means with Redis"); `spool.acknowledged()` tells when Redis has them all.
    const ids = await burst(5_000, 'burst:')
    expect(ids.length).toBeGreaterThan(0)
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => `b-${i}`))
  }, 60_000)
})
