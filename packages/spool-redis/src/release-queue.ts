import type { StreamRef } from './append-item.js'
import type { LaneKeys } from './lane-keys.js'
import { DROP_STREAM } from './lua-scripts.js'
import type { RedisLink } from './redis-link.js'

/** Most entry ids in one XDEL. */
const XDEL_CHUNK = 500

/**
 * Releases, batched: entry ids collected during a tick go out as XDELs per stream (while the
 * connection is down they wait for it). A taken-over stream read through and fully released is
 * then deleted (DROP_STREAM, which deletes only an empty stream this instance owns).
 */
export class ReleaseQueue {
  private readonly byStream = new Map<StreamRef, string[]>()
  private scheduled = false
  private inflight = 0

  constructor(
    private readonly link: RedisLink,
    private readonly keys: LaneKeys,
    private readonly member: string,
    private readonly onError: (error: unknown) => void,
    private readonly onSettled: () => void,
  ) {}

  /** Nothing sent is waiting for an answer (what cannot be sent while disconnected does not count). */
  get idle(): boolean {
    return this.inflight === 0 && (this.byStream.size === 0 || !this.link.ready)
  }

  add(stream: StreamRef, entry: string): void {
    const list = this.byStream.get(stream)
    if (list) list.push(entry)
    else this.byStream.set(stream, [entry])
    if (this.scheduled) return
    this.scheduled = true
    queueMicrotask(() => {
      this.scheduled = false
      this.flush()
    })
  }

  /** A taken-over stream may have become empty: delete it once its releases are through. */
  check(stream: StreamRef): void {
    if (!this.byStream.has(stream)) this.byStream.set(stream, [])
    this.flush()
  }

  flush(): void {
    if (!this.link.ready || this.byStream.size === 0) return
    const batches = [...this.byStream]
    this.byStream.clear()
    for (const [stream, ids] of batches) {
      for (let i = 0; i < ids.length; i += XDEL_CHUNK) this.track(this.link.send('XDEL', [stream.key, ...ids.slice(i, i + XDEL_CHUNK)]))
      if (stream.taken && stream.readDone && stream.outstanding <= 0) {
        this.track(this.link.run(DROP_STREAM, [stream.key, this.keys.owners], [this.member]))
      }
    }
  }

  private track(command: Promise<unknown>): void {
    this.inflight++
    command.then(
      () => this.settled(),
      (error: unknown) => {
        this.onError(error)
        this.settled()
      },
    )
  }

  private settled(): void {
    this.inflight--
    this.onSettled()
  }
}
