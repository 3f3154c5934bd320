import { describe, expect, it } from 'vitest'
import { RandomPool } from './random-pool.js'

describe('RandomPool', () => {
  it('hands out distinct random hex across many buffer swaps, sync and background refills alike', async () => {
    const pool = new RandomPool()
    const seen = new Set<string>()
    // 40,960-byte buffers: 30,000 draws of 10 bytes cross about seven swaps; yielding now and then
    // lets the background fill finish for some swaps and not for others.
    for (let i = 0; i < 30_000; i++) {
      const hex = pool.hex(10)
      expect(hex).toMatch(/^[0-9a-f]{20}$/)
      seen.add(hex)
      if (i % 3_000 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    expect(seen.size).toBe(30_000)
  })

  it('spreads values over every hex digit', () => {
    const pool = new RandomPool()
    const counts = new Map<string, number>()
    for (let i = 0; i < 2_000; i++) for (const digit of pool.hex(10)) counts.set(digit, (counts.get(digit) ?? 0) + 1)
    expect(counts.size).toBe(16)
    // 40,000 digits: each of the 16 expected 2,500 times; a broken source would be far off.
    for (const n of counts.values()) expect(Math.abs(n - 2_500)).toBeLessThan(400)
  })
})
