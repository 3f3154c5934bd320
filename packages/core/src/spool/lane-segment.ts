import type { SegmentKey } from './segment-format.js'
import type { SegmentReader } from './segment-reader.js'

/** Segment files are named by number: `000000000001.seg` (12 digits, more once past them). */
export const SEGMENT_NAME = /^(\d{1,15})\.seg$/
/** The highest segment number a lane uses (15 digits keep it an exact JavaScript number). */
export const MAX_SEGMENT_NO = 999_999_999_999_999

/** The file name of segment `no`. */
export function segmentName(no: number): string {
  return `${String(no).padStart(12, '0')}.seg`
}

/** One segment file of a lane and what the lane knows of it. */
export interface LaneSegment {
  readonly no: number
  readonly path: string
  readonly ackPath: string
  /** Left by an earlier run: its records are the backlog, and the release log may list some. */
  readonly earlier: boolean
  /** How to check its records; for an earlier segment, known once it is opened for reading. */
  key: SegmentKey | undefined
  /** The fd this run appends to, while the segment is active. */
  writeFd: number | undefined
  /** The fd the lane reads from (opened when the cursor reaches the segment). */
  readFd: number | undefined
  reader: SegmentReader | undefined
  ackFd: number | undefined
  ackBroken: boolean
  /** For an earlier segment being read: offsets its release log lists. */
  released: Set<number> | undefined
  /** End of its data: what this run wrote, or the file's size for an earlier segment. */
  end: number
  /** Bytes of the segment and its release log (counted against the budget). */
  bytes: number
  /** Next record number (this run's segments). */
  nextSeq: number
  /** Records read or held and not released yet. */
  outstanding: number
  /** Still appended to? */
  active: boolean
  /** Has the read cursor passed its end? */
  readDone: boolean
  deleted: boolean
}

/** A new segment record for `no` in `dir`. */
export function laneSegment(dir: string, no: number, earlier: boolean): LaneSegment {
  const path = `${dir}/${segmentName(no)}`
  return {
    no,
    path,
    ackPath: `${path}.ack`,
    earlier,
    key: undefined,
    writeFd: undefined,
    readFd: undefined,
    reader: undefined,
    ackFd: undefined,
    ackBroken: false,
    released: undefined,
    end: 0,
    bytes: 0,
    nextSeq: 0,
    outstanding: 0,
    active: false,
    readDone: false,
    deleted: false,
  }
}
