import { PolytrackError } from '../errors.js'
import { describeThrown } from '../events/describe-thrown.js'
import type { EmitFn } from '../delivery/delivery-pipeline.js'
import type { Message } from '../spec/message.js'

/** A call recorded by `deferEncoding`: its validated message and what encoding needs of the call. */
export interface DeferredCall {
  message: Message
  onlyDestination: string | undefined
  callTime: string
  timestampGiven: boolean
}

/**
 * The calls `deferEncoding` recorded and has not routed yet, oldest first. They are handed to
 * `process` in a microtask, at `drain()` (flush, close, report), or at once when `limit` calls are
 * waiting (a synchronous burst longer than any queue could hold is processed as without deferral).
 */
export class DeferredCalls {
  private calls: DeferredCall[] = []
  private scheduled = false
  private draining = false

  constructor(
    private readonly limit: number,
    private readonly process: (call: DeferredCall) => void,
    private readonly emit: EmitFn,
  ) {}

  /** Records a call and makes sure it is processed soon. */
  push(call: DeferredCall): void {
    this.calls.push(call)
    if (this.calls.length >= this.limit) this.drain()
    else if (!this.scheduled) {
      this.scheduled = true
      queueMicrotask(() => this.drain())
    }
  }

  /**
   * Processes every recorded call in order, including calls made meanwhile (by an event listener).
   * Re-entrant calls (a listener calling `report()`, `flush()` or `close()`) return at once and leave
   * the work to the drain in progress. Never throws.
   */
  drain(): void {
    this.scheduled = false
    if (this.draining) return
    this.draining = true
    try {
      while (this.calls.length > 0) {
        const calls = this.calls
        this.calls = []
        for (const call of calls) this.processOne(call)
      }
    } finally {
      this.draining = false
    }
  }

  /** One call; whatever goes wrong (even in an event listener) is reported, never thrown. */
  private processOne(call: DeferredCall): void {
    try {
      this.process(call)
    } catch (error) {
      // Not expected (routing reports refusals itself; this is, e.g., a listener that threw).
      try {
        const wrapped =
          error instanceof PolytrackError
            ? error
            : new PolytrackError('internal', `could not queue message ${call.message.messageId}: ${describeThrown(error)}`, {
                cause: error,
              })
        this.emit('error', { error: wrapped, messageIds: [call.message.messageId] })
      } catch {
        // The error listener itself threw: nothing more can be said without risking the host.
      }
    }
  }
}
