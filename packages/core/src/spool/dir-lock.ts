import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { ConfigError } from '../errors.js'

/** Lock files this process holds, removed (best effort) when it exits. */
const held = new Set<string>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const path of held) {
      try {
        unlinkSync(path)
      } catch {
        // already gone
      }
    }
  })
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

interface LockOwner {
  pid: number
  host: string
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const [pid, host] = readFileSync(path, 'utf8').split('\n')
    const n = Number(pid)
    return Number.isInteger(n) && n > 0 ? { pid: n, host: host ?? '' } : undefined
  } catch {
    return undefined
  }
}

/**
 * Takes the exclusive lock of a spool directory: `<dir>/spool.lock` holding `pid\nhostname\n`,
 * created atomically (written to a private file, then hard-linked into place, which fails when the
 * name exists — O_EXCL semantics, but the file is never seen empty). A lock whose process is dead
 * (same host) is taken over; one held by this very process through another spool is refused.
 * Throws a {@link ConfigError} naming the directory and the holder's pid.
 */
export function acquireDirLock(dir: string): () => void {
  const path = `${dir}/spool.lock`
  if (held.has(path)) throw new ConfigError('spool', `directory ${dir} is already used by another spool of this process (pid ${process.pid})`)
  const me = hostname()
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`
  const fd = openSync(temp, 'w')
  try {
    writeSync(fd, `${process.pid}\n${me}\n`)
  } finally {
    closeSync(fd)
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, path)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const owner = readOwner(path)
      const sameHost = owner?.host === me
      // A lock naming our own pid that this process does not hold is stale (a restarted container reuses pids).
      const stale = owner === undefined || (sameHost && (owner.pid === process.pid || !isAlive(owner.pid)))
      if (!stale || attempt >= 3) {
        const who = owner ? `process ${owner.pid}${sameHost ? '' : ` on host ${owner.host}`}` : 'another process'
        throw new ConfigError('spool', `directory ${dir} is locked by ${who} (${path}); two processes cannot share a spool directory`)
      }
      try {
        unlinkSync(path)
      } catch {
        // someone else removed it first
      }
    }
  } finally {
    try {
      unlinkSync(temp)
    } catch {
      // ignore
    }
  }
  held.add(path)
  installExitHook()
  return () => {
    if (!held.delete(path)) return
    try {
      if (readOwner(path)?.pid === process.pid) unlinkSync(path)
    } catch {
      // ignore
    }
  }
}
