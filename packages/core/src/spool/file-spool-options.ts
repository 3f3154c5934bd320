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
  /** Disk budget of each lane (segments and release logs), in bytes. Default 256 MiB. Over it, `append` refuses (the message is dropped, reason `spool-full`). */
  maxBytes?: number
  /** A segment file is closed and a new one started at this size. Default 4 MiB. */
  segmentBytes?: number
}

export const DEFAULT_FSYNC_INTERVAL_MS = 1000
export const DEFAULT_SPOOL_MAX_BYTES = 256 * 1024 * 1024
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
  /** Messages found by `recover()` (not yet released by an earlier run). */
  recovered: number
  /** Damaged records skipped by `recover()` in the middle of segments (their messages are lost). */
  corruptRecords: number
  /** Bytes of torn last records ignored by `recover()` (writes cut short by a crash). */
  tornBytes: number
}
