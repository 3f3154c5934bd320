import type { Destination } from '../destination.js'
import { describeThrown } from '../events/describe-thrown.js'
import { retryDelay } from './backoff.js'
import type { Clock } from './clock.js'
import type { Transport } from './http-transport.js'
import type { QueuedMessage } from './message-queue.js'
import type { OutageGate } from './outage-gate.js'
import type { SendResult } from './send-result.js'
import type { PipelineSettings } from './settings.js'

/** The final outcome of one batch (or of one half of a split batch). */
export type BatchOutcome =
  | { kind: 'delivered'; status: number; attempts: number; durationMs: number }
  | { kind: 'failed'; status?: number; reason: string; serverText?: string; attempts: number }
  | { kind: 'aborted' }

/** What {@link sendBatch} needs from its pipeline. */
export interface SendBatchContext {
  destination: Destination
  transport: Transport
  settings: PipelineSettings
  clock: Clock
  signal: AbortSignal
  /**
   * The lane's outage gate, when a spool keeps the lane's messages: transient failures then never
   * fail a batch; past `maxRetries` the lane pauses and one batch probes (see {@link OutageGate}).
   */
  outage: OutageGate | undefined
  /** Whether anybody reads `onAttempt`'s details (the body's byte count is measured only then). */
  readonly wantsAttempts: boolean
  /** Called for each HTTP attempt. */
  onAttempt(info: { url: string; attempt: number; batch: QueuedMessage[]; bytes: number; result: SendResult; durationMs: number }): void
  /** Called before waiting to retry. */
  onRetry(info: { batch: QueuedMessage[]; attempt: number; delayMs: number; result: SendResult & { kind: 'retryable' } }): void
  /** Called once per settled part (a 413 splits a batch into parts). */
  onSettled(batch: QueuedMessage[], outcome: BatchOutcome): void
}

/**
 * Sends one batch until it is delivered, refused, out of retries or aborted. Retries network
 * errors, timeouts, 408, 429 and 5xx except 501/505, with exponential backoff and jitter, honouring
 * `Retry-After`. With an outage gate (a spool), retries never run out: after `maxRetries` the lane
 * pauses, this batch probes at the capped backoff, and the lane's other batches wait for it. A 413
 * splits the batch in halves, each sent (and retried) on its own. `sentAt` is rebuilt for each
 * attempt. Never rejects.
 */
export async function sendBatch(batch: QueuedMessage[], ctx: SendBatchContext): Promise<void> {
  const outcome = await attemptWithRetries(batch, ctx)
  if (outcome === 'split') {
    const middle = Math.ceil(batch.length / 2)
    await sendBatch(batch.slice(0, middle), ctx)
    await sendBatch(batch.slice(middle), ctx)
    return
  }
  ctx.onSettled(batch, outcome)
}

const ABORTED: BatchOutcome = { kind: 'aborted' }

async function attemptWithRetries(batch: QueuedMessage[], ctx: SendBatchContext): Promise<BatchOutcome | 'split'> {
  const { destination, transport, settings, signal, clock, outage } = ctx
  const items = batch.map((m) => m.json)
  const started = clock.now()
  const probe = {}
  let attempts = 0
  for (;;) {
    if (signal.aborted) return ABORTED
    attempts++
    let answer: SendResult
    try {
      const request = destination.buildRequest(items, { sentAt: new Date().toISOString() })
      const t0 = clock.now()
      answer = await transport.send(request, { signal, timeoutMs: settings.httpTimeout })
      ctx.onAttempt({
        url: request.url,
        attempt: attempts,
        batch,
        bytes: ctx.wantsAttempts ? Buffer.byteLength(request.body) : 0,
        result: answer,
        durationMs: clock.now() - t0,
      })
    } catch (error) {
      // An adapter or transport that broke its contract (or a listener that threw): not worth retrying.
      if (signal.aborted) return ABORTED
      return { kind: 'failed', reason: `unexpected error: ${describeThrown(error)}`, attempts }
    }
    if (answer.kind !== 'retryable') {
      if (answer.kind === 'aborted') return ABORTED
      outage?.answered()
      return settle(answer, batch.length, attempts, clock.now() - started)
    }
    const exhausted = attempts > settings.maxRetries
    if (exhausted && outage === undefined) {
      return {
        kind: 'failed',
        reason: `gave up after ${attempts} attempts: ${answer.reason}`,
        attempts,
        ...(answer.status === undefined ? {} : { status: answer.status }),
        ...(answer.serverText ? { serverText: answer.serverText } : {}),
      }
    }
    if (exhausted) outage?.pause(probe, answer)
    try {
      if (outage?.paused && !outage.isProbe(probe)) {
        // Another batch probes for the lane: wait for the vendor to answer it, then try at once.
        await outage.whenResumed(signal)
        continue
      }
      const delayMs = retryDelay(attempts, {
        baseDelay: settings.retryBaseDelay,
        maxDelay: settings.retryMaxDelay,
        retryAfterMs: answer.retryAfterMs,
      })
      ctx.onRetry({ batch, attempt: attempts, delayMs, result: answer })
      await clock.sleep(delayMs, signal)
    } catch {
      return ABORTED
    }
  }
}

function settle(answer: Exclude<SendResult, { kind: 'retryable' } | { kind: 'aborted' }>, count: number, attempts: number, durationMs: number): BatchOutcome | 'split' {
  switch (answer.kind) {
    case 'success':
      return { kind: 'delivered', status: answer.status, attempts, durationMs }
    case 'too-large':
      if (count > 1) return 'split'
      return {
        kind: 'failed',
        status: 413,
        reason: 'the vendor refused a single message as too large (413)',
        attempts,
        ...(answer.serverText ? { serverText: answer.serverText } : {}),
      }
    default:
      return {
        kind: 'failed',
        status: answer.status,
        reason: answer.reason,
        attempts,
        ...(answer.serverText ? { serverText: answer.serverText } : {}),
      }
  }
}
