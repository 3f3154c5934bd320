// What the crash-test children of the durable spools share (core's file spool, the Redis spool):
// the client they send through and their replay and send modes. A child fixture builds its spool,
// calls crashChildClient() with the Analytics class of the build under test, then runs
// replayAndReport() (MODE=replay) or sendUntilKilled() (MODE=send). Plain JavaScript: the fixtures
// run under node, without a build step.
import { sendWithAcks } from '@polytrack/sink/ack-log'
import { segmentDestination } from '@polytrack/sink/test-destinations'

/**
 * A client of the crash tests: a Segment destination at `url` (write key `wk_crash`) with `spool`,
 * batches of 100 flushed every 20 ms, a queue of `maxQueueSize` (1,000,000 by default), 60 s HTTP
 * timeout and 1000 retries from 10 ms, so that a stalled sink keeps everything queued.
 * @template T
 * @param {new (options: Record<string, unknown>) => T} Analytics
 * @param {import('./crash-child.d.mts').CrashChildClientOptions} options
 * @returns {T}
 */
export function crashChildClient(Analytics, { wire, url, spool, maxQueueSize = 1_000_000 }) {
  return new Analytics({
    destination: segmentDestination({ url, writeKey: 'wk_crash', wire }),
    spool,
    flushAt: 100,
    flushIntervalMs: 20,
    maxQueueSize,
    httpTimeoutMs: 60_000,
    retryBaseDelayMs: 10,
    maxRetries: 1000,
  })
}

/**
 * MODE=replay: sends nothing new; flushes what the spool holds, closes the client and prints the
 * report of `close()` as one line of JSON on stdout.
 * @param {{ flush(): Promise<unknown>, close(): Promise<unknown> }} analytics
 * @returns {Promise<void>}
 */
export async function replayAndReport(analytics) {
  await analytics.flush()
  const report = await analytics.close()
  console.log(JSON.stringify(report))
}

/**
 * MODE=send: sends and keeps the ack log (`sendWithAcks` of `@polytrack/sink/ack-log`), then keeps
 * the process alive for the parent to kill it; the spool keeps everything not delivered.
 * @param {import('@polytrack/sink/ack-log').AckedClient} analytics
 * @param {import('@polytrack/sink/ack-log').SendWithAcksOptions} options
 * @returns {Promise<void>}
 */
export async function sendUntilKilled(analytics, options) {
  await sendWithAcks(analytics, options)
  setInterval(() => undefined, 1 << 30)
}
