import type { EncodeContext } from '../destination.js'
import { PolytrackError } from '../errors.js'
import type { EmitFn } from '../delivery/delivery-pipeline.js'
import { describeThrown } from '../events/describe-thrown.js'
import { decideForLane, type Lane, type LaneDecision } from '../routing/plan-delivery.js'
import type { Message } from '../spec/message.js'

/**
 * Routing in one place: for each message, what every lane decides ({@link decideForLane}), then
 * the effects (queued, counted filtered or dropped, reported). A call that every lane routed to it
 * refuses (over every vendor's size limit) throws instead, leaving no trace.
 */
export class Dispatcher {
  constructor(
    private readonly lanes: readonly Lane[],
    private readonly emit: EmitFn,
  ) {}

  /**
   * Routes one message to every lane (or only the lane called `onlyDestination`). `inCall`: the
   * caller is still waiting, so a message refused by every lane that would take it throws its
   * `ValidationError`; otherwise (deferred) each refusal is reported and counted dropped.
   */
  dispatch(message: Message, onlyDestination: string | undefined, context: EncodeContext, inCall: boolean): void {
    const lanes = onlyDestination === undefined ? this.lanes : this.lanes.filter((lane) => lane.member.name === onlyDestination)
    if (lanes.length === 1) {
      // The common case: one destination, no list of decisions to build.
      const lane = lanes[0] as Lane
      const decision = decideForLane(lane, message, context)
      if (inCall && decision.kind === 'refused') throw decision.error
      this.apply(lane, message, decision)
      return
    }
    const decisions = lanes.map((lane) => decideForLane(lane, message, context))
    if (inCall) {
      const refused = decisions.find((d) => d.kind === 'refused')
      // Refused by every destination that would take it: the call fails and nothing is counted.
      if (refused && !decisions.some((d) => d.kind === 'accepted')) throw refused.error
    }
    decisions.forEach((decision, i) => this.apply(lanes[i] as Lane, message, decision))
  }

  /** Counts a message that arrived after `close()` as dropped on every lane, and reports it. */
  refuseClosed(message: Message): void {
    for (const lane of this.lanes) lane.pipeline.drop([message.messageId], 'closed')
    this.emit('error', {
      error: new PolytrackError('closed', `${message.type} called after close(): message ${message.messageId} was not sent`),
      messageIds: [message.messageId],
    })
  }

  private apply(lane: Lane, message: Message, decision: LaneDecision): void {
    const { pipeline, member } = lane
    switch (decision.kind) {
      case 'accepted':
        pipeline.accept(decision.encoded)
        return
      case 'filtered':
        pipeline.drop([message.messageId], 'filtered')
        return
      case 'refused':
        pipeline.drop([message.messageId], 'too-large')
        this.emit('error', { destination: member.name, error: decision.error, messageIds: [message.messageId] })
        return
      case 'middleware-error': {
        pipeline.drop([message.messageId], 'middleware-error')
        const error = new PolytrackError(
          'middleware_error',
          `middleware of ${member.name} threw on message ${message.messageId}: ${describeThrown(decision.error)}`,
          {
            cause: decision.error,
          },
        )
        this.emit('error', { destination: member.name, error, messageIds: [message.messageId] })
      }
    }
  }
}
