import type { LaneListener, LaneSpool, RecoveredMessage, Spool, SpooledMessage, SpoolReceipt } from '../../src/spool/spool-types.js'

interface Entry extends SpooledMessage {
  backlog: boolean
  state: 'unread' | 'out' | 'released'
}

/**
 * A lane spool in memory that follows the `LaneSpool` contract to the letter, for unit tests of the
 * pipeline: a log, a read cursor, an optional capacity (in live messages), and a backlog that
 * tests can plant.
 */
export class MemoryLane implements LaneSpool {
  readonly log: Entry[] = []
  private cursor = 0
  private backlogLeft: number
  private liveCount = 0
  closed = false
  reads = 0

  constructor(
    private readonly capacity = Number.POSITIVE_INFINITY,
    backlog: SpooledMessage[] = [],
    readonly listener?: LaneListener,
  ) {
    for (const m of backlog) this.log.push({ ...m, backlog: true, state: 'unread' })
    this.backlogLeft = backlog.length
    this.liveCount = backlog.length
  }

  get hasUnread(): boolean {
    return this.cursor < this.log.length
  }

  get hasBacklog(): boolean {
    return this.backlogLeft > 0
  }

  get full(): boolean {
    return this.live >= this.capacity
  }

  /** Messages not released (the spool's content). */
  get live(): number {
    return this.liveCount
  }

  append(message: SpooledMessage, hold: boolean): SpoolReceipt | undefined {
    if (this.closed || this.full) return undefined
    if (hold && this.hasUnread) throw new Error('contract: hold while messages are unread')
    const entry: Entry = { ...message, backlog: false, state: hold ? 'out' : 'unread' }
    this.log.push(entry)
    this.liveCount++
    if (hold) this.cursor = this.log.length
    return entry
  }

  read(maxMessages: number, maxBytes: number): Promise<RecoveredMessage[]> {
    this.reads++
    const out: RecoveredMessage[] = []
    let bytes = 0
    while (this.cursor < this.log.length && out.length < maxMessages && (out.length === 0 || bytes < maxBytes)) {
      const entry = this.log[this.cursor++] as Entry
      entry.state = 'out'
      if (entry.backlog) this.backlogLeft--
      bytes += entry.json.length
      out.push({ id: entry.id, json: entry.json, receipt: entry, backlog: entry.backlog })
    }
    return Promise.resolve(out)
  }

  release(receipts: readonly SpoolReceipt[]): void {
    for (const r of receipts) {
      const entry = r as Entry
      if (entry.state !== 'released') this.liveCount--
      entry.state = 'released'
    }
  }

  async close(): Promise<void> {
    this.closed = true
  }
}

/**
 * A spool in memory whose lanes survive "restarts" (new clients on the same object): a lane opened
 * again starts with what the previous one did not release as its backlog.
 */
export function memorySpool(capacity = Number.POSITIVE_INFINITY): {
  spool: Spool
  held: (name: string) => string[]
  lane: (name: string) => MemoryLane | undefined
} {
  const lanes = new Map<string, MemoryLane>()
  const spool: Spool = {
    openLane(name, listener) {
      const left = lanes.get(name)?.log.filter((e) => e.state !== 'released') ?? []
      const lane = new MemoryLane(
        capacity,
        left.map(({ id, json }) => ({ id, json })),
        listener,
      )
      lanes.set(name, lane)
      return lane
    },
    close: async () => undefined,
  }
  return {
    spool,
    held: (name) =>
      lanes
        .get(name)
        ?.log.filter((e) => e.state !== 'released')
        .map((e) => e.id) ?? [],
    lane: (name) => lanes.get(name),
  }
}
