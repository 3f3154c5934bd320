import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectThrown } from '@polytrack/test-support/expect-thrown'
import { describe, expect, it } from 'vitest'
import { Analytics } from '../src/analytics.js'
import { ConfigError, type PolytrackError } from '../src/errors.js'
import { FileLaneSpool, FileSpool, type FsyncPolicy } from '../src/spool/file-spool.js'
import type { LaneListener, RecoveredMessage } from '../src/spool/spool-types.js'
import { testDestination } from './helpers/test-destination.js'
import { tempDirs } from './helpers/temp-dirs.js'

const tempDir = tempDirs('hostile')

const options = { fsync: 'never' as FsyncPolicy, fsyncIntervalMs: 1000, maxBytes: 1 << 30, segmentBytes: 1 << 20 }
const msg = (i: number) => ({ id: `m-${i}`, json: JSON.stringify({ messageId: `m-${i}`, i }) })
function listener(): LaneListener & { errors: PolytrackError[] } {
  const errors: PolytrackError[] = []
  return { errors, readable: () => undefined, error: (e) => errors.push(e) }
}
async function readAll(lane: FileLaneSpool): Promise<RecoveredMessage[]> {
  const out: RecoveredMessage[] = []
  for (let batch = await lane.read(1000, 1 << 30); batch.length > 0; batch = await lane.read(1000, 1 << 30)) out.push(...batch)
  return out
}

describe('hostile files in a spool directory', () => {
  it('never follows a symlink planted as a release log: nothing is written outside, the error is reported', async () => {
    const dir = tempDir()
    const lane = join(dir, 'lane')
    mkdirSync(lane)
    const outside = join(dir, 'outside.txt')
    writeFileSync(outside, 'precious')
    symlinkSync(outside, join(lane, '000000000001.seg.ack'))
    const l = listener()
    const spool = new FileLaneSpool(lane, options, l)
    const receipt = spool.append(msg(1), true)
    spool.release([receipt])
    spool.append(msg(2), true) // keeps segment 1 active, so the release is logged rather than the segment deleted
    const r3 = spool.append(msg(3), true)
    spool.release([r3])
    expect(readFileSync(outside, 'utf8')).toBe('precious')
    expect(l.errors.map((e) => e.code)).toContain('spool_write')
    await spool.close()
  })

  it('skips a FIFO named like a segment (and like a release log) instead of hanging on it', async () => {
    const dir = tempDir()
    const lane = join(dir, 'lane')
    const first = new FileLaneSpool(lane, options, listener())
    first.append(msg(1), false)
    await first.close()
    execFileSync('mkfifo', [join(lane, '000000000002.seg')])
    execFileSync('mkfifo', [join(lane, '000000000001.seg.ack')])
    const l = listener()
    const second = new FileLaneSpool(lane, options, l)
    expect((await readAll(second)).map((m) => m.id)).toEqual(['m-1'])
    expect(second.stats().foreignFiles).toBe(1)
    expect(l.errors.map((e) => e.code)).toEqual(['spool_foreign_file'])
    second.append(msg(2), false) // the FIFO's number is taken: this run writes segment 3
    expect(readdirSync(lane)).toContain('000000000003.seg')
  })

  it('keeps replaying after a stray 999999999999.seg: segments past 12 digits are found on the next start', async () => {
    const dir = tempDir()
    const lane = join(dir, 'lane')
    mkdirSync(lane)
    writeFileSync(join(lane, '999999999999.seg'), '')
    const first = new FileLaneSpool(lane, options, listener())
    first.append(msg(1), false)
    first.append(msg(2), false)
    expect(readdirSync(lane)).toContain('1000000000000.seg')
    const second = new FileLaneSpool(lane, options, listener())
    expect((await readAll(second)).map((m) => m.id)).toEqual(['m-1', 'm-2'])
  })

  it('refuses (ConfigError) a lane whose segment numbers are exhausted, and ignores numbers too long to be its own', async () => {
    const dir = tempDir()
    const lane = join(dir, 'lane')
    mkdirSync(lane)
    writeFileSync(join(lane, '9999999999999999999.seg'), 'x')
    const l = listener()
    new FileLaneSpool(lane, options, l)
    expect(l.errors.map((e) => e.code)).toEqual(['spool_foreign_file'])
    writeFileSync(join(lane, '999999999999999.seg'), '')
    expect(() => new FileLaneSpool(lane, options, listener())).toThrow(ConfigError)
  })

  it('refuses with a ConfigError, not a raw EEXIST, a lane path that is a file or a symlink', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'segment'), 'not a directory')
    const spool = new FileSpool({ dir })
    expect(() => spool.openLane('segment', listener())).toThrow(ConfigError)
    await spool.close()
    const error = expectThrown(ConfigError, () => new Analytics({ destination: testDestination('http://127.0.0.1:9'), spool: { dir } }))
    expect(error.option).toBe('spool.dir')
    const other = tempDir()
    mkdirSync(join(other, 'elsewhere'))
    symlinkSync(join(other, 'elsewhere'), join(other, 'segment'))
    const second = new FileSpool({ dir: other })
    expect(() => second.openLane('segment', listener())).toThrow(/not a directory/)
    await second.close()
    // And the client that failed to start released its lock: the directory can be used again.
    await new FileSpool({ dir }).close()
  })

  it('refuses unknown spool options, naming the key and the nearest one', () => {
    const dir = tempDir()
    expect(() => new FileSpool({ dirr: dir } as never)).toThrow(/option spool\.dirr: is not an option \(did you mean `dir`\?\)/)
    expect(() => new Analytics({ destination: testDestination('http://127.0.0.1:9'), spool: { dir, fsyncInterval: 5 } as never })).toThrow(
      /spool\.fsyncInterval: .*`fsyncIntervalMs`/,
    )
    expect(
      () => new Analytics({ destination: testDestination('http://127.0.0.1:9'), spool: { redis: { url: 'redis://x' } } as never }),
    ).toThrow(/@polytrack\/spool-redis/)
  })
})
