import { MAX_RECORD_PAYLOAD, nextMagic, recordAt, RECORD_HEADER_BYTES, type DecodedRecord, type SegmentKey } from './segment-format.js'
import { readAt } from './safe-file.js'

/** Bytes read from the file at a time (more when one record is larger). */
const CHUNK_BYTES = 1024 * 1024

/** What a segment holds at some offset. */
export type SegmentStep =
  /** A valid record; the next one starts at `record.offset + record.size`. */
  | { kind: 'record'; record: DecodedRecord }
  /** Damaged bytes up to `resumeAt`, where a valid record starts; `lost` records are gone (exact for format 2). */
  | { kind: 'damaged'; resumeAt: number; lost: number }
  /** No valid record from here to `end`: a torn last write (or damage at the very end), `bytes` long. */
  | { kind: 'tail'; bytes: number }
  /** Nothing more: `offset` is the end. */
  | { kind: 'end' }

/**
 * Reads one segment file record by record through a bounded buffer (about 1 MiB, or one record),
 * so a segment of any size is read without loading it. Finds its way past damage: after bytes that
 * hold no valid record, it searches for the next record that checks out (a salted checksum, so
 * text inside a message is never taken for a record).
 */
export class SegmentReader {
  private buffer: Buffer = Buffer.alloc(0)
  /** File offset of `buffer[0]`. */
  private base = 0
  /** `seq` of the last valid record (format 2), to count what damage lost. */
  private lastSeq = -1

  constructor(
    private readonly fd: number,
    private readonly key: SegmentKey,
  ) {}

  /** What starts at `offset`, reading no further than `end` (the file's size, or what this process wrote). */
  next(offset: number, end: number): SegmentStep {
    if (offset >= end) return { kind: 'end' }
    const found = this.recordFrom(offset, end)
    if (found !== undefined) {
      this.lastSeq = found.seq ?? this.lastSeq
      return { kind: 'record', record: found }
    }
    // Damaged here: look for the next valid record.
    for (let at = offset + 1; at < end;) {
      const candidate = this.findMagic(at, end)
      if (candidate === -1) break
      const record = this.recordFrom(candidate, end)
      if (record !== undefined) {
        const lost = record.seq !== undefined && record.seq > this.lastSeq + 1 ? record.seq - this.lastSeq - 1 : 1
        return { kind: 'damaged', resumeAt: candidate, lost }
      }
      at = candidate + 1
    }
    return { kind: 'tail', bytes: end - offset }
  }

  /** The valid record at `offset`, if one is there (reading more of the file as needed). */
  private recordFrom(offset: number, end: number): DecodedRecord | undefined {
    let want = RECORD_HEADER_BYTES
    let before = -1
    for (;;) {
      this.ensure(offset, want, end)
      const result = recordAt(this.buffer, offset - this.base, this.base, this.key)
      if (result !== 'short') return result === 'invalid' ? undefined : result
      const available = this.base + this.buffer.length - offset
      // The file ends inside it (or is shorter than it should be: no progress).
      if (offset + available >= end || available <= before) return undefined
      before = available
      const at = offset - this.base
      const length = available >= 8 ? this.buffer.readUInt32LE(at + 4) : 0
      const needed = Math.min(RECORD_HEADER_BYTES + Math.min(length, MAX_RECORD_PAYLOAD), end - offset)
      if (needed <= available) return undefined
      want = needed
    }
  }

  /** The file offset of the next record magic at or after `from`, or -1. */
  private findMagic(from: number, end: number): number {
    for (let at = from; at < end;) {
      this.ensure(at, Math.min(CHUNK_BYTES, end - at), end)
      const index = nextMagic(this.buffer, at - this.base, this.key)
      if (index !== -1) return this.base + index
      const covered = this.base + this.buffer.length
      if (covered >= end || covered <= at) return -1
      at = Math.max(at + 1, covered - 3) // a magic may straddle the chunk boundary
    }
    return -1
  }

  /** Makes `buffer` hold `[offset, offset + length)` (or up to `end`). */
  private ensure(offset: number, length: number, end: number): void {
    const want = Math.min(length, end - offset)
    if (offset >= this.base && offset + want <= this.base + this.buffer.length) return
    this.base = offset
    this.buffer = readAt(this.fd, offset, Math.min(Math.max(want, CHUNK_BYTES), end - offset))
  }
}
