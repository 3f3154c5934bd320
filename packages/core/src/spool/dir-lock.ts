import { randomBytes } from 'node:crypto'
import { linkSync, openSync, readdirSync, unlinkSync } from 'node:fs'
import { hostname } from 'node:os'
import { ConfigError } from '../errors.js'
import { closeQuietly, readSmallFile, tryUnlink, writeAll } from './safe-file.js'

/** Lock files this process holds (real paths), removed (best effort) when it exits. */
const held = new Map<string, string>()
let exitHookInstalled = false

const LOCK_NAME = /^spool\.lock\.(\d{1,15})$/
/** The lock file of Polytrack 0.1 (one name, no generations): still honoured. */
const LEGACY_LOCK = 'spool.lock'
const ATTEMPTS = 12

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const path of held.values()) tryUnlink(path)
  })
}

interface LockOwner {
  pid: number
  host: string
  token: string
}

function readOwner(path: string): LockOwner | undefined {
  const text = readSmallFile(path, 4096)?.toString('utf8')
  if (text === undefined) return undefined
  const [pid, host, token] = text.split('\n')
  const n = Number(pid)
  return Number.isInteger(n) && n > 0 ? { pid: n, host: host ?? '', token: token ?? '' } : undefined
}

/** Is `pid` a live process (on this host)? `EPERM` means it exists but belongs to someone else. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * May this lock file be ignored? Yes when it is unreadable or not a lock, or its process is dead
 * (same host), or it names this process's pid but this process does not hold it (a restarted
 * container reusing the pid). A lock of another host is never stale: that host may be alive.
 */
function isStale(owner: LockOwner | undefined, me: string, token: string): boolean {
  if (owner === undefined) return true
  if (owner.host !== me) return false
  if (owner.pid === process.pid) return owner.token !== token
  return !isAlive(owner.pid)
}

/** Lock files in `dir`, highest generation first; the legacy lock counts as generation -1. */
function lockFiles(dir: string): { generation: number; path: string }[] {
  const found: { generation: number; path: string }[] = []
  for (const name of readdirSync(dir)) {
    const match = LOCK_NAME.exec(name)
    if (match) found.push({ generation: Number(match[1]), path: `${dir}/${name}` })
    else if (name === LEGACY_LOCK) found.push({ generation: -1, path: `${dir}/${name}` })
  }
  return found.sort((a, b) => b.generation - a.generation)
}

function describeOwner(owner: LockOwner | undefined, me: string): string {
  if (owner === undefined) return 'another process'
  return `process ${owner.pid}${owner.host === me ? '' : ` on host ${owner.host}`}`
}

/** Waits a few milliseconds (synchronously: the lock is taken in a constructor). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * Takes the exclusive lock of a spool directory (`dir` must be a real path, symlinks resolved).
 *
 * Lock files are numbered generations, `spool.lock.<n>`, each holding `pid`, hostname and a random
 * token, created atomically (a private file hard-linked into place: it exists whole or not at all).
 * To take a free or stale lock, a process creates the next generation; only one process can create
 * a given name, and after creating it the process checks every other lock file: if any is live, it
 * lost and removes its own. So two processes that find the same stale lock cannot both win (with a
 * single name, both would delete it and create their own). Lower generations are removed by the
 * winner. Throws a {@link ConfigError} naming the directory and the holder.
 */
export function acquireDirLock(dir: string): () => void {
  if (held.has(dir))
    throw new ConfigError('spool', `directory ${dir} is already used by another spool of this process (pid ${process.pid})`)
  const me = hostname()
  const token = randomBytes(12).toString('hex')
  const temp = `${dir}/.spool.lock.${process.pid}.${token}.tmp`
  const fd = openSync(temp, 'wx', 0o600)
  try {
    writeAll(fd, Buffer.from(`${process.pid}\n${me}\n${token}\n`))
  } finally {
    closeQuietly(fd)
  }
  try {
    let contended = false
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const files = lockFiles(dir)
      const live = files.find((f) => !isStale(readOwner(f.path), me, token))
      if (live) {
        // Held by a live process. (After a tie with another process taking a stale lock, that
        // process may be backing off too: look again a few times before giving up.)
        if (!contended || attempt === ATTEMPTS - 1) {
          throw new ConfigError(
            'spool',
            `directory ${dir} is locked by ${describeOwner(readOwner(live.path), me)} (${live.path}); two processes cannot share a spool directory`,
          )
        }
        pause(1 + Math.floor(Math.random() * 10))
        continue
      }
      const generation = Math.max(0, (files[0]?.generation ?? -1) + 1)
      const path = `${dir}/spool.lock.${generation}`
      try {
        linkSync(temp, path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        contended = true
        pause(1 + Math.floor(Math.random() * 5))
        continue // another process took this generation: look again
      }
      if (lockFiles(dir).some((f) => f.path !== path && !isStale(readOwner(f.path), me, token))) {
        // Another process created a lock too: neither may assume it won. Back off and look again.
        unlinkOwn(path, token)
        contended = true
        pause(1 + Math.floor(Math.random() * 10))
        continue
      }
      for (const file of lockFiles(dir)) if (file.path !== path) unlinkStale(file.path, me, token)
      held.set(dir, path)
      installExitHook()
      return () => {
        if (held.get(dir) !== path) return
        held.delete(dir)
        unlinkOwn(path, token)
      }
    }
    throw new ConfigError('spool', `directory ${dir} could not be locked: other processes kept taking it (try again)`)
  } finally {
    tryUnlink(temp)
  }
}

/** Removes a lock file if it still holds `token`. */
function unlinkOwn(path: string, token: string): void {
  if (readOwner(path)?.token === token) tryUnlink(path)
}

/** Removes a lock file left by a dead process (checked again just before). */
function unlinkStale(path: string, me: string, token: string): void {
  if (!isStale(readOwner(path), me, token)) return
  try {
    unlinkSync(path)
  } catch {
    // gone already
  }
}
