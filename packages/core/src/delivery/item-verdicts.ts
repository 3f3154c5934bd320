import type { ItemVerdicts } from '../destination.js'
import type { QueuedMessage } from './message-queue.js'

/**
 * Divides a batch by a vendor's item verdicts: refused items, items to send again, and the rest
 * (accepted). Indexes out of range, repeated or not integers are ignored; an item both refused and
 * asked for again is refused. Order is kept in each part. Pure.
 */
export function splitByVerdicts(
  batch: readonly QueuedMessage[],
  verdicts: ItemVerdicts,
): { accepted: QueuedMessage[]; refused: QueuedMessage[]; retry: QueuedMessage[] } {
  const refused = new Set(indexesIn(verdicts.refused, batch.length))
  const retry = new Set(indexesIn(verdicts.retry, batch.length).filter((i) => !refused.has(i)))
  const parts = { accepted: [] as QueuedMessage[], refused: [] as QueuedMessage[], retry: [] as QueuedMessage[] }
  batch.forEach((message, i) => {
    if (refused.has(i)) parts.refused.push(message)
    else if (retry.has(i)) parts.retry.push(message)
    else parts.accepted.push(message)
  })
  return parts
}

function indexesIn(list: readonly number[] | undefined, length: number): number[] {
  if (!Array.isArray(list as unknown) || list === undefined) return []
  return list.filter((i) => Number.isInteger(i) && i >= 0 && i < length)
}
