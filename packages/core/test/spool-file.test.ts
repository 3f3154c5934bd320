import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Analytics } from '../src/analytics.js'
import { ConfigError } from '../src/errors.js'
import { FileLaneSpool, FileSpool, laneDirName, type FsyncPolicy } from '../src/spool/file-spool.js'
import { resolveSpool } from '../src/spool/resolve-spool.js'
import { decodeAcks, decodeSegment, encodeAcks, encodeRecord, RECORD_HEADER_BYTES } from '../src/spool/spool-record.js'
import { testDestination } from './helpers/test-destination.js'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-spool-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function laneOptions(overrides: Partial<{ fsync: FsyncPolicy; fsyncIntervalMs: number; maxBytes: number; segmentBytes: number }> = {}) {
  return { fsync: 'never' as FsyncPolicy, fsyncIntervalMs: 1000, maxBytes: 1 << 30, segmentBytes: 1 << 20, ...overrides }
}

const msg = (i: number) => ({ id: `m-${i}`, json: JSON.stringify({ messageId: `m-${i}`, event: 'Zoë 🚀', i }) })
const segments = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.seg')).sort()

describe('spool records', () => {
  it('round-trips messages (UTF-8 included) and keeps their offsets', () => {
    const records = [msg(1), { id: '', json: '' }, { id: 'ünï', json: '{"a":"💥"}' }].map(encodeRecord)
    const decoded = decodeSegment(Buffer.concat(records))
    expect(decoded).toMatchObject({ corruptRegions: 0, tornBytes: 0 })
    expect(decoded.records.map(({ id, json }) => ({ id, json }))).toEqual([msg(1), { id: '', json: '' }, { id: 'ünï', json: '{"a":"💥"}' }])
    expect(decoded.records.map((r) => r.offset)).toEqual([0, records[0]!.length, records[0]!.length + records[1]!.length])
  })

  it('ignores a torn last record, whatever its length', () => {
    const whole = Buffer.concat([encodeRecord(msg(1)), encodeRecord(msg(2))])
    const last = encodeRecord(msg(3))
    for (let cut = 1; cut < last.length; cut++) {
      const decoded = decodeSegment(Buffer.concat([whole, last.subarray(0, cut)]))
      expect(decoded.records.map((r) => r.id)).toEqual(['m-1', 'm-2'])
      expect(decoded.tornBytes).toBe(cut)
      expect(decoded.corruptRegions).toBe(0)
    }
  })

  it('skips and counts a damaged record in the middle (bad payload, bad length, bad magic)', () => {
    const parts = [1, 2, 3].map((i) => encodeRecord(msg(i)))
    for (const at of [RECORD_HEADER_BYTES + 6, 5, 0]) {
      const damaged = Buffer.concat(parts)
      damaged[parts[0]!.length + at]! ^= 0xff
      const decoded = decodeSegment(damaged)
      expect(decoded.records.map((r) => r.id)).toEqual(['m-1', 'm-3'])
      expect(decoded.corruptRegions).toBe(1)
      expect(decoded.tornBytes).toBe(0)
    }
  })

  it('reads release logs, ignoring a damaged entry and a torn tail', () => {
    const acks = encodeAcks([0, 448, 70_000])
    expect([...decodeAcks(acks)]).toEqual([0, 448, 70_000])
    const damaged = Buffer.concat([acks, encodeAcks([9]).subarray(0, 5)])
    damaged[8]! ^= 0x01
    expect([...decodeAcks(damaged)]).toEqual([0, 70_000])
  })

  it('makes lane names safe as directory names', () => {
    expect(laneDirName('segment')).toBe('segment')
    expect(laneDirName('../x/.')).toBe('%2e%2e%2fx%2f%2e')
    expect(() => laneDirName('')).toThrow(ConfigError)
  })
})

