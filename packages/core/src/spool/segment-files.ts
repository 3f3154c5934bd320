import { openSync } from 'node:fs'
import { laneSegment, MAX_SEGMENT_NO, type LaneSegment } from './lane-segment.js'
import { closeQuietly, openForAppend, openRegularForRead, readAt, readSmallFile, tryUnlink, writeAll } from './safe-file.js'
import { decodeAcks, encodeAcks, newSegmentHeader, SEGMENT_HEADER_BYTES, segmentKeyOf } from './segment-format.js'
import { SegmentReader } from './segment-reader.js'

/** A lane's segment numbering: `next` is the number the next new segment takes (it only grows). */
export interface SegmentNumbering {
  next: number
}

/**
 * Creates this run's next segment file in `dir` (mode 0600, never over an existing file: a name
 * taken by a file that appeared is skipped, up to 16 times) and writes its header. Every number
 * tried is used up in `numbering`, even when it throws. Returns the segment, active, with its key
 * and its header counted in `end` and `bytes`. Throws when the numbers are exhausted or the file
 * cannot be created or written (a half-written file is removed).
 */
export function createSegmentFile(dir: string, numbering: SegmentNumbering): LaneSegment {
  if (numbering.next > MAX_SEGMENT_NO) throw new Error('segment numbers are exhausted')
  let segment = laneSegment(dir, numbering.next++, false)
  const { header, key } = newSegmentHeader()
  for (let attempt = 0; ; attempt++) {
    try {
      segment.writeFd = openSync(segment.path, 'wx', 0o600)
      break
    } catch (error) {
      // A file appeared under that name (planted, or copied in): leave it, take the next number.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 16 || numbering.next > MAX_SEGMENT_NO) throw error
      segment = laneSegment(dir, numbering.next++, false)
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
  return segment
}

/**
 * How opening a segment for reading went: `opened` (its reader is set), `missing` (not there, or
 * not a regular file), `empty` (an earlier segment of 0 bytes) or `damaged` (an earlier segment
 * whose header cannot be checked: none of its `end` bytes can be read back).
 */
export type ReadOpening = 'opened' | 'missing' | 'empty' | 'damaged'

/**
 * Opens a segment for the read cursor: its read fd and reader; for an earlier run's segment also
 * its size (`end`), its key (from the header) and the offsets its release log lists (`released`).
 * Throws only when reading the open file fails.
 */
export function openSegmentForReading(segment: LaneSegment): ReadOpening {
  const opened = openRegularForRead(segment.path)
  if (opened === undefined) return 'missing'
  segment.readFd = opened.fd
  if (segment.earlier) {
    segment.end = opened.size
    if (opened.size === 0) return 'empty'
    segment.key = segmentKeyOf(readAt(opened.fd, 0, SEGMENT_HEADER_BYTES))
    // Its header is damaged: without the salt no record can be checked.
    if (segment.key === undefined) return 'damaged'
    segment.released = decodeAcks(readSmallFile(segment.ackPath, opened.size) ?? Buffer.alloc(0))
  }
  segment.reader = new SegmentReader(opened.fd, segment.key as NonNullable<LaneSegment['key']>)
  return 'opened'
}

/**
 * Appends the offsets of released records to the segment's release log (opened on first use) and
 * counts them in its `bytes`. Returns the bytes written; throws when the log cannot be written.
 */
export function appendAcks(segment: LaneSegment, offsets: number[]): number {
  segment.ackFd ??= openForAppend(segment.ackPath)
  const buffer = encodeAcks(offsets)
  writeAll(segment.ackFd, buffer)
  segment.bytes += buffer.length
  return buffer.length
}

/** Closes the segment's release-log and read fds (quietly) and forgets them; its append fd is left alone. */
export function closeSegmentFds(segment: LaneSegment): void {
  closeQuietly(segment.ackFd)
  closeQuietly(segment.readFd)
  segment.ackFd = undefined
  segment.readFd = undefined
}

/** Closes the segment's fds (as {@link closeSegmentFds}) and removes its file and its release log, ignoring failures. */
export function removeSegmentFiles(segment: LaneSegment): void {
  closeSegmentFds(segment)
  tryUnlink(segment.path)
  tryUnlink(segment.ackPath)
}
