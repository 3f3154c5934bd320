/**
 * The Segment-spec message the floor builds for one workload event, with no SDK: a random UUID id,
 * an ISO timestamp, `context.library` and an empty `integrations` map. Shared by the floor and the
 * "workload only" baseline, so both build exactly the same objects.
 */
import { randomUUID } from 'node:crypto'

const library = { name: 'floor', version: '0.0.0' }

/** The message for the call parameters `{ userId, event, properties }`. */
export function floorMessage({ userId, event, properties }) {
  return {
    type: 'track',
    messageId: randomUUID(),
    timestamp: new Date().toISOString(),
    context: { library },
    integrations: {},
    userId,
    event,
    properties,
  }
}
