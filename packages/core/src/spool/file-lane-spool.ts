import { fdatasyncSync } from 'node:fs'
import { PolytrackError } from '../errors.js'
import type { FileLaneStats, FileSpoolOptions } from './file-spool-options.js'
import { ensureLaneDir, scanLaneDir } from './lane-directory.js'
import type { LaneSegment } from './lane-segment.js'
import { closeQuietly, syncDir, writeAll } from './safe-file.js'
import { ACK_BYTES, encodeRecord, RECORD_HEADER_BYTES, SEGMENT_HEADER_BYTES } from './segment-format.js'
import {
  appendAcks,
  closeSegmentFds,
  createSegmentFile,
  openSegmentForReading,
  removeSegmentFiles,
  type SegmentNumbering,
} from './segment-files.js'
import type { SegmentReader } from './segment-reader.js'
import type { LaneListener, LaneSpool, RecoveredMessage, SpooledMessage, SpoolReceipt } from './spool-types.js'

interface Receipt {
  segment: LaneSegment
  offset: number
  released: boolean
}

/**
 * One destination's queue on disk: `<dir>/<lane>/NNNNNNNNNNNN.seg` append-only segments of
 * checksummed records (see segment-format.ts), each with a `.ack` release log of the records
 * released. A read cursor walks the earlier runs' segments (the backlog), then this run's; only
 * the segments and a bounded read buffer are in memory, whatever the backlog. A segment is
 * deleted once it is sealed, read past and every record in it released.
 */
export class FileLaneSpool implements LaneSpool {
  readonly dir: string
  /** Segments on disk, oldest first (earlier runs', then this run's). */
  private segments: LaneSegment[] = []
  private active: LaneSegment | undefined
  /** The number the next new segment takes (see createSegmentFile). */
  private readonly numbering: SegmentNumbering
  /** The next record to read: in `cursor`, at `cursorOffset`. `undefined`: at the end of everything. */
  private cursor: LaneSegment | undefined
  private cursorOffset = 0
  /** This run's appends not held and not read yet. */
  private unreadAppends = 0
  /** Earlier runs' segments the cursor has not passed yet. */
  private backlogLeft = 0
  private closed = false
  private dirty = false
  private dirDirty = false
  private refusedForRoom = false
  private bytes = 0
  private readonly counters = {
    appended: 0,
    refused: 0,
    writeErrors: 0,
    released: 0,
    recovered: 0,
    corruptRecords: 0,
    tornBytes: 0,
    foreignFiles: 0,
  }

  constructor(
    dir: string,
    private readonly options: Required<Omit<FileSpoolOptions, 'dir'>>,
    private readonly listener: LaneListener,
  ) {
    this.dir = dir
    ensureLaneDir(dir)
    const { segments, nextNo } = scanLaneDir(dir, (name, why) => this.foreign(name, why))
    for (const segment of segments) this.bytes += segment.bytes
    this.segments = segments
    this.backlogLeft = this.segments.length
    this.cursor = this.segments[0]
    this.numbering = { next: nextNo }
  }

  get hasUnread(): boolean {
    return this.unreadAppends > 0 || this.backlogLeft > 0
  }

  get hasBacklog(): boolean {
    return this.backlogLeft > 0
  }

  get full(): boolean {
    return this.refusedForRoom
  }

  append(message: SpooledMessage, hold: boolean): SpoolReceipt | undefined {
    if (this.closed) return undefined
    const size = RECORD_HEADER_BYTES + 4 + Buffer.byteLength(message.id) + Buffer.byteLength(message.json)
    let segment = this.active
    const rotate = segment !== undefined && segment.end > SEGMENT_HEADER_BYTES && segment.end + size > this.options.segmentBytes
    const extra = segment === undefined || rotate ? SEGMENT_HEADER_BYTES : 0
    if (this.bytes + size + extra + ACK_BYTES > this.options.maxBytes) {
      this.counters.refused++
      this.refusedForRoom = true
      return undefined
    }
    try {
      if (segment !== undefined && rotate) this.seal(segment)
      if (segment === undefined || rotate) segment = this.openSegment()
      const offset = segment.end
      const record = encodeRecord(message, segment.key as NonNullable<LaneSegment['key']>, segment.nextSeq)
      try {
        writeAll(segment.writeFd as number, record)
      } catch (error) {
        // A short write would leave a damaged record: the next append starts a fresh segment.
        this.seal(segment)
        throw error
      }
      segment.nextSeq++
      segment.end += record.length
      segment.bytes += record.length
      this.bytes += record.length
      this.counters.appended++
      if (this.options.fsync === 'always') fdatasyncSync(segment.writeFd as number)
      else this.dirty = true
      if (hold && !this.hasUnread) {
        segment.outstanding++
        this.moveCursor(segment, segment.end)
      } else {
        this.unreadAppends++
      }
      return { segment, offset, released: false } satisfies Receipt
    } catch (error) {
      this.counters.writeErrors++
      this.counters.refused++
      this.listener.error(
        new PolytrackError('spool_write', `could not append to the spool in ${this.dir}: ${(error as Error).message}`, { cause: error }),
      )
      return undefined
    }
  }

