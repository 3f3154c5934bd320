/**
 * RSS with a 1 M-message backlog (BENCH_BACKLOG), for the file spool and the Redis spool
 * (BENCH_SPOOL_KIND 'file' or 'redis'): the vendor is down (a closed port) while the messages
 * arrive, so they pile up in the spool behind a window of maxQueueSize (10,000); then a second
 * client on the same spool delivers the backlog to the sink. Reports RSS before, the peak while
 * accepting, after, the peak while draining, and the drain rate. One process per kind.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '@polytrack/test-support/free-port'
import { childArgs } from '../lib/child-args.mjs'
import { reportUnavailable, tryImport } from '../lib/measure.mjs'
import { startRedisServer } from '../lib/redis-server.mjs'
import { makeEvent } from '../lib/workload.mjs'

const kind = process.env.BENCH_SPOOL_KIND ?? 'file'
const backlog = Number(process.env.BENCH_BACKLOG ?? 1_000_000)
const core = await tryImport('@polytrack/core', 'createFileSpool')
const adapter = await tryImport('@polytrack/segment', 'segment')
const spoolRedis = kind === 'redis' ? await tryImport('@polytrack/spool-redis', 'redisSpool') : { mod: {} }
const mb = () => process.memoryUsage().rss / 1024 / 1024

if (core.error || adapter.error || spoolRedis.error) {
  reportUnavailable(core.error ?? adapter.error ?? spoolRedis.error)
} else {
  const { Analytics, createFileSpool } = core.mod
  const { sinkUrl } = childArgs()
  const redis = kind === 'redis' ? await startRedisServer() : undefined
  if (kind === 'redis' && redis === undefined) {
    reportUnavailable('redis-server is not installed')
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'polytrack-bench-backlog-'))
    const keyPrefix = `backlog:${Date.now()}:`
    const spool = () =>
      kind === 'redis'
        ? spoolRedis.mod.redisSpool({ url: redis.url, keyPrefix, instanceId: 'bench', maxBufferBytes: 256 * 1024 * 1024 })
        : createFileSpool({ dir })
    const down = await freePort()
    const settings = { flushAt: 100, maxRetries: 2, retryBaseDelayMs: 10, retryMaxDelayMs: 1_000 }
    const rssStart = mb()

    // Phase 1: the vendor is down; the backlog piles up in the spool.
    const first = spool()
    if (typeof first.ready === 'function') await first.ready()
    const writer = new Analytics({
      destination: adapter.mod.segment({ writeKey: 'wk_bench', host: `http://127.0.0.1:${down}/segment` }),
      spool: first,
      ...settings,
    })
    writer.on('error', () => undefined)
    let acceptPeak = mb()
    const acceptStarted = performance.now()
    for (let i = 0; i < backlog;) {
      for (const end = Math.min(backlog, i + 1_000); i < end; i++) writer.track(makeEvent(i))
      await new Promise((resolve) => setImmediate(resolve))
      if (i % 50_000 === 0) acceptPeak = Math.max(acceptPeak, mb())
    }
    if (typeof first.acknowledged === 'function') await first.acknowledged()
    const acceptSeconds = (performance.now() - acceptStarted) / 1000
    acceptPeak = Math.max(acceptPeak, mb())
    const rssWithBacklog = mb()
    const held = await writer.close({ timeoutMs: 2_000 })

    // Phase 2: the vendor is back; a new client on the same spool delivers the backlog.
    const drainer = new Analytics({
      destination: adapter.mod.segment({ writeKey: 'wk_bench', host: `${sinkUrl}/segment` }),
      spool: spool(),
      ...settings,
    })
    let drainPeak = mb()
    const sampler = setInterval(() => (drainPeak = Math.max(drainPeak, mb())), 100)
    const drainStarted = performance.now()
    await drainer.flush()
    const report = await drainer.close({ timeoutMs: 600_000 })
    const drainSeconds = (performance.now() - drainStarted) / 1000
    clearInterval(sampler)
    drainPeak = Math.max(drainPeak, mb())
    await redis?.stop()
    rmSync(dir, { recursive: true, force: true })
    const result = {
      ok: true,
      kind,
      backlog,
      pendingAfterOutage: held.pending,
      delivered: report.delivered,
      rssStartMb: rssStart,
      acceptPeakMb: acceptPeak,
      rssWithBacklogMb: rssWithBacklog,
      drainPeakMb: drainPeak,
      acceptPerSec: backlog / acceptSeconds,
      drainPerSec: report.delivered / drainSeconds,
    }
    process.stdout.write(`\n${JSON.stringify(result)}\n`)
  }
}
