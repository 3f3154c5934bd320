import { describe, expect, it } from 'vitest'
import type { AppendItem } from './append-item.js'
import { UnreadQueue, type RunSegment } from './unread-queue.js'

let seq = 0
function item(id: string): AppendItem {
  return {
    kind: 'append',
    id,
    json: '{}',
    bytes: 2,
    entryId: `1-${seq}`,
    seq: seq++,
    state: 'unread',
    sent: true,
    outcome: 'pending',
    stored: undefined,
    buffered: true,
  }
}

describe('UnreadQueue', () => {
  it('keeps unread entries as ranges of the stream, merging consecutive ones', () => {
    const queue = new UnreadQueue()
    const [a, b, c] = [item('a'), item('b'), item('c')]
    for (const i of [a, b, c]) queue.pushMemory(i)
    expect(queue.count).toBe(3)
    queue.stored(a, '5-0', '4-0')
    queue.stored(b, '6-0', '5-0')
    expect(queue.first()).toEqual({ kind: 'run', after: '(4-0', last: '6-0', count: 2 })
    // c not answered yet: still in memory, after the run
    expect(queue.count).toBe(3)
  })

  it('splits runs around a message Redis refused (kept in memory between them)', () => {
    const queue = new UnreadQueue()
    const [a, b, c] = [item('a'), item('b'), item('c')]
    for (const i of [a, b, c]) queue.pushMemory(i)
    queue.stored(a, '5-0', '')
    // b failed: stays in memory; c is stored after a
    queue.stored(c, '7-0', '5-0')
    expect(queue.first()).toEqual({ kind: 'run', after: '-', last: '5-0', count: 1 })
    const run = queue.first() as RunSegment
    expect(queue.consumed(run, 1, 1, '5-0', 1, '5-0')).toBe(0)
    expect(queue.shiftMemory()).toBe(b)
    expect(queue.first()).toEqual({ kind: 'run', after: '(5-0', last: '7-0', count: 1 })
    expect(queue.count).toBe(1)
  })

  it('counts what a read expected and did not find as missing, and moves past it', () => {
    const queue = new UnreadQueue()
    const items = ['a', 'b', 'c', 'd'].map(item)
    for (const i of items) queue.pushMemory(i)
    items.forEach((i, n) => queue.stored(i, `${n + 1}-0`, n === 0 ? '' : `${n}-0`))
    const run = queue.first() as RunSegment
    expect(run.count).toBe(4)
    // Asked for 3, got 1 (the others were renamed away): the whole range sent is done, 3 missing.
    expect(queue.consumed(run, 3, 4, '4-0', 1, '4-0')).toBe(3)
    expect(queue.count).toBe(0)
    expect(queue.first()).toBeUndefined()
  })
})