  read(maxMessages: number, maxBytes: number): Promise<RecoveredMessage[]> {
    const out: RecoveredMessage[] = []
    let bytes = 0
    const corruptBefore = this.counters.corruptRecords
    try {
      while (out.length < maxMessages && (out.length === 0 || bytes < maxBytes) && !this.closed) {
        const segment = this.cursor
        if (segment === undefined) break
        if (segment.reader === undefined && !this.openForReading(segment)) {
          this.finishReading(segment)
          continue
        }
        const step = (segment.reader as SegmentReader).next(this.cursorOffset, segment.end)
        if (step.kind === 'record') {
          const { record } = step
          this.cursorOffset = record.offset + record.size
          if (segment.released?.has(record.offset)) continue
          segment.outstanding++
          if (segment.earlier) this.counters.recovered++
          else this.unreadAppends = Math.max(0, this.unreadAppends - 1)
          out.push({
            id: record.id,
            json: record.json,
            receipt: { segment, offset: record.offset, released: false } satisfies Receipt,
            backlog: segment.earlier,
          })
          bytes += record.json.length
        } else if (step.kind === 'damaged') {
          this.counters.corruptRecords += step.lost
          this.cursorOffset = step.resumeAt
        } else if (step.kind === 'tail') {
          this.counters.tornBytes += step.bytes
          this.cursorOffset = segment.end
        } else if (segment.active) {
          this.unreadAppends = 0 // the cursor is at the end of everything written
          break
        } else {
          this.finishReading(segment)
        }
      }
    } catch (error) {
      this.listener.error(
        new PolytrackError('spool_read', `could not read the spool in ${this.dir}: ${(error as Error).message}`, { cause: error }),
      )
    }
    const lost = this.counters.corruptRecords - corruptBefore
    if (lost > 0) {
      this.listener.error(
        new PolytrackError(
          'spool_corrupt',
          `the spool in ${this.dir} holds damaged records: ${lost} message(s) could not be read back and are lost (see stats().corruptRecords)`,
        ),
      )
    }
    return Promise.resolve(out)
  }

  release(receipts: readonly SpoolReceipt[]): void {
    const bySegment = new Map<LaneSegment, number[]>()
    for (const value of receipts) {
      const receipt = value as Receipt | undefined
      if (receipt === undefined || receipt === null || typeof receipt !== 'object' || receipt.released || !receipt.segment) continue
      receipt.released = true
      this.counters.released++
      receipt.segment.outstanding--
      const list = bySegment.get(receipt.segment)
      if (list) list.push(receipt.offset)
      else bySegment.set(receipt.segment, [receipt.offset])
    }
    for (const [segment, offsets] of bySegment) {
      if (segment.deleted) continue
      if (this.deletable(segment)) this.deleteSegment(segment)
      else if (!this.closed) this.writeAcks(segment, offsets)
    }
  }

  /** Has `close()` been called? */
  get isClosed(): boolean {
    return this.closed
  }

  async close(): Promise<void> {
    if (this.closed) return
    const active = this.active
    if (active && this.cursor === active && this.cursorOffset >= active.end) active.readDone = true
    if (active) this.seal(active)
    this.closed = true
    for (const segment of this.segments) closeSegmentFds(segment)
  }

  /** Forces appended records to stable storage now (the `'interval'` policy calls it). */
  sync(): void {
    if (this.dirDirty) {
      this.dirDirty = false
      syncDir(this.dir)
    }
    if (!this.dirty) return
    this.dirty = false
    const fd = this.active?.writeFd
    if (fd === undefined) return
    try {
      fdatasyncSync(fd)
    } catch {
      // reported through the next append's write error, if the disk is really gone
    }
  }

