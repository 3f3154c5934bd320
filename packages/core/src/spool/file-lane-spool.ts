import { fdatasyncSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs'
import { ConfigError, PolytrackError } from '../errors.js'
import type { FileLaneStats, FileSpoolOptions } from './file-spool-options.js'
import { laneSegment, MAX_SEGMENT_NO, SEGMENT_NAME, type LaneSegment } from './lane-segment.js'
import { closeQuietly, openForAppend, openRegularForRead, readAt, readSmallFile, syncDir, tryUnlink, writeAll } from './safe-file.js'
import {
  ACK_BYTES,
  decodeAcks,
  encodeAcks,
  encodeRecord,
  newSegmentHeader,
  RECORD_HEADER_BYTES,
  SEGMENT_HEADER_BYTES,
  segmentKeyOf,
} from './segment-format.js'
import { SegmentReader } from './segment-reader.js'
import type { LaneListener, LaneSpool, RecoveredMessage, SpooledMessage, SpoolReceipt } from './spool-types.js'

interface Receipt {
  segment: LaneSegment
  offset: number
  released: boolean
}

/** Makes a lane name safe as a directory name (reversible, no separators, never `.`/`..`). */
export function laneDirName(name: string): string {
  if (name.length === 0) throw new ConfigError('spool', 'a lane needs a non-empty name')
  return name.replace(/[^A-Za-z0-9_-]/g, (c) => `%${c.codePointAt(0)?.toString(16).padStart(2, '0')}`)
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
  private nextNo: number
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
    const found: number[] = []
    let highest = 0
    for (const name of readdirSync(dir)) {
      const match = SEGMENT_NAME.exec(name)
      if (match === null) {
        if (/^\d+\.seg$/.test(name)) this.foreign(name, 'its number is too large')
        continue
      }
      const no = Number(match[1])
      highest = Math.max(highest, no) // taken, whatever it is
      let stat
      try {
        stat = lstatSync(`${dir}/${name}`)
      } catch {
        continue
      }
      if (!stat.isFile()) {
        this.foreign(name, 'it is not a regular file')
        continue
      }
      found.push(no)
    }
    found.sort((a, b) => a - b)
    for (const no of found) {
      const segment = laneSegment(dir, no, true)
      segment.bytes = regularSize(segment.path) + regularSize(segment.ackPath)
      this.bytes += segment.bytes
      this.segments.push(segment)
    }
    this.backlogLeft = this.segments.length
    this.cursor = this.segments[0]
    if (highest >= MAX_SEGMENT_NO) {
      throw new ConfigError(
        'spool',
        `${dir} holds a segment numbered ${highest}, the highest a lane can use: move it away (it is not a segment this spool wrote)`,
      )
    }
    this.nextNo = highest + 1
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
    for (const segment of this.segments) {
      closeQuietly(segment.ackFd)
      closeQuietly(segment.readFd)
      segment.ackFd = undefined
      segment.readFd = undefined
    }
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
    if (this.nextNo > MAX_SEGMENT_NO) throw new Error('segment numbers are exhausted')
    let segment = laneSegment(this.dir, this.nextNo++, false)
    const { header, key } = newSegmentHeader()
    for (let attempt = 0; ; attempt++) {
      try {
        segment.writeFd = openSync(segment.path, 'wx', 0o600)
        break
      } catch (error) {
        // A file appeared under that name (planted, or copied in): leave it, take the next number.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 16 || this.nextNo > MAX_SEGMENT_NO) throw error
        segment = laneSegment(this.dir, this.nextNo++, false)
      }
    }
    try {
      writeAll(segment.writeFd, header)
    } catch (error) {
      closeQuietly(segment.writeFd)
      tryUnlink(segment.path)
      throw error
    }
    segment.key = key
    segment.active = true
    segment.end = SEGMENT_HEADER_BYTES
    segment.bytes = SEGMENT_HEADER_BYTES
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
    const opened = openRegularForRead(segment.path)
    if (opened === undefined) {
      if (segment.earlier) this.foreign(segment.path, 'it is missing or not a regular file')
      return false
    }
    segment.readFd = opened.fd
    if (segment.earlier) {
      segment.end = opened.size
      if (opened.size === 0) return false
      segment.key = segmentKeyOf(readAt(opened.fd, 0, SEGMENT_HEADER_BYTES))
      if (segment.key === undefined) {
        // Its header is damaged: without the salt no record can be checked.
        this.counters.corruptRecords++
        this.counters.tornBytes += opened.size
        return false
      }
      segment.released = decodeAcks(readSmallFile(segment.ackPath, opened.size) ?? Buffer.alloc(0))
      this.cursorOffset = segment.key.dataStart
    }
    segment.reader = new SegmentReader(opened.fd, segment.key as NonNullable<LaneSegment['key']>)
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
      segment.ackFd ??= openForAppend(segment.ackPath)
      const buffer = encodeAcks(offsets)
      writeAll(segment.ackFd, buffer)
      segment.bytes += buffer.length
      this.bytes += buffer.length
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
    closeQuietly(segment.ackFd)
    closeQuietly(segment.readFd)
    segment.ackFd = undefined
    segment.readFd = undefined
    tryUnlink(segment.path)
    tryUnlink(segment.ackPath)
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

/** Creates the lane directory, or checks that the one there is a real directory (not a symlink or a file). */
function ensureLaneDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 })
    return
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new ConfigError('spool.dir', `cannot create ${dir}: ${(error as Error).message}`)
  }
  const stat = lstatSync(dir)
  if (!stat.isDirectory())
    throw new ConfigError(
      'spool.dir',
      `${dir} exists and is not a directory (a file or a symlink is in the way of this destination's lane)`,
    )
}

/** Size of a regular file (0 when missing or not a regular file). */
function regularSize(path: string): number {
  try {
    const stat = lstatSync(path)
    return stat.isFile() ? stat.size : 0
  } catch {
    return 0
  }
}
