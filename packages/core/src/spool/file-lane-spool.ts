import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { readFile } from 'node:fs/promises'
import { ConfigError } from '../errors.js'
import { ACK_BYTES, decodeAcks, decodeSegment, encodeAcks, encodeRecord } from './spool-record.js'
import type { LaneSpool, RecoveredMessage, SpooledMessage, SpoolReceipt } from './spool-types.js'
import type { FileLaneStats, FileSpoolOptions } from './file-spool-options.js'

interface Segment {
  readonly no: number
  readonly path: string
  readonly ackPath: string
  /** The segment's fd while it is active. */
  fd: number | undefined
  ackFd: number | undefined
  ackBroken: boolean
  /** Records in it not yet released. */
  live: number
  /** Bytes of the segment file: the offset of its next record. */
  logBytes: number
  /** Bytes of the segment and its release log. */
  bytes: number
  /** Still written to? Only a sealed segment can be deleted. */
  active: boolean
  deleted: boolean
}

interface Receipt {
  segment: Segment
  offset: number
  released: boolean
}

const SEGMENT_NAME = /^(\d{12})\.seg$/

function segmentName(no: number): string {
  return `${String(no).padStart(12, '0')}.seg`
}

/** Makes a lane name safe as a directory name (reversible, no separators, never `.`/`..`). */
export function laneDirName(name: string): string {
  if (name.length === 0) throw new ConfigError('spool', 'a lane needs a non-empty name')
  const safe = name.replace(/[^A-Za-z0-9_-]/g, (c) => `%${c.codePointAt(0)?.toString(16).padStart(2, '0')}`)
  return safe
}

function writeAll(fd: number, buffer: Buffer): void {
  let written = 0
  while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written)
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/**
 * One destination's log on disk: `<dir>/<lane>/NNNNNNNNNNNN.seg` append-only segments of checksummed
 * records, each with a `.ack` release log of the offsets released. A sealed segment whose records
 * are all released is deleted with its release log.
 */
export class FileLaneSpool implements LaneSpool {
  readonly dir: string
  /** Sealed segments on disk (earlier runs' and this run's), not deleted yet. */
  private readonly sealed = new Set<Segment>()
  /** The segments an earlier process left, for `recover()`. */
  private readonly earlier: Segment[] = []
  private active: Segment | undefined
  private nextNo: number
  private closed = false
  private recoverCalled = false
  private dirty = false
  private dirDirty = false
  private readonly counters = { appended: 0, refused: 0, writeErrors: 0, released: 0, recovered: 0, corruptRecords: 0, tornBytes: 0 }
  private bytes = 0

  constructor(
    dir: string,
    private readonly options: Required<Omit<FileSpoolOptions, 'dir'>>,
  ) {
    this.dir = dir
    mkdirSync(dir, { recursive: true })
    let highest = 0
    for (const name of readdirSync(dir).sort()) {
      const match = SEGMENT_NAME.exec(name)
      if (!match) continue
      const no = Number(match[1])
      highest = Math.max(highest, no)
      const segment = this.segment(no)
      segment.bytes = fileSize(segment.path) + fileSize(segment.ackPath)
      segment.active = false
      this.bytes += segment.bytes
      this.sealed.add(segment)
      this.earlier.push(segment)
    }
    this.nextNo = highest + 1
  }

  private segment(no: number): Segment {
    const path = `${this.dir}/${segmentName(no)}`
    return { no, path, ackPath: `${path}.ack`, fd: undefined, ackFd: undefined, ackBroken: false, live: 0, logBytes: 0, bytes: 0, active: true, deleted: false }
  }

  /** Reads the segments an earlier process left (never the ones this process writes), oldest first. */
  async recover(): Promise<RecoveredMessage[]> {
    if (this.recoverCalled) throw new Error('recover() may be called once')
    this.recoverCalled = true
    const out: RecoveredMessage[] = []
    const corruptBefore = this.counters.corruptRecords
    for (const segment of this.earlier) {
      if (this.closed) break
      const [data, acks] = await Promise.all([readFile(segment.path), readFile(segment.ackPath).catch(() => Buffer.alloc(0))])
      const decoded = decodeSegment(data)
      const released = decodeAcks(acks)
      this.counters.corruptRecords += decoded.corruptRegions
      this.counters.tornBytes += decoded.tornBytes
      for (const record of decoded.records) {
        if (released.has(record.offset)) continue
        segment.live++
        const receipt: Receipt = { segment, offset: record.offset, released: false }
        out.push({ id: record.id, json: record.json, receipt })
      }
      if (segment.live === 0) this.deleteSegment(segment)
    }
    this.counters.recovered = out.length
    if (this.counters.corruptRecords > corruptBefore) {
      process.emitWarning(`polytrack spool ${this.dir}: skipped ${this.counters.corruptRecords - corruptBefore} damaged record(s) while recovering`, { code: 'POLYTRACK_SPOOL' })
    }
    return out
  }

