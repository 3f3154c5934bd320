import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import {
  decodeAcks,
  encodeAcks,
  encodeRecord,
  newSegmentHeader,
  segmentKeyOf,
  SEGMENT_HEADER_BYTES,
  type SegmentKey,
} from './segment-format.js'
import { SegmentReader, type SegmentStep } from './segment-reader.js'

const dir = mkdtempSync(join(tmpdir(), 'polytrack-format-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0

const msg = (i: number, pad = 0) => ({
  id: `m-${i}`,
  json: JSON.stringify({ messageId: `m-${i}`, event: 'Zoë 🚀', i, pad: 'x'.repeat(pad) }),
})

/** A format-2 segment of these messages, as bytes, with its key. */
function segment(messages: { id: string; json: string }[]): { bytes: Buffer; key: SegmentKey; offsets: number[] } {
  const { header, key } = newSegmentHeader()
  const parts = [header]
  const offsets: number[] = []
  let at = header.length
  messages.forEach((m, seq) => {
    const record = encodeRecord(m, key, seq)
    offsets.push(at)
    at += record.length
    parts.push(record)
  })
  return { bytes: Buffer.concat(parts), key, offsets }
}

/** Every step of reading `bytes` from `start`: records' ids, damage and tails. */
function readAll(bytes: Buffer, key?: SegmentKey): { ids: string[]; lost: number; tail: number } {
  const path = join(dir, `s${files++}`)
  writeFileSync(path, bytes)
  const k = key ?? (segmentKeyOf(bytes) as SegmentKey)
  const reader = new SegmentReader(openSync(path, 'r'), k)
  const out = { ids: [] as string[], lost: 0, tail: 0 }
  let offset = k.dataStart
  for (let guard = 0; guard < 100_000; guard++) {
    const step: SegmentStep = reader.next(offset, bytes.length)
    if (step.kind === 'end') return out
    if (step.kind === 'record') {
      out.ids.push(step.record.id)
      offset = step.record.offset + step.record.size
    } else if (step.kind === 'damaged') {
      out.lost += step.lost
      offset = step.resumeAt
    } else {
      out.tail += step.bytes
      offset = bytes.length
    }
  }
  throw new Error('the reader did not advance')
}

describe('segment format 2', () => {
  it('round-trips messages, UTF-8 and empty ones included', () => {
    const messages = [msg(1), { id: '', json: '' }, { id: 'ünï', json: '{"a":"💥"}' }]
    const { bytes } = segment(messages)
    expect(readAll(bytes)).toEqual({ ids: ['m-1', '', 'ünï'], lost: 0, tail: 0 })
  })

  it('reads records larger than its read buffer', () => {
    const { bytes } = segment([msg(1, 3_000_000), msg(2), msg(3, 1_500_000)])
    expect(readAll(bytes).ids).toEqual(['m-1', 'm-2', 'm-3'])
  })

  it('ignores a torn last record, whatever its length', () => {
    const { bytes, offsets } = segment([msg(1), msg(2), msg(3)])
    for (let cut = (offsets[2] as number) + 1; cut < bytes.length; cut += 7) {
      expect(readAll(bytes.subarray(0, cut))).toEqual({ ids: ['m-1', 'm-2'], lost: 0, tail: cut - (offsets[2] as number) })
    }
  })

  it('counts exactly the messages a zeroed 4 KiB page took (records are numbered)', () => {
    const messages = Array.from({ length: 300 }, (_, i) => msg(i, 50))
    const { bytes, offsets } = segment(messages)
    const damaged = Buffer.from(bytes)
    damaged.fill(0, 8192, 8192 + 4096)
    const result = readAll(damaged)
    const ends = [...offsets.slice(1), bytes.length]
    const gone = messages.filter((_, i) => (ends[i] as number) > 8192 && (offsets[i] as number) < 8192 + 4096).length
    expect(result.lost).toBe(gone)
    expect(result.lost).toBeGreaterThan(10)
    expect(result.ids.length + result.lost).toBe(300)
  })

  it('never takes a record hidden in a messageId for a real one when the record around it is damaged', () => {
    const { key } = newSegmentHeader()
    // A record an attacker can build (they know the format, not the segment's salt), planted in an id.
    const forged = encodeRecord({ id: 'forged', json: '{"event":"forged"}' }, { ...key, seed: crc32(Buffer.from('guess')) }, 1)
    const carrier = { id: `evil-${forged.toString('latin1')}`, json: '{"event":"carrier"}' }
    const { bytes, offsets } = segment([msg(0), carrier, msg(2)])
    const torn = bytes.subarray(0, (offsets[1] as number) + 40 + forged.length) // the carrier is cut short after the planted record
    const result = readAll(torn)
    expect(result.ids).toEqual(['m-0'])
    const damaged = Buffer.from(bytes)
    damaged[(offsets[1] as number) + 20]! ^= 0xff // the carrier's payload damaged in the middle of the segment
    const read = readAll(damaged)
    expect(read.ids).toEqual(['m-0', 'm-2'])
    expect(read.lost).toBe(1)
  })

  it('reads segments written in format 1 (no header), so a backlog survives an upgrade', () => {
    const v1 = (m: { id: string; json: string }) => {
      const id = Buffer.from(m.id)
      const json = Buffer.from(m.json)
      const payload = Buffer.concat([Buffer.alloc(4), id, json])
      payload.writeUInt32LE(id.length, 0)
      const header = Buffer.alloc(12)
      header.write('PTR1', 0, 'latin1')
      header.writeUInt32LE(payload.length, 4)
      header.writeUInt32LE(crc32(payload, crc32(header.subarray(4, 8))), 8)
      return Buffer.concat([header, payload])
    }
    const bytes = Buffer.concat([v1(msg(1)), v1(msg(2))])
    expect(segmentKeyOf(bytes)).toEqual({ version: 1, seed: 0, dataStart: 0 })
    expect(readAll(bytes).ids).toEqual(['m-1', 'm-2'])
  })

  it('gives every segment its own salt', () => {
    const a = newSegmentHeader()
    const b = newSegmentHeader()
    expect(a.header.length).toBe(SEGMENT_HEADER_BYTES)
    expect(a.header.subarray(8).equals(b.header.subarray(8))).toBe(false)
    expect(segmentKeyOf(a.header)).toEqual(a.key)
    expect(segmentKeyOf(Buffer.from('garbage garbage!'))).toBeUndefined()
  })
})

describe('release logs', () => {
  it('are read back, ignoring a damaged entry and a torn tail', () => {
    const acks = encodeAcks([0, 448, 70_000])
    expect([...decodeAcks(acks)]).toEqual([0, 448, 70_000])
    const damaged = Buffer.concat([acks, encodeAcks([9]).subarray(0, 5)])
    damaged[8]! ^= 0x01
    expect([...decodeAcks(damaged)]).toEqual([0, 70_000])
  })
})
