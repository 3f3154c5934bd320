import { describe, expect, it } from 'vitest'
import { RingBuffer } from './ring-buffer.js'

describe('RingBuffer', () => {
  it('keeps the newest items in order', () => {
    const ring = new RingBuffer<number>(3)
    for (let i = 1; i <= 5; i++) ring.push(i)
    expect(ring.toArray()).toEqual([3, 4, 5])
    expect(ring.size).toBe(3)
    expect(ring.toArray((n) => n % 2 === 1)).toEqual([3, 5])
  })

  it('returns the newest n items, oldest first', () => {
    const ring = new RingBuffer<number>(4)
    for (let i = 1; i <= 6; i++) ring.push(i)
    expect(ring.last(2)).toEqual([5, 6])
    expect(ring.last(10)).toEqual([3, 4, 5, 6])
    expect(ring.last(0)).toEqual([])
    expect(new RingBuffer<number>(0).last(3)).toEqual([])
  })

  it('clears, and keeps nothing with capacity 0', () => {
    const ring = new RingBuffer<number>(2)
    ring.push(1)
    ring.clear()
    expect(ring.toArray()).toEqual([])
    const none = new RingBuffer<number>(0)
    none.push(1)
    expect(none.toArray()).toEqual([])
    expect(() => new RingBuffer(-1)).toThrow(RangeError)
  })
})
