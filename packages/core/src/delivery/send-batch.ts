import type { Destination } from '../destination.js'
import { byteLength } from '../platform/utf8.js'
import { describeThrown } from '../events/describe-thrown.js'
import { retryDelay } from './backoff.js'
import type { Clock } from './clock.js'
import type { Transport } from './http-transport.js'
import { splitByVerdicts } from './item-verdicts.js'
import type { QueuedMessage } from './message-queue.js'
import type { OutageGate } from './outage-gate.js'
import { checkedSendResult, type SendResult } from './send-result.js'
import type { PipelineSettings } from './settings.js'

/** The final outcome of one batch (or of one part of it: a 413 splits it, a vendor's item verdicts divide it). */
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
  /** Called once per settled part. */
  onSettled(batch: QueuedMessage[], outcome: BatchOutcome): void
}

/**
 * Sends one batch until every message in it is delivered, refused, out of retries or aborted.
 * Retries network errors, timeouts, 408, 429 and 5xx except 501/505, with exponential backoff and
 * jitter, honouring `Retry-After`. With an outage gate (a spool), retries never run out: after
 * `maxRetries` the lane pauses, this batch probes at the capped backoff, and the lane's other
 * batches wait for it. A 413 splits the batch in halves, each sent (and retried) on its own. A
 * vendor's item verdicts (`Destination.interpretAnswer`) settle the accepted and refused items and
 * send the rest again. `sentAt` is rebuilt for each attempt. Never rejects.
 */
export async function sendBatch(batch: QueuedMessage[], ctx: SendBatchContext): Promise<void> {
  const outcome = await attemptWithRetries(batch, ctx)
  if (outcome === 'split') {
    const middle = Math.ceil(batch.length / 2)
    await sendBatch(batch.slice(0, middle), ctx)
    await sendBatch(batch.slice(middle), ctx)
  }
}

const ABORTED: BatchOutcome = { kind: 'aborted' }

/** Sends `batch` until it settles (reporting every part through `onSettled`), or asks for a 413 split. */
async function attemptWithRetries(initial: QueuedMessage[], ctx: SendBatchContext): Promise<'settled' | 'split'> {
  const { destination, transport, settings, signal, clock, outage } = ctx
  let batch = initial
  let items = batch.map((m) => m.json)
  const started = clock.now()
  const probe = {}
  const settle = (part: QueuedMessage[], outcome: BatchOutcome): 'settled' => {
    if (part.length > 0) ctx.onSettled(part, outcome)
    return 'settled'
  }
  let attempts = 0
  let leastWait: number | undefined
  for (;;) {
    if (signal.aborted) return settle(batch, ABORTED)
    attempts++
    let answer: SendResult
    try {
      const request = destination.buildRequest(items, { sentAt: new Date().toISOString() })
      const t0 = clock.now()
      answer = checkedSendResult(await transport.send(request, { signal, timeoutMs: settings.httpTimeoutMs }))
      ctx.onAttempt({
        url: request.url,
        attempt: attempts,
        batch,
        bytes: ctx.wantsAttempts ? byteLength(request.body) : 0,
        result: answer,
        durationMs: clock.now() - t0,
      })
    } catch (error) {
      // An adapter or transport that broke its contract (or a listener that threw): not worth retrying.
      if (signal.aborted) return settle(batch, ABORTED)
      return settle(batch, { kind: 'failed', reason: `unexpected error: ${describeThrown(error)}`, attempts })
    }
    if (answer.kind === 'aborted') return settle(batch, ABORTED)
    const verdicts = answer.status === undefined ? undefined : readVerdicts(destination, answer.status, answer.serverText, items)
    if (verdicts !== undefined) {
      // The vendor answered item by item: settle what it accepted and refused, send the rest again.
      outage?.answered()
      const parts = splitByVerdicts(batch, verdicts)
      const status = answer.status as number
      settle(parts.accepted, { kind: 'delivered', status, attempts, durationMs: clock.now() - started })
      settle(parts.refused, {
        kind: 'failed',
        status,
        reason: verdicts.reason ?? `refused by the vendor (HTTP ${status})`,
        attempts,
        ...(answer.serverText ? { serverText: answer.serverText } : {}),
      })
      if (parts.retry.length === 0) return 'settled'
      batch = parts.retry
      items = batch.map((m) => m.json)
      answer = {
        kind: 'retryable',
        status,
        reason: `HTTP ${status}: the vendor asked for ${batch.length} item(s) again`,
        ...(verdicts.retryAfterMs === undefined ? {} : { retryAfterMs: verdicts.retryAfterMs }),
      }
      leastWait = verdicts.retryAfterMs
    } else if (answer.kind !== 'retryable') {
      outage?.answered()
      return finalOutcome(answer, batch, attempts, clock.now() - started, settle)
    }
    const exhausted = attempts > settings.maxRetries
    if (exhausted && outage === undefined) {
      return settle(batch, {
        kind: 'failed',
        reason: `gave up after ${attempts} attempts: ${answer.reason}`,
        attempts,
        ...(answer.status === undefined ? {} : { status: answer.status }),
        ...(answer.serverText ? { serverText: answer.serverText } : {}),
      })
    }
    if (exhausted) outage?.pause(probe, answer)
    try {
      if (outage?.paused && !outage.isProbe(probe)) {
        // Another batch probes for the lane: wait for the vendor to answer it, then try at once.
        await outage.whenResumed(signal)
        continue
      }
      const retryAfterMs = answer.retryAfterMs ?? leastWait
      const delayMs = retryDelay(attempts, { baseDelay: settings.retryBaseDelayMs, maxDelay: settings.retryMaxDelayMs, retryAfterMs })
      ctx.onRetry({ batch, attempt: attempts, delayMs, result: answer })
      await clock.sleep(delayMs, signal)
    } catch {
      return settle(batch, ABORTED)
    }
  }
}

/** The destination's item verdicts on an answer, if it gives any (an adapter that throws gives none). */
function readVerdicts(destination: Destination, status: number, body: string | undefined, items: readonly string[]) {
  if (destination.interpretAnswer === undefined) return undefined
  try {
    return destination.interpretAnswer({ status, body }, items)
  } catch {
    return undefined
  }
}

function finalOutcome(
  answer: Exclude<SendResult, { kind: 'retryable' } | { kind: 'aborted' }>,
  batch: QueuedMessage[],
  attempts: number,
  durationMs: number,
  settle: (part: QueuedMessage[], outcome: BatchOutcome) => 'settled',
): 'settled' | 'split' {
  const serverText = answer.serverText ? { serverText: answer.serverText } : {}
  switch (answer.kind) {
    case 'success':
      return settle(batch, { kind: 'delivered', status: answer.status, attempts, durationMs })
    case 'too-large':
      if (batch.length > 1) return 'split'
      return settle(batch, {
        kind: 'failed',
        status: 413,
        reason: 'the vendor refused a single message as too large (413)',
        attempts,
        ...serverText,
      })
    default:
      return settle(batch, { kind: 'failed', status: answer.status, reason: answer.reason, attempts, ...serverText })
  }
}
