import type { AppendItem } from './append-item.js'

/** Unread entries of this instance's stream: those in `(after, last]`, `count` of them. */
export interface RunSegment {
  kind: 'run'
  after: string
  last: string
  count: number
}

/** An unread message not in the stream (yet): Redis has not answered its append, or refused it. */
export interface MemorySegment {
  kind: 'memory'
  item: AppendItem
}

interface Node {
  segment: RunSegment | MemorySegment
  prev: Node | undefined
  next: Node | undefined
}

/**
 * This run's unread messages (unheld appends not read yet), oldest first, in bounded memory: runs
 * of entries in the stream are kept as ranges (`(after, last]` and a count), never entry by
 * entry; only messages Redis has not acknowledged are kept whole. Held messages never fall inside
 * a run: a message is held only when nothing is unread, so unread entries are contiguous in the
 * stream apart from those Redis refused (kept in memory, between two runs).
 */
export class UnreadQueue {
  private head: Node | undefined
  private tail: Node | undefined
  private readonly nodes = new Map<AppendItem, Node>()
  /** Unread messages in all segments. */
  count = 0

  /** An unheld append: unread, in memory until Redis answers. */
  pushMemory(item: AppendItem): void {
    const node: Node = { segment: { kind: 'memory', item }, prev: this.tail, next: undefined }
    if (this.tail) this.tail.next = node
    else this.head = node
    this.tail = node
    this.nodes.set(item, node)
    this.count++
  }

  /**
   * Redis stored unread `item` at `entry`; `previous` is the entry stored just before it (replies
   * come in append order), `''` when none is known. It becomes part of a run.
   */
  stored(item: AppendItem, entry: string, previous: string): void {
    const node = this.nodes.get(item)
    if (node === undefined) return
    this.nodes.delete(item)
    const before = node.prev?.segment
    if (before?.kind === 'run' && before.last === previous && previous !== '') {
      before.last = entry
      before.count++
      this.unlink(node)
      return
    }
    node.segment = { kind: 'run', after: previous === '' ? '-' : `(${previous}`, last: entry, count: 1 }
  }

  /** The oldest unread segment. */
  first(): RunSegment | MemorySegment | undefined {
    return this.head?.segment
  }

  /** Takes the oldest segment when it is a message in memory. */
  shiftMemory(): AppendItem | undefined {
    const node = this.head
    if (node === undefined || node.segment.kind !== 'memory') return undefined
    this.nodes.delete(node.segment.item)
    this.unlink(node)
    this.count--
    return node.segment.item
  }

  /**
   * A read of `run` (the first segment) asked for `asked` entries of `(after, sentLast]`, which
   * held `sentCount` unread entries when it was sent, and got `got` of them, the last at
   * `lastId`. Fewer than asked means the range is exhausted: what it should still have held is
   * missing (deleted, or renamed away by a takeover). Returns how many are missing.
   */
  consumed(run: RunSegment, asked: number, sentCount: number, sentLast: string, got: number, lastId: string | undefined): number {
    let missing = 0
    if (got >= asked && lastId !== undefined) {
      run.after = `(${lastId}`
      run.count -= got
      this.count -= got
    } else {
      missing = sentCount - got
      run.after = `(${sentLast}`
      run.count -= sentCount
      this.count -= sentCount
    }
    if (run.count <= 0 && this.head?.segment === run) this.unlink(this.head)
    return missing
  }

  /** Forgets everything (close). */
  clear(): void {
    this.head = undefined
    this.tail = undefined
    this.nodes.clear()
    this.count = 0
  }

  private unlink(node: Node): void {
    if (node.prev) node.prev.next = node.next
    else this.head = node.next
    if (node.next) node.next.prev = node.prev
    else this.tail = node.prev
    node.prev = undefined
    node.next = undefined
  }
}
