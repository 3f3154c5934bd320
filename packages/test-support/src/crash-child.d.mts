import type { AckedClient, SendWithAcksOptions } from '@polytrack/sink/ack-log'
import type { WireHelpers } from '@polytrack/sink/test-destinations'

/** Options of {@link crashChildClient}. */
export interface CrashChildClientOptions {
  /** The wire helpers of the build under test (`@polytrack/core/adapter`). */
  wire: WireHelpers
  /** The sink's Segment URL (`SINK_SEGMENT_URL` of the child's environment). */
  url: string | undefined
  /** The spool under test. */
  spool: unknown
  /** Default 1,000,000. */
  maxQueueSize?: number
}

/**
 * A client of the crash tests: a Segment destination at `url` (write key `wk_crash`) with `spool`,
 * batches of 100 flushed every 20 ms, a queue of `maxQueueSize` (1,000,000 by default), 60 s HTTP
 * timeout and 1000 retries from 10 ms, so that a stalled sink keeps everything queued.
 */
export function crashChildClient<T>(Analytics: new (options: Record<string, unknown>) => T, options: CrashChildClientOptions): T

/**
 * MODE=replay: sends nothing new; flushes what the spool holds, closes the client and prints the
 * report of `close()` as one line of JSON on stdout.
 */
export function replayAndReport(analytics: { flush(): Promise<unknown>; close(): Promise<unknown> }): Promise<void>

/**
 * MODE=send: sends and keeps the ack log (`sendWithAcks` of `@polytrack/sink/ack-log`), then keeps
 * the process alive for the parent to kill it; the spool keeps everything not delivered.
 */
export function sendUntilKilled(analytics: AckedClient, options: SendWithAcksOptions): Promise<void>
