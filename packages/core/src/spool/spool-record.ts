import { crc32 } from 'node:zlib'
import type { SpooledMessage } from './spool-types.js'

/**
 * On-disk record of the file spool, little-endian:
 *
 *   magic u32 ("PTR1") | length u32 | crc32 u32 (of the length bytes, then the payload) | payload
 *   payload = idBytes u32 | id (UTF-8) | json (UTF-8)
 *
 * The magic lets a reader find the next record after a damaged one; the CRC covers the length, so a
 * damaged length cannot make the reader skip good records silently.
 */
export const RECORD_MAGIC = 0x31525450 // "PTR1" read as little-endian bytes 'P','T','R','1'
export const RECORD_HEADER_BYTES = 12
const MAGIC_BYTES = Buffer.from([0x50, 0x54, 0x52, 0x31])

/** Encodes one message as a record. */
export function encodeRecord(message: SpooledMessage): Buffer {
  const idBytes = Buffer.byteLength(message.id)
  const jsonBytes = Buffer.byteLength(message.json)
  const length = 4 + idBytes + jsonBytes
  const buffer = Buffer.allocUnsafe(RECORD_HEADER_BYTES + length)
  buffer.writeUInt32LE(RECORD_MAGIC, 0)
  buffer.writeUInt32LE(length, 4)
  buffer.writeUInt32LE(idBytes, RECORD_HEADER_BYTES)
  buffer.write(message.id, RECORD_HEADER_BYTES + 4, idBytes, 'utf8')
  buffer.write(message.json, RECORD_HEADER_BYTES + 4 + idBytes, jsonBytes, 'utf8')
  buffer.writeUInt32LE(recordChecksum(buffer, 4, RECORD_HEADER_BYTES, RECORD_HEADER_BYTES + length), 8)
  return buffer
}

function recordChecksum(buffer: Buffer, lengthAt: number, payloadStart: number, payloadEnd: number): number {
  return crc32(buffer.subarray(payloadStart, payloadEnd), crc32(buffer.subarray(lengthAt, lengthAt + 4)))
}

/** A record read back, with its byte offset in the segment (its identity in the release log). */
export interface DecodedRecord extends SpooledMessage {
  offset: number
}

/** What a segment held. */
export interface DecodedSegment {
  records: DecodedRecord[]
  /** Damaged regions skipped in the middle of the segment (each followed by a good record). */
  corruptRegions: number
  /** Bytes at the end that form no whole, valid record (a torn last write), ignored. */
  tornBytes: number
}

/** Tries to read a valid record at `offset`; returns its total size or 0. */
function validRecordAt(buffer: Buffer, offset: number): number {
  if (offset + RECORD_HEADER_BYTES > buffer.length) return 0
  if (buffer.readUInt32LE(offset) !== RECORD_MAGIC) return 0
  const length = buffer.readUInt32LE(offset + 4)
  const end = offset + RECORD_HEADER_BYTES + length
  if (length < 4 || end > buffer.length) return 0
  if (recordChecksum(buffer, offset + 4, offset + RECORD_HEADER_BYTES, end) !== buffer.readUInt32LE(offset + 8)) return 0
  const idBytes = buffer.readUInt32LE(offset + RECORD_HEADER_BYTES)
  if (idBytes > length - 4) return 0
  return RECORD_HEADER_BYTES + length
}

/**
 * Reads every valid record of a segment. A damaged record in the middle is skipped by searching for
 * the next valid record (counted in `corruptRegions`); bytes after the last valid record are a torn
 * write (`tornBytes`) and ignored.
 */
export function decodeSegment(buffer: Buffer): DecodedSegment {
  const records: DecodedRecord[] = []
  let corruptRegions = 0
  let offset = 0
  while (offset < buffer.length) {
    const size = validRecordAt(buffer, offset)
    if (size > 0) {
      const idBytes = buffer.readUInt32LE(offset + RECORD_HEADER_BYTES)
      const idStart = offset + RECORD_HEADER_BYTES + 4
      records.push({
        offset,
        id: buffer.toString('utf8', idStart, idStart + idBytes),
        json: buffer.toString('utf8', idStart + idBytes, offset + size),
      })
      offset += size
      continue
    }
    // Damaged or torn: look for the next valid record.
    let next = offset + 1
    let found = -1
    while ((next = buffer.indexOf(MAGIC_BYTES, next)) !== -1) {
      if (validRecordAt(buffer, next) > 0) {
        found = next
        break
      }
      next++
    }
    if (found === -1) return { records, corruptRegions, tornBytes: buffer.length - offset }
    corruptRegions++
    offset = found
  }
  return { records, corruptRegions, tornBytes: 0 }
}

/** One release-log entry: the released record's offset and a checksum of it (8 bytes). */
export const ACK_BYTES = 8

/** Encodes release-log entries for these record offsets. */
export function encodeAcks(offsets: readonly number[]): Buffer {
  const buffer = Buffer.allocUnsafe(offsets.length * ACK_BYTES)
  offsets.forEach((offset, i) => {
    buffer.writeUInt32LE(offset, i * ACK_BYTES)
    buffer.writeUInt32LE(crc32(buffer.subarray(i * ACK_BYTES, i * ACK_BYTES + 4)), i * ACK_BYTES + 4)
  })
  return buffer
}

/** Reads a release log; damaged entries and a torn tail are ignored (the record is then replayed: a duplicate, not a loss). */
export function decodeAcks(buffer: Buffer): Set<number> {
  const offsets = new Set<number>()
  for (let at = 0; at + ACK_BYTES <= buffer.length; at += ACK_BYTES) {
    if (crc32(buffer.subarray(at, at + 4)) === buffer.readUInt32LE(at + 4)) offsets.add(buffer.readUInt32LE(at))
  }
  return offsets
}
