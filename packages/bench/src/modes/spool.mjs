/**
 * Spool cost: the same workload (Polytrack → Segment adapter → sink) with the spool off, the file
 * spool under each fsync policy, and the Redis spool (@polytrack/spool-redis) over plain TCP and
 * over TLS. Per variant: CPU µs per track() call (the caller's cost, measured around the calls
 * only), and messages per second from the first call to close() (delivery included). 'always'
 * fsyncs every message, so it runs fewer events.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { childArgs } from '../lib/child-args.mjs'
import { reportUnavailable, tryImport } from '../lib/measure.mjs'
import { startRedisServer } from '../lib/redis-server.mjs'
import { makeEvent } from '../lib/workload.mjs'

const core = await tryImport('@polytrack/core', 'createFileSpool')
const adapter = await tryImport('@polytrack/segment', 'segment')
const spoolRedis = await tryImport('@polytrack/spool-redis', 'redisSpool')
if (core.error || adapter.error) {
  reportUnavailable(core.error ?? adapter.error)
} else {
  const { Analytics, createFileSpool } = core.mod
  const redisSpool = spoolRedis.mod?.redisSpool
  const { events, sinkUrl } = childArgs()
  const redis = redisSpool ? await startRedisServer() : undefined
  const redisTls = redisSpool ? await startRedisServer({ tls: true }) : undefined
  const dirs = []
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'polytrack-bench-spool-'))
    dirs.push(d)
    return d
  }
  const variants = [
    { name: 'off', events, spool: () => undefined },
    { name: "file, fsync 'never'", events, spool: () => createFileSpool({ dir: dir(), fsync: 'never' }) },
    { name: "file, fsync 'interval' (default)", events, spool: () => createFileSpool({ dir: dir(), fsync: 'interval' }) },
    { name: "file, fsync 'always'", events: Math.min(events, 5_000), spool: () => createFileSpool({ dir: dir(), fsync: 'always' }) },
    ...(redis ? [{ name: 'Redis', events, spool: () => redisSpool({ url: redis.url, keyPrefix: `bench:${Date.now()}:` }) }] : []),
    ...(redisTls
      ? [
          {
            name: 'Redis over TLS',
            events,
            spool: () => redisSpool({ url: redisTls.url, tls: redisTls.tls, keyPrefix: `bench:${Date.now()}:` }),
          },
        ]
      : []),
  ]
  const rows = []
  // Warm-up (not reported): the first variant would otherwise pay for JIT compilation.
  const warm = new Analytics({ destination: adapter.mod.segment({ writeKey: 'wk_bench', host: `${sinkUrl}/segment` }), flushAt: 100 })
  for (let i = 0; i < Math.min(events, 10_000); i++) warm.track(makeEvent(i))
  await warm.close()
  for (const variant of variants) {
    const spool = variant.spool()
    if (typeof spool?.ready === 'function') await spool.ready()
    const analytics = new Analytics({
      destination: adapter.mod.segment({ writeKey: 'wk_bench', host: `${sinkUrl}/segment` }),
      spool,
      flushAt: 100,
      maxQueueSize: 1_000_000,
    })
    const started = performance.now()
    let cpuInCalls = 0
    for (let start = 0; start < variant.events; start += 100) {
      const before = process.cpuUsage()
      for (let i = start; i < Math.min(variant.events, start + 100); i++) analytics.track(makeEvent(i))
      const used = process.cpuUsage(before)
      cpuInCalls += used.user + used.system
      await new Promise((r) => setImmediate(r))
    }
    const report = await analytics.close({ timeoutMs: 120_000 })
    const seconds = (performance.now() - started) / 1000
    rows.push({
      name: variant.name,
      events: variant.events,
      delivered: report.delivered,
      trackCpuUs: cpuInCalls / variant.events,
      messagesPerSec: variant.events / seconds,
    })
  }
  await redis?.stop()
  await redisTls?.stop()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  process.stdout.write(
    `\n${JSON.stringify({ ok: true, redis: redis !== undefined, redisTls: redisTls !== undefined, redisUnavailable: spoolRedis.error, rows })}\n`,
  )
}
