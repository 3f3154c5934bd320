import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSink, type Sink } from '@polytrack/sink'
import { readAckLog } from '@polytrack/sink/ack-log'
import { spawnNode, type ChildOutput } from '@polytrack/sink/child-process'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeRedis } from '@polytrack/test-support/describe-redis'
import { laneKeys } from '../src/lane-keys.js'
import { useRedis } from './support/use-redis.js'

// The child imports this package's built dist/: build it before running this file.
const CHILD = new URL('./fixtures/crash-child.mjs', import.meta.url).pathname

describeRedis('durability across SIGKILL (Redis spool)', () => {
  const server = useRedis()
  let sink: Sink
  let work: string
  beforeAll(async () => {
    sink = await startSink()
    work = mkdtempSync(join(tmpdir(), 'polytrack-redis-crash-'))
  })
  afterAll(async () => {
    await sink?.close()
    rmSync(work, { recursive: true, force: true })
  })

  function spawnChild(env: Record<string, string>): ChildProcess & { output: Promise<ChildOutput> } {
    return spawnNode(CHILD, { env: { SINK_SEGMENT_URL: sink.urlFor('segment'), REDIS_URL: server.redis.url, ...env } })
  }

  it('delivers after a restart every message accepted and acknowledged by Redis before the kill, and replays no released one', async () => {
    const env = { REDIS_PREFIX: 'crash:', INSTANCE_ID: 'pod-0', RUN: 'redis' }
    const ackFile = join(work, 'redis.acks')
    sink.reset()
    sink.inject(
      'segment',
      ...Array.from({ length: 5 }, () => ({ pass: true as const })),
      ...Array.from({ length: 500 }, () => ({ delayMs: 120_000 })),
    )
    const sender = spawnChild({ ...env, MODE: 'send', ACK_FILE: ackFile })
    let exited = false
    void sender.output.then(() => (exited = true))
    // Mid-stream: some batches delivered (and released), thousands acknowledged and still queued.
    for (;;) {
      const log = readAckLog(ackFile)
      if (log.delivered.size > 0 && log.acked.size >= log.delivered.size + 3000) break
      if (exited) throw new Error(`the child exited before it got there: ${(await sender.output).stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    sender.kill('SIGKILL')
    expect((await sender.output).signal).toBe('SIGKILL')
    const log = readAckLog(ackFile)
    const firstRun = sink.messages({ vendor: 'segment' }).map((m) => m.id)

    sink.reset()
    const replay = await spawnChild({ ...env, MODE: 'replay' }).output
    expect(replay.stderr).toBe('')
    expect(replay.code).toBe(0)
    const report = JSON.parse(replay.stdout) as { delivered: number; pending: number; failed: number; dropped: number }
    const secondRun = sink.messages({ vendor: 'segment' }).map((m) => m.id)

    expect(log.dropped.size).toBe(0)
    expect(log.acked.has('redis-0')).toBe(true)
    const delivered = new Set([...firstRun, ...secondRun])
    expect([...log.acked].filter((id) => !delivered.has(id))).toEqual([])
    for (const id of delivered) expect(id.startsWith('redis-')).toBe(true)
    expect(secondRun.length).toBeGreaterThan(0)
    expect(report).toMatchObject({ pending: 0, failed: 0, dropped: 0, delivered: secondRun.length })
    // Released before the kill: not sent again.
    expect(secondRun.filter((id) => log.delivered.has(id))).toEqual([])
    expect(await server.admin.xlen(laneKeys('crash:', 'segment', 'pod-0').own)).toBe(0)
  }, 180_000)

  /** Runs a burst child (COUNT tracks in one synchronous loop, then SIGKILL in the same tick); returns the ids in Redis. */
  async function burst(count: number, prefix: string): Promise<string[]> {
    sink.reset()
    sink.inject('segment', ...Array.from({ length: 500 }, () => ({ delayMs: 120_000 })))
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
