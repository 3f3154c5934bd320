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

/** Where one message goes, decided before anything is queued or counted. */
export interface DeliveryPlan {
  /** Lanes that take the message, with its encoding for each. */
  accepted: { lane: Lane; encoded: EncodedMessage }[]
  /** Lanes the integrations map or a middleware left out on purpose. */
  filtered: Lane[]
  /** Lanes where a middleware threw. */
  middlewareErrors: { lane: Lane; error: unknown }[]
  /** Lanes that refused the message (e.g. over the vendor's per-message limit). */
  refused: { lane: Lane; error: ValidationError }[]
}

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
 * Decides, for each lane, whether a message is routed (integrations map), what its middleware
 * makes of it, and encodes it. Has no effect on any counter or queue, so that a call refused by
 * every lane can throw without leaving a trace.
 */
export function planDelivery(message: Message, lanes: readonly Lane[], context: EncodeContext): DeliveryPlan {
  const plan: DeliveryPlan = { accepted: [], filtered: [], middlewareErrors: [], refused: [] }
  for (const lane of lanes) {
    if (!isRoutedTo(message.integrations, lane.target) || lane.member.destination.accepts?.(message) === false) {
      plan.filtered.push(lane)
      continue
    }
    let routed: Message | null | undefined = message
    if (lane.member.middleware.length > 0) {
      // The copy is the core's work, not the middleware's: a message it cannot serialize is refused, not a middleware error.
      try {
        routed = copyForMiddleware(message)
      } catch (error) {
        plan.refused.push({ lane, error: new ValidationError('message', `could not be serialized for ${lane.member.name}: ${describeThrown(error)}`) })
        continue
      }
      try {
        for (const middleware of lane.member.middleware) {
          routed = middleware(routed, { destination: lane.member.name })
          if (routed === null || routed === undefined) break
        }
      } catch (error) {
        plan.middlewareErrors.push({ lane, error })
        continue
      }
      if (routed === null || routed === undefined) {
        plan.filtered.push(lane)
        continue
      }
    }
    // A middleware's output may be any object (even one it hands to every lane, changed in between):
    // serialize it apart rather than through the call's shared serialization.
    const laneContext = routed === message ? context : { callTime: context.callTime, timestampGiven: context.timestampGiven }
    try {
      plan.accepted.push({ lane, encoded: encodeForLane(lane, routed, laneContext) })
    } catch (error) {
      plan.refused.push({ lane, error: error as ValidationError })
    }
  }
  return plan
}
