/**
 * A fixed-capacity FIFO that evicts its oldest item when full. O(1) push, no reallocation.
 */
export class RingBuffer<T> {
  readonly #items: (T | undefined)[]
  #start = 0
  #size = 0

  /** @param capacity - maximum items kept; `0` keeps nothing. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`capacity must be a non-negative integer, got ${capacity}`)
    }
    this.#items = new Array<T | undefined>(capacity)
  }

  /** Number of items currently held. */
  get size(): number {
    return this.#size
  }

  /** Appends `item`, evicting the oldest one when full. */
  push(item: T): void {
    if (this.capacity === 0) return
    if (this.#size < this.capacity) {
      this.#items[(this.#start + this.#size) % this.capacity] = item
      this.#size++
      return
    }
    this.#items[this.#start] = item
    this.#start = (this.#start + 1) % this.capacity
  }

  /** Items oldest first, optionally filtered. */
  toArray(predicate?: (item: T) => boolean): T[] {
    const out: T[] = []
    for (let i = 0; i < this.#size; i++) {
      const item = this.#items[(this.#start + i) % this.capacity] as T
      if (predicate === undefined || predicate(item)) out.push(item)
    }
    return out
  }

  /** The newest `count` items (or fewer), oldest first. */
  last(count: number): T[] {
    const n = Math.max(0, Math.min(count, this.#size))
    const out: T[] = []
    for (let i = this.#size - n; i < this.#size; i++) out.push(this.#items[(this.#start + i) % this.capacity] as T)
    return out
  }

  /** Removes every item. */
  clear(): void {
    this.#items.fill(undefined)
    this.#start = 0
    this.#size = 0
  }
}
