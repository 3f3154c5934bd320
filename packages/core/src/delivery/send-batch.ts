import pRetry from 'p-retry'
import type { Destination } from '../destination.js'
import { abortableSleep } from './abortable-sleep.js'
import { retryDelay } from './backoff.js'
import type { Transport } from './http-transport.js'
import type { QueuedMessage } from './message-queue.js'
import type { SendResult } from './send-result.js'
import type { PipelineSettings } from './settings.js'
import { describeThrown } from '../events/describe-thrown.js'

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
  signal: AbortSignal
  /** Whether anybody reads `onAttempt`'s details (the body's byte count is measured only then). */
  readonly wantsAttempts: boolean
  /** Called for each HTTP attempt. */
  onAttempt(info: { url: string; attempt: number; batch: QueuedMessage[]; bytes: number; result: SendResult; durationMs: number }): void
  /** Called before waiting to retry. */
  onRetry(info: { batch: QueuedMessage[]; attempt: number; delayMs: number; result: SendResult & { kind: 'retryable' } }): void
  /** Called once per settled part (a 413 splits a batch into parts). */
  onSettled(batch: QueuedMessage[], outcome: BatchOutcome): void
}

class RetryableAttempt extends Error {
  constructor(readonly result: SendResult & { kind: 'retryable' }) {
    super(result.reason)
  }
}

/**
 * Sends one batch until it is delivered, refused, out of retries or aborted. Retries (p-retry)
 * network errors, timeouts, 408, 429 and 5xx except 501/505, with exponential backoff and jitter,
 * honouring `Retry-After`. A 413 splits the batch in halves, each sent (and retried) on its own.
 * `sentAt` is rebuilt for each attempt. Never rejects.
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

async function attemptWithRetries(batch: QueuedMessage[], ctx: SendBatchContext): Promise<BatchOutcome | 'split'> {
  const { destination, transport, settings, signal } = ctx
  const items = batch.map((m) => m.json)
  const started = performance.now()
  let attempts = 0
  try {
    const result = await pRetry(
      async (attempt) => {
        attempts = attempt
        const request = destination.buildRequest(items, { sentAt: new Date().toISOString() })
        const t0 = performance.now()
        const answer = await transport.send(request, { signal, timeoutMs: settings.httpTimeout })
        ctx.onAttempt({
          url: request.url,
          attempt,
          batch,
          bytes: ctx.wantsAttempts ? Buffer.byteLength(request.body) : 0,
          result: answer,
          durationMs: performance.now() - t0,
        })
        if (answer.kind === 'retryable') throw new RetryableAttempt(answer)
        return answer
      },
      {
        retries: settings.maxRetries,
        minTimeout: 0,
        factor: 1,
        randomize: false,
        signal,
        shouldRetry: ({ error }) => error instanceof RetryableAttempt,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (!(error instanceof RetryableAttempt) || retriesLeft === 0) return
          const delayMs = retryDelay(attemptNumber, {
            baseDelay: settings.retryBaseDelay,
            maxDelay: settings.retryMaxDelay,
            retryAfterMs: error.result.retryAfterMs,
          })
          ctx.onRetry({ batch, attempt: attemptNumber, delayMs, result: error.result })
          await abortableSleep(delayMs, signal)
        },
      },
    )
    switch (result.kind) {
      case 'success':
        return { kind: 'delivered', status: result.status, attempts, durationMs: performance.now() - started }
      case 'too-large':
        if (batch.length > 1) return 'split'
        return {
          kind: 'failed',
          status: 413,
          reason: 'the vendor refused a single message as too large (413)',
          attempts,
          ...(result.serverText ? { serverText: result.serverText } : {}),
        }
      case 'failed':
        return {
          kind: 'failed',
          status: result.status,
          reason: result.reason,
          attempts,
          ...(result.serverText ? { serverText: result.serverText } : {}),
        }
      default:
        return { kind: 'aborted' }
    }
  } catch (error) {
    if (signal.aborted) return { kind: 'aborted' }
    if (error instanceof RetryableAttempt) {
      return {
        kind: 'failed',
        reason: `gave up after ${attempts} attempts: ${error.result.reason}`,
        attempts,
        ...(error.result.status === undefined ? {} : { status: error.result.status }),
        ...(error.result.serverText ? { serverText: error.result.serverText } : {}),
      }
    }
    return { kind: 'failed', reason: `unexpected error: ${describeThrown(error)}`, attempts }
  }
}