  /** This lane's counters. */
  stats(): FileLaneStats {
    return {
      ...this.counters,
      bytes: this.bytes,
      segments: this.segments.length,
      unread: this.unreadAppends,
      backlogSegments: this.backlogLeft,
    }
  }

  private openSegment(): LaneSegment {
    const segment = createSegmentFile(this.dir, this.numbering)
    this.bytes += SEGMENT_HEADER_BYTES
    this.segments.push(segment)
    this.active = segment
    if (this.cursor === undefined) {
      this.cursor = segment
      this.cursorOffset = SEGMENT_HEADER_BYTES
    }
    if (this.options.fsync === 'always') syncDir(this.dir)
    else this.dirDirty = true
    return segment
  }

  /** Opens a segment for the cursor: the key, the reader and (earlier runs) the release log. */
  private openForReading(segment: LaneSegment): boolean {
    const opening = openSegmentForReading(segment)
    if (opening === 'missing' && segment.earlier) this.foreign(segment.path, 'it is missing or not a regular file')
    if (opening === 'damaged') {
      this.counters.corruptRecords++
      this.counters.tornBytes += segment.end
    }
    if (opening !== 'opened') return false
    if (segment.earlier) this.cursorOffset = (segment.key as NonNullable<LaneSegment['key']>).dataStart
    return true
  }

  /** The cursor has passed `segment`: move it to the next one. */
  private finishReading(segment: LaneSegment): void {
    const index = this.segments.indexOf(segment)
    const next = this.segments[index + 1]
    this.markRead(segment)
    this.cursor = next
    this.cursorOffset = next?.earlier === false ? SEGMENT_HEADER_BYTES : 0
  }

  /** Moves the cursor to `offset` in `segment`, marking every segment before it read. */
  private moveCursor(segment: LaneSegment, offset: number): void {
    while (this.cursor !== undefined && this.cursor !== segment) this.finishReading(this.cursor)
    this.cursor = segment
    this.cursorOffset = offset
  }

  private markRead(segment: LaneSegment): void {
    if (segment.readDone) return
    segment.readDone = true
    if (segment.earlier) this.backlogLeft--
    segment.released = undefined
    segment.reader = undefined
    closeQuietly(segment.readFd)
    segment.readFd = undefined
    if (this.deletable(segment)) this.deleteSegment(segment)
  }

  private deletable(segment: LaneSegment): boolean {
    return !segment.active && segment.readDone && segment.outstanding <= 0
  }

  /** Stops appending to a segment (fsynced unless the policy is `'never'`). */
  private seal(segment: LaneSegment): void {
    if (!segment.active) return
    segment.active = false
    if (this.active === segment) this.active = undefined
    if (segment.writeFd !== undefined) {
      try {
        if (this.options.fsync !== 'never' && this.dirty) fdatasyncSync(segment.writeFd)
      } catch {
        // ignore: see sync()
      }
      this.dirty = false
      closeQuietly(segment.writeFd)
      segment.writeFd = undefined
    }
    if (this.deletable(segment)) this.deleteSegment(segment)
  }

  private writeAcks(segment: LaneSegment, offsets: number[]): void {
    if (segment.ackBroken) return
    try {
      this.bytes += appendAcks(segment, offsets)
    } catch (error) {
      // Without the release log these messages are replayed after a restart: duplicates, not losses.
      segment.ackBroken = true
      this.listener.error(
        new PolytrackError(
          'spool_write',
          `could not write the release log ${segment.ackPath} (its messages may be sent again after a restart): ${(error as Error).message}`,
          { cause: error },
        ),
      )
    }
  }

  private deleteSegment(segment: LaneSegment): void {
    if (segment.deleted) return
    segment.deleted = true
    removeSegmentFiles(segment)
    this.bytes -= segment.bytes
    segment.bytes = 0
    this.segments = this.segments.filter((s) => s !== segment)
    this.refusedForRoom = false
  }

  private foreign(name: string, why: string): void {
    this.counters.foreignFiles++
    this.listener.error(new PolytrackError('spool_foreign_file', `the spool in ${this.dir} ignores ${name}: ${why}`))
  }
}
