import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, type PolytrackError } from '../src/errors.js'
import { FileLaneSpool, laneDirName, type FsyncPolicy } from '../src/spool/file-spool.js'
import { encodeRecord, newSegmentHeader, SEGMENT_HEADER_BYTES } from '../src/spool/segment-format.js'
import type { LaneListener, RecoveredMessage } from '../src/spool/spool-types.js'
import { tempDirs } from './helpers/temp-dirs.js'

export const tempDir = tempDirs('lane')

function laneOptions(overrides: Partial<{ fsync: FsyncPolicy; fsyncIntervalMs: number; maxBytes: number; segmentBytes: number }> = {}) {
  return { fsync: 'never' as FsyncPolicy, fsyncIntervalMs: 1000, maxBytes: 1 << 30, segmentBytes: 1 << 20, ...overrides }
}

function listener(): LaneListener & { errors: PolytrackError[]; readable: () => void } {
  const errors: PolytrackError[] = []
  return { errors, readable: () => undefined, error: (e) => errors.push(e) }
}

const msg = (i: number) => ({ id: `m-${i}`, json: JSON.stringify({ messageId: `m-${i}`, event: 'Zoë 🚀', i }) })
const recordSize = encodeRecord(msg(0), newSegmentHeader().key, 0).length
const segments = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.seg'))
    .sort()
const open = (dir: string, overrides = {}) => new FileLaneSpool(dir, laneOptions(overrides), listener())
const readAll = async (lane: FileLaneSpool): Promise<RecoveredMessage[]> => {
  const out: RecoveredMessage[] = []
  for (;;) {
    const batch = await lane.read(1000, 1 << 30)
    if (batch.length === 0) return out
    out.push(...batch)
  }
}

