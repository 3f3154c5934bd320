import type { Destination } from '../destination.js'
import { PolytrackError } from '../errors.js'
import type { AnalyticsEvents } from '../events/event-types.js'
import { describeThrown } from '../events/describe-thrown.js'
import { emitWarning } from '../platform/emit-warning.js'
import { failureError } from './failure-error.js'
import type { QueuedMessage } from './message-queue.js'
import { redact } from './redact.js'
import type { BatchOutcome, SendBatchContext } from './send-batch.js'

/** How a pipeline reports to its client. */
export type EmitFn = <K extends keyof AnalyticsEvents>(event: K, payload: AnalyticsEvents[K]) => void

/**
 * What one destination's pipeline tells its client, as client events (`request`, `retry`,
 * `delivered`, `error`, `dropped`, `paused`, `resumed`): the payloads, with the destination's
 * secrets (and the client's, such as its proxy's credentials) redacted from vendor reasons. Events nobody listens for are not built; drops nobody
 * listens for are warned about once per reason (never silently). It counts nothing: the pipeline
 * keeps its counters.
 */
export class PipelineEvents {
  private readonly warnedDrops = new Set<string>()
  /** Masked from every vendor text: the destination's secrets, then the client's others (its proxy's credentials). */
  private readonly secrets: readonly string[]

  constructor(
    private readonly name: string,
    destination: Destination,
    private readonly emit: EmitFn,
    private readonly hasListener: (event: keyof AnalyticsEvents) => boolean,
    clientSecrets: readonly string[] = [],
  ) {
    this.secrets = clientSecrets.length === 0 ? destination.secrets : [...destination.secrets, ...clientSecrets]
  }

  /** Whether anyone listens for `request` events (so a send records its attempts). */
  get wantsAttempts(): boolean {
    return this.hasListener('request')
  }

  /** Messages that will never be sent: a `dropped` event, or (nobody listening, not `filtered`) one warning per reason. */
  dropped(ids: string[], reason: AnalyticsEvents['dropped']['reason']): void {
    if (this.hasListener('dropped')) this.emit('dropped', { destination: this.name, count: ids.length, messageIds: ids, reason })
    else if (reason !== 'filtered' && !this.warnedDrops.has(reason)) {
      // Nobody listens: say so once per reason, never silently.
      this.warnedDrops.add(reason)
      emitWarning(
        `Polytrack dropped message(s) for ${this.name} (${reason}); listen for 'dropped' events or read close()'s report for counts (further warnings of this kind are not shown)`,
        'POLYTRACK_DROPPED',
      )
    }
  }

  /** An `error` event for a spool lane's error (it is already a PolytrackError). */
  laneError(error: PolytrackError): void {
    this.emit('error', { destination: this.name, error, messageIds: [] })
  }

  /** An `error` event for a spool read that failed; a thrown value that is not a PolytrackError becomes a `spool_read` one. */
  spoolError(error: unknown): void {
    const wrapped =
      error instanceof PolytrackError
        ? error
        : new PolytrackError('spool_read', `could not read the spool of ${this.name}: ${describeThrown(error)}`, { cause: error })
    this.emit('error', { destination: this.name, error: wrapped, messageIds: [] })
  }

  /** A `paused` event: the lane is paused by an outage (`reason` redacted). */
  paused(result: { reason: string; status?: number }): void {
    this.emit('paused', {
      destination: this.name,
      reason: redact(result.reason, this.secrets),
      ...(result.status === undefined ? {} : { status: result.status }),
    })
  }

  /** A `resumed` event, after `pausedMs` of outage. */
  resumed(pausedMs: number): void {
    this.emit('resumed', { destination: this.name, pausedMs })
  }

  /** A `request` event for one attempt, when anyone listens. */
  attempt(info: Parameters<SendBatchContext['onAttempt']>[0]): void {
    if (!this.hasListener('request')) return
    const { result } = info
    this.emit('request', {
      destination: this.name,
      url: info.url,
      attempt: info.attempt,
      count: info.batch.length,
      bytes: info.bytes,
      ...('status' in result && result.status !== undefined ? { status: result.status } : {}),
      outcome: result.kind,
      durationMs: info.durationMs,
    })
  }

  /** A `retry` event before a retry wait, when anyone listens (`reason` redacted). */
  retry(info: Parameters<SendBatchContext['onRetry']>[0]): void {
    if (!this.hasListener('retry')) return
    this.emit('retry', {
      destination: this.name,
      count: info.batch.length,
      attempt: info.attempt,
      delayMs: info.delayMs,
      reason: redact(info.result.reason, this.secrets),
      ...(info.result.status === undefined ? {} : { status: info.result.status }),
    })
  }

  /** A `delivered` event for a batch the vendor accepted, when anyone listens. */
  delivered(batch: QueuedMessage[], outcome: BatchOutcome & { kind: 'delivered' }): void {
    if (!this.hasListener('delivered')) return
    this.emit('delivered', {
      destination: this.name,
      count: batch.length,
      messageIds: batch.map((m) => m.id),
      status: outcome.status,
      attempts: outcome.attempts,
      durationMs: outcome.durationMs,
    })
  }

  /** An `error` event for a batch that failed for good (see {@link failureError}). */
  failed(batch: QueuedMessage[], outcome: BatchOutcome & { kind: 'failed' }): void {
    this.emit('error', {
      destination: this.name,
      error: failureError(this.name, batch.length, outcome, this.secrets),
      messageIds: batch.map((m) => m.id),
    })
  }
}
