/** When appended records are forced to stable storage. */
export type FsyncPolicy = 'always' | 'interval' | 'never'

/** Options of the file spool (`spool: { dir }`). */
export interface FileSpoolOptions {
  /** The spool directory (created if missing). One process at a time: it is locked. */
  dir: string
  /** `'always'`: fsync every append; `'interval'` (default): every `fsyncIntervalMs`; `'never'`: leave it to the OS. */
  fsync?: FsyncPolicy
  /** Period of `'interval'` fsyncs, in ms. Default 1,000. */
  fsyncIntervalMs?: number
  /**
   * Disk budget of each lane (segments and release logs), in bytes. Default 1 GiB (about 3 million
   * messages of 300 bytes). The backlog of a vendor outage grows up to it; over it, new messages
   * for that destination are dropped (reason `spool-full`) until delivered messages free space.
   */
  maxBytes?: number
  /** A segment file is closed and a new one started at this size. Default 4 MiB. */
  segmentBytes?: number
}

export const DEFAULT_FSYNC_INTERVAL_MS = 1000
export const DEFAULT_SPOOL_MAX_BYTES = 1024 * 1024 * 1024
export const DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024

/** Counters of one lane of a file spool. */
export interface FileLaneStats {
  /** Bytes the lane's files take (segments and release logs). */
  bytes: number
  /** Segment files on disk. */
  segments: number
  /** Messages appended by this process. */
  appended: number
  /** Appends refused because the lane was over `maxBytes`. */
  refused: number
  /** Appends that failed with an I/O error (also refused). */
  writeErrors: number
  /** Messages released (delivered or failed for good). */
  released: number
  /** Backlog messages read back (left by an earlier run and not released by it). */
  recovered: number
  /** Messages lost to damaged records (exact for segments this version wrote: records are numbered). */
  corruptRecords: number
  /** Bytes at the end of segments that hold no whole record (writes cut short by a crash), ignored. */
  tornBytes: number
  /** Files in the lane directory that look like segments but are not (a symlink, a FIFO, a bad number), ignored. */
  foreignFiles: number
  /** This run's messages waiting in the spool, not read back into memory yet. */
  unread: number
  /** Earlier runs' segments not read through yet. */
  backlogSegments: number
}