describe('a file lane', () => {
  it('hands out unheld appends in order, never held ones, and says exactly when something is unread', async () => {
    const lane = open(join(tempDir(), 'l'))
    expect(lane.hasUnread).toBe(false)
    lane.append(msg(0), true) // held: the caller delivers it
    expect(lane.hasUnread).toBe(false)
    lane.append(msg(1), false)
    lane.append(msg(2), false)
    expect(lane.hasUnread).toBe(true)
    expect((await lane.read(1, 1 << 20)).map((m) => [m.id, m.backlog])).toEqual([['m-1', false]])
    expect(lane.hasUnread).toBe(true)
    expect((await lane.read(10, 1 << 20)).map((m) => m.id)).toEqual(['m-2'])
    expect(lane.hasUnread).toBe(false)
    lane.append(msg(3), true)
    lane.append(msg(4), false)
    expect((await readAll(lane)).map((m) => m.id)).toEqual(['m-4'])
    expect(lane.stats()).toMatchObject({ appended: 5, unread: 0 })
  })

  it('bounds each read by count and bytes (at least one message)', async () => {
    const lane = open(join(tempDir(), 'l'))
    for (let i = 0; i < 10; i++) lane.append(msg(i), false)
    expect(await lane.read(3, 1 << 20)).toHaveLength(3)
    expect(await lane.read(100, 1)).toHaveLength(1)
    expect(await lane.read(100, msg(0).json.length * 2)).toHaveLength(2)
  })

  it('replays on the next run everything not released (held, read or unread), backlog first', async () => {
    const dir = join(tempDir(), 'l')
    const first = open(dir)
    const held = [0, 1].map((i) => first.append(msg(i), true))
    for (let i = 2; i < 6; i++) first.append(msg(i), false)
    const read = await first.read(2, 1 << 20) // m-2, m-3 read, not released
    first.release([held[0], read[0]?.receipt]) // m-0 and m-2 delivered
    // "Crash": abandoned without close().
    const second = open(dir)
    expect(second.hasBacklog).toBe(true)
    expect(second.hasUnread).toBe(true)
    second.append(msg(100), false) // this run's: after the backlog
    const all = await readAll(second)
    expect(all.map((m) => [m.id, m.backlog])).toEqual([
      ['m-1', true],
      ['m-3', true],
      ['m-4', true],
      ['m-5', true],
      ['m-100', false],
    ])
    expect(second.hasBacklog).toBe(false)
    expect(second.stats()).toMatchObject({ recovered: 4, corruptRecords: 0 })
    second.release(all.map((m) => m.receipt))
    expect(segments(dir)).toEqual(['000000000002.seg']) // the earlier run's segment is read through and released: deleted
    await second.close()
    expect(segments(dir)).toEqual([]) // and this run's too, at close
  })

  it('recovers past a torn last record and a damaged one, counting the loss exactly and reporting it', async () => {
    const dir = join(tempDir(), 'l')
    const lane = open(dir)
    for (let i = 0; i < 4; i++) lane.append(msg(i), false)
    await lane.close()
    const path = join(dir, segments(dir)[0] as string)
    truncateSync(path, readFileSync(path).length - 3) // m-3 torn
    const data = readFileSync(path)
    data[SEGMENT_HEADER_BYTES + recordSize + 30]! ^= 0x55 // m-1 damaged
    writeFileSync(path, data)
    const l = listener()
    const next = new FileLaneSpool(dir, laneOptions(), l)
    expect((await readAll(next)).map((m) => m.id)).toEqual(['m-0', 'm-2'])
    expect(next.stats()).toMatchObject({ recovered: 2, corruptRecords: 1, tornBytes: recordSize - 3 })
    expect(l.errors.map((e) => e.code)).toEqual(['spool_corrupt'])
    expect(l.errors[0]?.message).toMatch(/1 message\(s\) could not be read back/)
  })

  it('rotates at segmentBytes and deletes a segment once it is sealed, read past and released', async () => {
    const dir = join(tempDir(), 'l')
    const lane = open(dir, { segmentBytes: SEGMENT_HEADER_BYTES + recordSize * 3 })
    const receipts = Array.from({ length: 7 }, (_, i) => lane.append(msg(i), true))
    expect(segments(dir)).toEqual(['000000000001.seg', '000000000002.seg', '000000000003.seg'])
    lane.release(receipts.slice(0, 2))
    expect(segments(dir)).toHaveLength(3) // m-2 still holds the first segment
    lane.release([receipts[2], receipts[2]]) // a second release of one receipt counts once
    expect(segments(dir)).toEqual(['000000000002.seg', '000000000003.seg'])
    lane.release([receipts[6]]) // the active segment stays while active
    expect(segments(dir)).toEqual(['000000000002.seg', '000000000003.seg'])
    expect(lane.stats()).toMatchObject({ appended: 7, released: 4, segments: 2 })
    await lane.close()
    expect(segments(dir)).toEqual(['000000000002.seg'])
  })

  it('keeps a segment with unread messages even when every read one is released', async () => {
    const dir = join(tempDir(), 'l')
    const lane = open(dir, { segmentBytes: SEGMENT_HEADER_BYTES + recordSize * 2 })
    for (let i = 0; i < 5; i++) lane.append(msg(i), false)
    const [first] = await lane.read(1, 1 << 20)
    lane.release([first?.receipt])
    expect(segments(dir)).toHaveLength(3)
    const rest = await readAll(lane)
    lane.release(rest.map((m) => m.receipt))
    expect(segments(dir)).toEqual(['000000000003.seg']) // only the active one
  })

  it('refuses appends over maxBytes (full), and takes them again once a released segment is deleted', async () => {
    const dir = join(tempDir(), 'l')
    const segmentBytes = SEGMENT_HEADER_BYTES + recordSize * 2
    const lane = open(dir, { segmentBytes, maxBytes: segmentBytes * 2 + recordSize + SEGMENT_HEADER_BYTES + 8 })
    const receipts = Array.from({ length: 5 }, (_, i) => lane.append(msg(i), true))
    expect(receipts.every((r) => r !== undefined)).toBe(true)
    expect(lane.full).toBe(false)
    expect(lane.append(msg(5), true)).toBeUndefined()
    expect(lane.full).toBe(true)
    expect(lane.stats()).toMatchObject({ refused: 1 })
    lane.release(receipts.slice(0, 2)) // the first segment is deleted
    expect(lane.full).toBe(false)
    expect(lane.append(msg(6), true)).toBeDefined()
    await lane.close()
    expect(lane.append(msg(7), true)).toBeUndefined() // closed
  })

  it('fsyncs every append with fsync "always", and replays it', async () => {
    const dir = join(tempDir(), 'l')
    const lane = open(dir, { fsync: 'always' })
    lane.append(msg(1), true)
    lane.append(msg(2), false)
    expect((await readAll(open(dir))).map((m) => m.id)).toEqual(['m-1', 'm-2'])
  })

  it('reads a backlog far larger than one read, a bounded chunk at a time', async () => {
    const dir = join(tempDir(), 'l')
    const first = open(dir, { segmentBytes: 64 * 1024 })
    for (let i = 0; i < 20_000; i++) first.append(msg(i), false)
    await first.close()
    const second = open(dir)
    let count = 0
    let reads = 0
    let expected = 0
    for (;;) {
      const batch = await second.read(500, 1 << 20)
      if (batch.length === 0) break
      reads++
      for (const m of batch) expect(m.id).toBe(`m-${expected++}`)
      count += batch.length
      second.release(batch.map((m) => m.receipt))
    }
    expect(count).toBe(20_000)
    expect(reads).toBe(40)
    expect(segments(dir)).toEqual([])
  })

  it('makes lane names safe as directory names', () => {
    expect(laneDirName('segment')).toBe('segment')
    expect(laneDirName('../x/.')).toBe('%2e%2e%2fx%2f%2e')
    expect(() => laneDirName('')).toThrow(ConfigError)
  })
})