describe('a file lane', () => {
  it('recovers what an earlier process appended and did not release, oldest first, with receipts that release it', async () => {
    const dir = tempDir()
    const first = new FileLaneSpool(dir, laneOptions())
    const receipts = [0, 1, 2, 3, 4].map((i) => first.append(msg(i)))
    first.release([receipts[1], receipts[3]])
    // "Crash": the first lane is abandoned without close().
    const second = new FileLaneSpool(dir, laneOptions())
    second.append(msg(100)) // before recover(): goes to a fresh segment and is not recovered
    const recovered = await second.recover()
    expect(recovered.map((m) => m.id)).toEqual(['m-0', 'm-2', 'm-4'])
    expect(recovered[0]?.json).toBe(msg(0).json)
    expect(second.stats()).toMatchObject({ recovered: 3, corruptRecords: 0, tornBytes: 0, segments: 2 })
    second.release(recovered.map((m) => m.receipt))
    expect(segments(dir)).toEqual(['000000000002.seg']) // the old segment is fully released: deleted
    await second.close()
    const third = new FileLaneSpool(dir, laneOptions())
    expect((await third.recover()).map((m) => m.id)).toEqual(['m-100'])
  })

  it('recovers past a torn last record and a damaged record, and reports them', async () => {
    const dir = tempDir()
    const lane = new FileLaneSpool(dir, laneOptions())
    for (let i = 0; i < 4; i++) lane.append(msg(i))
    await lane.close()
    const [file] = segments(dir)
    const path = join(dir, file!)
    const size = readFileSync(path).length
    truncateSync(path, size - 3) // torn m-3
    const data = readFileSync(path)
    data[encodeRecord(msg(0)).length + RECORD_HEADER_BYTES + 2]! ^= 0x55 // damage m-1
    writeFileSync(path, data)
    const next = new FileLaneSpool(dir, laneOptions())
    expect((await next.recover()).map((m) => m.id)).toEqual(['m-0', 'm-2'])
    expect(next.stats()).toMatchObject({ recovered: 2, corruptRecords: 1, tornBytes: encodeRecord(msg(3)).length - 3 })
  })

  it('rotates segments at segmentBytes and deletes a sealed segment once all of it is released, never the active one', async () => {
    const dir = tempDir()
    const size = encodeRecord(msg(0)).length
    const lane = new FileLaneSpool(dir, laneOptions({ segmentBytes: size * 3 }))
    const receipts = Array.from({ length: 7 }, (_, i) => lane.append(msg(i)))
    expect(segments(dir)).toEqual(['000000000001.seg', '000000000002.seg', '000000000003.seg'])
    lane.release(receipts.slice(0, 2))
    expect(segments(dir)).toHaveLength(3) // m-2 still holds the first segment
    lane.release([receipts[2], receipts[2]]) // a second release of one receipt counts once
    expect(segments(dir)).toEqual(['000000000002.seg', '000000000003.seg'])
    lane.release([receipts[6]]) // everything in the active segment released: it stays while active
    expect(segments(dir)).toEqual(['000000000002.seg', '000000000003.seg'])
    expect(lane.stats()).toMatchObject({ appended: 7, released: 4, segments: 2 })
    await lane.close() // the empty active segment goes at close
    expect(segments(dir)).toEqual(['000000000002.seg'])
    expect(readdirSync(dir)).toContain('000000000002.seg')
  })

  it('refuses appends over maxBytes and takes them again once released segments are deleted', async () => {
    const dir = tempDir()
    const size = encodeRecord(msg(0)).length
    const lane = new FileLaneSpool(dir, laneOptions({ segmentBytes: size * 2, maxBytes: size * 5 + 8 }))
    const receipts = Array.from({ length: 5 }, (_, i) => lane.append(msg(i)))
    expect(receipts.every((r) => r !== undefined)).toBe(true)
    expect(lane.append(msg(5))).toBeUndefined()
    expect(lane.stats()).toMatchObject({ refused: 1 })
    lane.release(receipts.slice(0, 2)) // the first segment is deleted
    expect(lane.append(msg(6))).toBeDefined()
    expect(lane.stats().bytes).toBeLessThanOrEqual(size * 5 + 8)
    await lane.close()
    expect(lane.append(msg(7))).toBeUndefined() // closed
  })

  it('fsyncs on every append with fsync "always" (and still recovers)', async () => {
    const dir = tempDir()
    const lane = new FileLaneSpool(dir, laneOptions({ fsync: 'always' }))
    lane.append(msg(1))
    lane.append(msg(2))
    const next = new FileLaneSpool(dir, laneOptions())
    expect((await next.recover()).map((m) => m.id)).toEqual(['m-1', 'm-2'])
  })
})

