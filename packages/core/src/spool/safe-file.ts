import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs'

const { O_RDONLY, O_WRONLY, O_APPEND, O_CREAT, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = constants

/**
 * Opens an existing regular file for reading without following a symlink and without blocking on a
 * FIFO or device (a hostile file planted in a spool directory). Returns the fd and the file's size,
 * or `undefined` when the path is missing or not a regular file.
 */
export function openRegularForRead(path: string): { fd: number; size: number } | undefined {
  let fd: number
  try {
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
  } catch {
    return undefined
  }
  try {
    const stat = fstatSync(fd)
    if (stat.isFile()) return { fd, size: stat.size }
  } catch {
    // fall through
  }
  closeQuietly(fd)
  return undefined
}

/** Opens a file for appending, creating it (mode 0600) but never through a symlink. Throws on failure. */
export function openForAppend(path: string): number {
  const fd = openSync(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o600)
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file`)
  } catch (error) {
    closeQuietly(fd)
    throw error
  }
  return fd
}

/** Reads the whole of a small regular file (at most `max` bytes), or `undefined` (see {@link openRegularForRead}). */
export function readSmallFile(path: string, max: number): Buffer | undefined {
  const opened = openRegularForRead(path)
  if (opened === undefined) return undefined
  try {
    return readAt(opened.fd, 0, Math.min(opened.size, max))
  } catch {
    return undefined
  } finally {
    closeQuietly(opened.fd)
  }
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length)
  let read = 0
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, position + read)
    if (n === 0) break
    read += n
  }
  return read === length ? buffer : buffer.subarray(0, read)
}

/** Writes all of `buffer` (a short write is continued). */
export function writeAll(fd: number, buffer: Buffer): void {
  let written = 0
  while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written)
}

/** Removes a file if it is there. */
export function tryUnlink(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
}

/** Closes an fd, ignoring errors. */
export function closeQuietly(fd: number | undefined): void {
  if (fd === undefined) return
  try {
    closeSync(fd)
  } catch {
    // ignore
  }
}

/** Makes a directory's entries durable (new or removed files); some platforms cannot: ignored. */
export function syncDir(dir: string): void {
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
