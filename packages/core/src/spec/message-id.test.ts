import { describe, expect, it } from 'vitest'
import { newMessageId } from './message-id.js'

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('newMessageId', () => {
  it('puts the given millisecond time in the first 48 bits, big-endian', () => {
    const id = newMessageId(0x0190_1234_abcd)
    expect(id).toMatch(V7)
    expect(id.slice(0, 13)).toBe('01901234-abcd')
    expect(newMessageId(0).slice(0, 13)).toBe('00000000-0000')
    expect(newMessageId(2 ** 48 - 1).slice(0, 13)).toBe('ffffffff-ffff')
  })

  it('is unique within one millisecond and sorts by time across milliseconds', () => {
    const same = new Set(Array.from({ length: 10_000 }, () => newMessageId(1_700_000_000_000)))
    expect(same.size).toBe(10_000)
    const ids = [1_700_000_000_001, 1_700_000_000_002, 1_700_000_100_000].map((ms) => newMessageId(ms))
    expect([...ids].sort()).toEqual(ids)
  })

  it('has random bits spread over every position after the version digit', () => {
    const ids = Array.from({ length: 2_000 }, () => newMessageId(1_700_000_000_000))
    for (const position of [15, 16, 17, 20, 21, 35]) {
      expect(new Set(ids.map((id) => id[position])).size).toBeGreaterThan(8)
    }
  })
})