describe('the spool directory lock', () => {
  it('refuses a second spool on the same directory, names the directory and pid, and frees it on close', async () => {
    const dir = tempDir()
    const first = new FileSpool({ dir })
    const error = (() => {
      try {
        new FileSpool({ dir })
      } catch (e) {
        return e as ConfigError
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(error?.message).toContain(dir)
    expect(error?.message).toContain(String(process.pid))
    await first.close()
    expect(existsSync(join(dir, 'spool.lock'))).toBe(false)
    const again = new FileSpool({ dir })
    await again.close()
  })

  it('refuses a directory locked by another live process, and takes over the lock once it is dead', async () => {
    const dir = tempDir()
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    const exited = new Promise((resolve) => other.once('exit', resolve))
    writeFileSync(join(dir, 'spool.lock'), `${other.pid}\n${hostname()}\n`)
    try {
      expect(() => new FileSpool({ dir })).toThrow(new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is locked by process ${other.pid}`))
    } finally {
      other.kill('SIGKILL')
      await exited
    }
    const spool = new FileSpool({ dir })
    expect(readFileSync(join(dir, 'spool.lock'), 'utf8')).toBe(`${process.pid}\n${hostname()}\n`)
    await spool.close()
  })

  it('refuses a lock held from another host (its pid cannot be checked)', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'spool.lock'), `12345\nsome-other-host\n`)
    expect(() => new FileSpool({ dir })).toThrow(/locked by process 12345 on host some-other-host/)
  })
})

describe('the spool option', () => {
  it('turns { dir } into a file spool, validates it, and passes a ready spool through', async () => {
    const dir = tempDir()
    const spool = resolveSpool({ dir, fsync: 'never' })
    expect(spool).toBeInstanceOf(FileSpool)
    await spool?.close()
    expect(resolveSpool(spool)).toBe(spool)
    expect(resolveSpool(undefined)).toBeUndefined()
    expect(() => resolveSpool({ dir, fsync: 'sometimes' as FsyncPolicy })).toThrow(ConfigError)
    expect(() => resolveSpool({ dir, maxBytes: -1 })).toThrow(ConfigError)
    expect(() => resolveSpool({ dir: '' })).toThrow(ConfigError)
    expect(() => resolveSpool({} as never)).toThrow(ConfigError)
  })
})

describe('a file spool under Analytics', () => {
  let sink: Sink
  beforeAll(async () => {
    sink = await startSink()
  })
  afterAll(async () => {
    await sink.close()
  })

  it('keeps what the vendor did not take, replays it on the next start per destination, and ends empty', async () => {
    const dir = tempDir()
    sink.inject('segment', ...Array.from({ length: 1_000 }, () => ({ status: 503 })))
    // Retries must outlast close()'s 200 ms (fast retries would otherwise give up first: failed, not pending).
    const first = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool: { dir }, flushInterval: 60_000, flushAt: 100, retryBaseDelay: 1, maxRetries: 1_000 })
    for (let i = 0; i < 5; i++) first.track({ userId: 'u', event: 'e', messageId: `kept-${i}` })
    const report = await first.close({ timeout: 200 })
    expect(report.pending).toBe(5)
    expect(segments(join(dir, 'segment'))).toHaveLength(1)
    sink.reset()

    const second = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool: { dir } })
    second.track({ userId: 'u', event: 'e', messageId: 'fresh' })
    expect(await second.close()).toMatchObject({ delivered: 6, pending: 0 })
    expect(sink.messages({ vendor: 'segment' }).map((m) => m.id).sort()).toEqual(['fresh', 'kept-0', 'kept-1', 'kept-2', 'kept-3', 'kept-4'])
    expect(segments(join(dir, 'segment'))).toEqual([])
    sink.reset()
  })

  it('counts a message over the disk budget as dropped (spool-full)', async () => {
    const dir = tempDir()
    const analytics = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool: { dir, maxBytes: 1000 }, flushInterval: 60_000, flushAt: 100 })
    const reasons: string[] = []
    analytics.on('dropped', (d) => reasons.push(d.reason))
    for (let i = 0; i < 10; i++) analytics.track({ userId: 'u', event: `e${i}`, properties: { pad: 'x'.repeat(200) } })
    const report = await analytics.close()
    expect(report.dropped).toBeGreaterThan(0)
    expect(report.delivered + report.dropped).toBe(10)
    expect(reasons.every((r) => r === 'spool-full')).toBe(true)
    sink.reset()
  })
})
