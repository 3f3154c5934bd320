import { lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { ConfigError } from '../errors.js'
import { laneSegment, MAX_SEGMENT_NO, SEGMENT_NAME, type LaneSegment } from './lane-segment.js'

/** Makes a lane name safe as a directory name (reversible, no separators, never `.`/`..`). */
export function laneDirName(name: string): string {
  if (name.length === 0) throw new ConfigError('spool', 'a lane needs a non-empty name')
  return name.replace(/[^A-Za-z0-9_-]/g, (c) => `%${c.codePointAt(0)?.toString(16).padStart(2, '0')}`)
}

/**
 * Creates the lane directory (mode 0700), or checks that the one there is a real directory (not a
 * symlink or a file). Throws a `ConfigError` (`spool.dir`) when it can be neither.
 */
export function ensureLaneDir(dir: string): void {
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

/** What a lane directory holds when the lane opens. */
export interface LaneDirScan {
  /** The earlier runs' segments, oldest first, each with `bytes` set to its size and its release log's. */
  segments: LaneSegment[]
  /** The number this run's first segment takes: past every segment name found, regular file or not. */
  nextNo: number
}

/**
 * Lists the segments an earlier run left in `dir`. A name that looks like a segment but is not one
 * this spool can use (a number too large, not a regular file) is passed to `foreign` with the
 * reason, in directory order. Throws a `ConfigError` (`spool`) when a segment holds the highest
 * number a lane can use (nothing could follow it).
 */
export function scanLaneDir(dir: string, foreign: (name: string, why: string) => void): LaneDirScan {
  const found: number[] = []
  let highest = 0
  for (const name of readdirSync(dir)) {
    const match = SEGMENT_NAME.exec(name)
    if (match === null) {
      if (/^\d+\.seg$/.test(name)) foreign(name, 'its number is too large')
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
      foreign(name, 'it is not a regular file')
      continue
    }
    found.push(no)
  }
  found.sort((a, b) => a - b)
  const segments = found.map((no) => {
    const segment = laneSegment(dir, no, true)
    segment.bytes = regularSize(segment.path) + regularSize(segment.ackPath)
    return segment
  })
  if (highest >= MAX_SEGMENT_NO) {
    throw new ConfigError(
      'spool',
      `${dir} holds a segment numbered ${highest}, the highest a lane can use: move it away (it is not a segment this spool wrote)`,
    )
  }
  return { segments, nextNo: highest + 1 }
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
