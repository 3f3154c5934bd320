import { randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'
import type { SpooledMessage } from './spool-types.js'

/**
 * The file spool's on-disk format, little-endian.
 *
 * A segment (format 2) starts with a 16-byte header: magic `PTS2` | version u32 (2) | salt (8
 * random bytes, new for every segment). Then records:
 *
 *   magic `PTR2` | length u32 | seq u32 | checksum u32 | payload (`length` bytes)
 *   payload = idBytes u32 | id (UTF-8) | json (UTF-8)
 *
 * - The checksum is a CRC-32 of length, seq and payload, seeded with the segment's salt. Text a
 *   caller controls (a `messageId` may hold any bytes) can contain something shaped like a record,
 *   but without the salt, which never leaves the file, it cannot carry a valid checksum: a reader
 *   resynchronizing after damage never takes such text for a record.
 * - `seq` numbers the records of a segment from 0, so a reader that skips a damaged region knows
 *   exactly how many records it lost.
 *
 * Format 1 (segments written by Polytrack 0.1: records `PTR1` | length | CRC-32 | payload, no
 * header, no salt) is still read, so a backlog survives an upgrade; it is never written.
 */
export const SEGMENT_HEADER_BYTES = 16
export const RECORD_HEADER_BYTES = 16
/** Largest record payload a reader accepts (a larger length field is damage). */
export const MAX_RECORD_PAYLOAD = 256 * 1024 * 1024

const SEGMENT_MAGIC = 0x32535450 // "PTS2"
const RECORD_MAGIC = 0x32525450 // "PTR2"
const V1_MAGIC = 0x31525450 // "PTR1"
const V1_HEADER_BYTES = 12
const RECORD_MAGIC_BYTES = Buffer.from('PTR2')
const V1_MAGIC_BYTES = Buffer.from('PTR1')

/** What a reader needs to know of a segment to check its records. */
export interface SegmentKey {
  version: 1 | 2
  /** CRC-32 of the salt: the seed of every record checksum (format 2). */
  seed: number
  /** Where the first record starts. */
  dataStart: number
}

/** A new segment's header and key. */
export function newSegmentHeader(): { header: Buffer; key: SegmentKey } {
  const header = Buffer.alloc(SEGMENT_HEADER_BYTES)
  header.writeUInt32LE(SEGMENT_MAGIC, 0)
  header.writeUInt32LE(2, 4)
  randomBytes(8).copy(header, 8)
  return { header, key: { version: 2, seed: crc32(header.subarray(8, 16)), dataStart: SEGMENT_HEADER_BYTES } }
}

/**
 * The key of a segment from its first bytes: format 2 with its salt, format 1, or `undefined`
 * when the start is neither (a damaged header, or not a segment at all). Pure.
 */
export function segmentKeyOf(start: Buffer): SegmentKey | undefined {
  if (start.length >= SEGMENT_HEADER_BYTES && start.readUInt32LE(0) === SEGMENT_MAGIC && start.readUInt32LE(4) === 2) {
    return { version: 2, seed: crc32(start.subarray(8, 16)), dataStart: SEGMENT_HEADER_BYTES }
  }
  if (start.length >= 4 && start.readUInt32LE(0) === V1_MAGIC) return { version: 1, seed: 0, dataStart: 0 }
  return undefined
}

/** Encodes one message as a format-2 record of the segment with this key. Pure. */
export function encodeRecord(message: SpooledMessage, key: SegmentKey, seq: number): Buffer {
  const idBytes = Buffer.byteLength(message.id)
  const jsonBytes = Buffer.byteLength(message.json)
  const length = 4 + idBytes + jsonBytes
  const buffer = Buffer.allocUnsafe(RECORD_HEADER_BYTES + length)
  buffer.writeUInt32LE(RECORD_MAGIC, 0)
  buffer.writeUInt32LE(length, 4)
  buffer.writeUInt32LE(seq >>> 0, 8)
  buffer.writeUInt32LE(idBytes, RECORD_HEADER_BYTES)
  buffer.write(message.id, RECORD_HEADER_BYTES + 4, idBytes, 'utf8')
  buffer.write(message.json, RECORD_HEADER_BYTES + 4 + idBytes, jsonBytes, 'utf8')
  buffer.writeUInt32LE(checksum(buffer, 0, length, key.seed), 12)
  return buffer
}

function checksum(buffer: Buffer, at: number, length: number, seed: number): number {
  const head = crc32(buffer.subarray(at + 4, at + 12), seed)
  return crc32(buffer.subarray(at + RECORD_HEADER_BYTES, at + RECORD_HEADER_BYTES + length), head)
}

/** A record read back. `offset` (in the segment file) is its identity in the release log. */
export interface DecodedRecord extends SpooledMessage {
  offset: number
  /** Its number in the segment (format 2), `undefined` for format 1. */
  seq: number | undefined
  /** Bytes it takes in the file. */
  size: number
}

/**
 * What starts at `at` in `buffer` (a part of a segment file starting at file offset `base`):
 * a valid record; `'short'` when the buffer ends before the record would (read more, or it is
 * torn if the file ends there); or `'invalid'`. Pure.
 */
export function recordAt(buffer: Buffer, at: number, base: number, key: SegmentKey): DecodedRecord | 'short' | 'invalid' {
  const headerBytes = key.version === 2 ? RECORD_HEADER_BYTES : V1_HEADER_BYTES
  if (at + 4 > buffer.length) return 'short'
  if (buffer.readUInt32LE(at) !== (key.version === 2 ? RECORD_MAGIC : V1_MAGIC)) return 'invalid'
  if (at + headerBytes > buffer.length) return 'short'
  const length = buffer.readUInt32LE(at + 4)
  if (length < 4 || length > MAX_RECORD_PAYLOAD) return 'invalid'
  const end = at + headerBytes + length
  if (end > buffer.length) return 'short'
  let seq: number | undefined
  if (key.version === 2) {
    if (checksum(buffer, at, length, key.seed) !== buffer.readUInt32LE(at + 12)) return 'invalid'
    seq = buffer.readUInt32LE(at + 8)
  } else {
    const crc = crc32(buffer.subarray(at + V1_HEADER_BYTES, end), crc32(buffer.subarray(at + 4, at + 8)))
    if (crc !== buffer.readUInt32LE(at + 8)) return 'invalid'
  }
  const idBytes = buffer.readUInt32LE(at + headerBytes)
  if (idBytes > length - 4) return 'invalid'
  const idStart = at + headerBytes + 4
  return {
    offset: base + at,
    seq,
    size: headerBytes + length,
    id: buffer.toString('utf8', idStart, idStart + idBytes),
    json: buffer.toString('utf8', idStart + idBytes, end),
  }
}

/** Where the next candidate record could start after `from` in `buffer`, or -1. Pure. */
export function nextMagic(buffer: Buffer, from: number, key: SegmentKey): number {
  return buffer.indexOf(key.version === 2 ? RECORD_MAGIC_BYTES : V1_MAGIC_BYTES, from)
}

/** One release-log entry: the released record's offset and a checksum of it (8 bytes). */
export const ACK_BYTES = 8

/** Encodes release-log entries for these record offsets. Pure. */
export function encodeAcks(offsets: readonly number[]): Buffer {
  const buffer = Buffer.allocUnsafe(offsets.length * ACK_BYTES)
  offsets.forEach((offset, i) => {
    buffer.writeUInt32LE(offset, i * ACK_BYTES)
    buffer.writeUInt32LE(crc32(buffer.subarray(i * ACK_BYTES, i * ACK_BYTES + 4)), i * ACK_BYTES + 4)
  })
  return buffer
}

/** Reads a release log; damaged entries and a torn tail are ignored (the record is then replayed: a duplicate, not a loss). Pure. */
export function decodeAcks(buffer: Buffer): Set<number> {
  const offsets = new Set<number>()
  for (let at = 0; at + ACK_BYTES <= buffer.length; at += ACK_BYTES) {
    if (crc32(buffer.subarray(at, at + 4)) === buffer.readUInt32LE(at + 4)) offsets.add(buffer.readUInt32LE(at))
  }
  return offsets
}
