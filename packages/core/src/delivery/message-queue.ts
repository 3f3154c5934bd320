/** One encoded message waiting for delivery. */
export interface QueuedMessage {
  /** The message's id (`messageId`), for events. */
  readonly id: string
  /** Its vendor JSON, as the adapter encoded it. */
  readonly json: string
  /** UTF-8 length of `json`. */
  readonly bytes: number
  /** Enqueue order within its pipeline, from 1. */
  readonly seq: number
  /** The spool's receipt, when a spool keeps it durable. */
  readonly receipt?: unknown
}

/** A bounded FIFO with O(1) push and shift (a head index, compacted now and then). */
export class MessageQueue {
  private items: QueuedMessage[] = []
  private head = 0

  constructor(readonly capacity: number) {}

  /** Messages waiting. */
  get length(): number {
    return this.items.length - this.head
  }

  /** Is the queue at capacity? */
  get full(): boolean {
    return this.length >= this.capacity
  }

  /** Adds a message; `false` when the queue is full (unless `force`, for messages recovered from a spool). */
  push(item: QueuedMessage, force = false): boolean {
    if (!force && this.length >= this.capacity) return false
    this.items.push(item)
    return true
  }

  /** The oldest message, without removing it. */
  peek(): QueuedMessage | undefined {
    return this.items[this.head]
  }

  /** Removes and returns the oldest message. */
  shift(): QueuedMessage | undefined {
    if (this.head >= this.items.length) return undefined
    const item = this.items[this.head]
    this.items[this.head] = undefined as unknown as QueuedMessage
    this.head++
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }

  /** Removes and returns everything. */
  drain(): QueuedMessage[] {
    const all = this.items.slice(this.head)
    this.items = []
    this.head = 0
    return all
  }
}
