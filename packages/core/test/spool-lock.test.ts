import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../src/errors.js'
import { FileSpool } from '../src/spool/file-spool.js'
import { tempDirs } from './helpers/temp-dirs.js'

const tempDir = tempDirs('lock')

const locks = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.startsWith('spool.lock'))
    .sort()
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A pid that is not running (a child that has exited). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise((resolve) => child.once('exit', resolve))
  return child.pid as number
}

describe('the spool directory lock', () => {
  it('refuses a second spool on the same directory in this process, naming it and the pid, and frees it on close', async () => {
    const dir = tempDir()
    const first = new FileSpool({ dir })
    expect(() => new FileSpool({ dir })).toThrow(new RegExp(`${escape(dir)}.*pid ${process.pid}`))
    await first.close()
    expect(locks(dir)).toEqual([])
    await new FileSpool({ dir }).close()
  })

  it('sees the same directory through a symlink as the same spool', async () => {
    const dir = tempDir()
    const real = join(dir, 'real')
    mkdirSync(real)
    symlinkSync(real, join(dir, 'alias'))
    const first = new FileSpool({ dir: real })
    expect(() => new FileSpool({ dir: join(dir, 'alias') })).toThrow(ConfigError)
    await first.close()
  })

  it('refuses a directory locked by another live process, and takes it over once that process is dead', async () => {
    const dir = tempDir()
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    const exited = new Promise((resolve) => other.once('exit', resolve))
    writeFileSync(join(dir, 'spool.lock.3'), `${other.pid}\n${hostname()}\nt0ken\n`)
    try {
      expect(() => new FileSpool({ dir })).toThrow(new RegExp(`${escape(dir)} is locked by process ${other.pid}`))
    } finally {
      other.kill('SIGKILL')
      await exited
    }
    const spool = new FileSpool({ dir })
    expect(locks(dir)).toEqual(['spool.lock.4']) // the next generation; the stale one is gone
    await spool.close()
  })

  it('honours the lock file of Polytrack 0.1 (spool.lock): refused while its process lives, taken over after', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'spool.lock'), `${process.ppid}\n${hostname()}\n`)
    expect(() => new FileSpool({ dir })).toThrow(/locked by process/)
    writeFileSync(join(dir, 'spool.lock'), `${await deadPid()}\n${hostname()}\n`)
    const spool = new FileSpool({ dir })
    expect(locks(dir)).toEqual(['spool.lock.0'])
    await spool.close()
  })

  it('refuses a lock held from another host (its pid cannot be checked)', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'spool.lock.0'), `12345\nsome-other-host\nx\n`)
    expect(() => new FileSpool({ dir })).toThrow(/locked by process 12345 on host some-other-host/)
  })

  it('is not fooled by a directory named like a lock', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'spool.lock.7'))
    const spool = new FileSpool({ dir })
    await spool.close()
    expect(existsSync(join(dir, 'spool.lock.8'))).toBe(false)
  })

  it('lets exactly one of four processes take over a stale lock, in every one of 40 rounds', async () => {
    const child = new URL('./fixtures/lock-child.mjs', import.meta.url).pathname
    const stale = await deadPid()
    // Four long-lived processes; each round they all try the same directory at once.
    const children = Array.from({ length: 4 }, () => spawn(process.execPath, [child], { stdio: ['pipe', 'pipe', 'inherit'] }))
    const lines = children.map((c) => {
      const waiting: ((line: string) => void)[] = []
      let out = ''
      c.stdout?.on('data', (d: Buffer) => {
        out += d.toString()
        for (let i = out.indexOf('\n'); i !== -1; i = out.indexOf('\n')) {
          waiting.shift()?.(out.slice(0, i))
          out = out.slice(i + 1)
        }
      })
      return () => new Promise<string>((resolve) => waiting.push(resolve))
    })
    const all = (send?: string) => {
      const answers = Promise.all(lines.map((next) => next()))
      if (send !== undefined) for (const c of children) c.stdin?.write(`${send}\n`)
      return answers
    }
    try {
      expect(await all()).toEqual(['ready', 'ready', 'ready', 'ready'])
      for (let round = 0; round < 40; round++) {
        const dir = tempDir()
        // A lock left by a process killed earlier (0.1's name in even rounds, a generation in odd ones).
        writeFileSync(join(dir, round % 2 === 0 ? 'spool.lock' : 'spool.lock.0'), `${stale}\n${hostname()}\nold\n`)
        const answers = await all(`go ${dir}`)
        expect(
          answers.filter((a) => a === 'won'),
          `round ${round}: ${answers.join(' | ')}`,
        ).toHaveLength(1)
        await all('release')
      }
    } finally {
      const exits = children.map((c) => new Promise((resolve) => c.once('exit', resolve)))
      for (const c of children) c.stdin?.end()
      await Promise.all(exits)
    }
  }, 120_000)
})