  append(message: SpooledMessage): SpoolReceipt | undefined {
    if (this.closed) return undefined
    const record = encodeRecord(message)
    if (this.bytes + record.length + ACK_BYTES > this.options.maxBytes) {
      this.counters.refused++
      return undefined
    }
    let segment = this.active
    if (segment !== undefined && segment.logBytes > 0 && segment.logBytes + record.length > this.options.segmentBytes) {
      this.seal(segment)
      segment = undefined
    }
    try {
      if (segment === undefined) segment = this.openSegment()
      const offset = segment.logBytes
      try {
        writeAll(segment.fd as number, record)
      } catch (error) {
        // A short write would leave a damaged record; start a fresh segment for the next append.
        this.seal(segment)
        throw error
      }
      segment.logBytes += record.length
      segment.bytes += record.length
      this.bytes += record.length
      segment.live++
      this.counters.appended++
      if (this.options.fsync === 'always') fdatasyncSync(segment.fd as number)
      else this.dirty = true
      return { segment, offset, released: false } satisfies Receipt
    } catch {
      this.counters.writeErrors++
      this.counters.refused++
      return undefined
    }
  }

  release(receipts: readonly SpoolReceipt[]): void {
    const bySegment = new Map<Segment, number[]>()
    for (const value of receipts) {
      const receipt = value as Receipt | undefined
      if (receipt === undefined || receipt === null || typeof receipt !== 'object' || receipt.released || !receipt.segment) continue
      receipt.released = true
      this.counters.released++
      const list = bySegment.get(receipt.segment)
      if (list) list.push(receipt.offset)
      else bySegment.set(receipt.segment, [receipt.offset])
    }
    for (const [segment, offsets] of bySegment) {
      segment.live -= offsets.length
      if (segment.deleted) continue
      if (segment.live <= 0 && !segment.active) {
        this.deleteSegment(segment)
        continue
      }
      this.writeAcks(segment, offsets)
    }
  }

  /** Has `close()` been called? */
  get isClosed(): boolean {
    return this.closed
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const active = this.active
    if (active) {
      this.seal(active)
      if (active.live <= 0) this.deleteSegment(active)
    }
    for (const segment of this.sealed) this.closeAckFd(segment)
  }

  /** Forces appended records to stable storage now (the `'interval'` policy calls it). */
  sync(): void {
    if (this.dirDirty) {
      this.dirDirty = false
      syncDir(this.dir)
    }
    if (!this.dirty) return
    this.dirty = false
    const fd = this.active?.fd
    if (fd !== undefined) {
      try {
        fdatasyncSync(fd)
      } catch {
        // reported through the next append's write error, if the disk is really gone
      }
    }
  }

  /** This lane's counters. */
  stats(): FileLaneStats {
    const segments = this.sealed.size + (this.active && !this.active.deleted ? 1 : 0)
    return { ...this.counters, bytes: this.bytes, segments }
  }

  private openSegment(): Segment {
    const segment = this.segment(this.nextNo++)
    segment.fd = openSync(segment.path, 'wx')
    this.active = segment
    if (this.options.fsync === 'always') syncDir(this.dir)
    else this.dirDirty = true
    return segment
  }

  /** Stops writing to a segment (fsynced unless the policy is `'never'`); deleted at once when nothing in it is live. */
  private seal(segment: Segment): void {
    if (!segment.active) return
    segment.active = false
    if (this.active === segment) this.active = undefined
    this.sealed.add(segment)
    if (segment.fd !== undefined) {
      try {
        if (this.options.fsync !== 'never' && this.dirty) fdatasyncSync(segment.fd)
      } catch {
        // ignore: see sync()
      }
      this.dirty = false
      closeSync(segment.fd)
      segment.fd = undefined
    }
    if (segment.live <= 0 && !this.closed) this.deleteSegment(segment)
  }

  private writeAcks(segment: Segment, offsets: number[]): void {
    if (segment.ackBroken) return
    try {
      segment.ackFd ??= openSync(segment.ackPath, 'a')
      const buffer = encodeAcks(offsets)
      writeAll(segment.ackFd, buffer)
      segment.bytes += buffer.length
      this.bytes += buffer.length
    } catch {
      // Without the release log these messages are replayed after a restart: duplicates, not losses.
      segment.ackBroken = true
    }
  }

  private closeAckFd(segment: Segment): void {
    if (segment.ackFd === undefined) return
    try {
      closeSync(segment.ackFd)
    } catch {
      // ignore
    }
    segment.ackFd = undefined
  }

  private deleteSegment(segment: Segment): void {
    if (segment.deleted) return
    segment.deleted = true
    this.closeAckFd(segment)
    tryUnlink(segment.path)
    tryUnlink(segment.ackPath)
    this.bytes -= segment.bytes
    segment.bytes = 0
    this.sealed.delete(segment)
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // some platforms cannot fsync a directory
  }
}
