import type { EncodeContext } from '../destination.js'
import type { DestinationMember } from '../destination-set.js'
import type { DeliveryPipeline, EncodedMessage } from '../delivery/delivery-pipeline.js'
import { ValidationError } from '../errors.js'
import { describeThrown } from '../events/describe-thrown.js'
import type { Message } from '../spec/message.js'
import { isRoutedTo, type RoutingTarget } from './integrations-routing.js'
import { copyForMiddleware } from './middleware.js'

/** One destination of a client: its member definition, pipeline and routing identity. */
export interface Lane {
  member: DestinationMember
  pipeline: DeliveryPipeline
  target: RoutingTarget
}

/** What one lane makes of one message. */
export type LaneDecision =
  /** Taken: its encoding for this lane. */
  | { kind: 'accepted'; encoded: EncodedMessage }
  /** Left out on purpose: the integrations map, the adapter (`accepts`) or a middleware. */
  | { kind: 'filtered' }
  /** Refused: over the vendor's per-message limit, or it could not be encoded. */
  | { kind: 'refused'; error: ValidationError }
  /** A middleware threw. */
  | { kind: 'middleware-error'; error: unknown }

const FILTERED: LaneDecision = { kind: 'filtered' }

/**
 * Encodes a message for one lane. Throws a `ValidationError` when the lane refuses it: over the
 * vendor's per-message limit, or an adapter that could not encode it (its error is wrapped).
 */
export function encodeForLane(lane: Lane, message: Message, context: EncodeContext): EncodedMessage {
  try {
    return lane.pipeline.encode(message, context)
  } catch (error) {
    if (error instanceof ValidationError) throw error
    throw new ValidationError('message', `could not be encoded for ${lane.member.name}: ${describeThrown(error)}`)
  }
}

/**
 * Decides whether a message goes to a lane (integrations map, the adapter's `accepts`), what the
 * lane's middleware makes of it, and encodes it. Has no effect on any counter or queue, so that a
 * call refused by every lane can throw without leaving a trace. Never throws.
 */
export function decideForLane(lane: Lane, message: Message, context: EncodeContext): LaneDecision {
  const { member } = lane
  if (!isRoutedTo(message.integrations, lane.target) || member.destination.accepts?.(message) === false) return FILTERED
  let routed: Message | null | undefined = message
  if (member.middleware.length > 0) {
    // The copy is the core's work, not the middleware's: a message it cannot serialize is refused.
    try {
      routed = copyForMiddleware(message)
    } catch (error) {
      return {
        kind: 'refused',
        error: new ValidationError('message', `could not be serialized for ${member.name}: ${describeThrown(error)}`),
      }
    }
    try {
      for (const middleware of member.middleware) {
        routed = middleware(routed, { destination: member.name })
        if (routed === null || routed === undefined) return FILTERED
      }
    } catch (error) {
      return { kind: 'middleware-error', error }
    }
  }
  // A middleware's output may be any object (even one it hands to every lane, changed in between):
  // serialize it apart rather than through the call's shared serialization.
  const laneContext = routed === message ? context : { callTime: context.callTime, timestampGiven: context.timestampGiven }
  try {
    return { kind: 'accepted', encoded: encodeForLane(lane, routed, laneContext) }
  } catch (error) {
    return { kind: 'refused', error: error as ValidationError }
  }
}
