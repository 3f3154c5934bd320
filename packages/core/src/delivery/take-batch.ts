import type { DestinationLimits } from '../destination.js'
import type { MessageQueue, QueuedMessage } from './message-queue.js'

/**
 * Takes the next batch from the head of the queue: at most `maxMessages` messages and at most
 * the vendor's batch bytes (envelope, commas and per-item overhead included). Always takes at
 * least one message when the queue is not empty (a single message is already within the
 * per-message limit).
 */
export function takeBatch(queue: MessageQueue, maxMessages: number, limits: DestinationLimits): QueuedMessage[] {
  const batch: QueuedMessage[] = []
  const overhead = (limits.itemOverheadBytes ?? 0) + 1
  let bytes = limits.envelopeBytes ?? 256
  while (batch.length < maxMessages) {
    const next = queue.peek()
    if (next === undefined) break
    const size = next.bytes + overhead
    if (batch.length > 0 && bytes + size > limits.batchBytes) break
    bytes += size
    batch.push(queue.shift() as QueuedMessage)
  }
  return batch
}
