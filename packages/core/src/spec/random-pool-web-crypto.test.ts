import { describe, expect, it, vi } from 'vitest'

// Where there is no node:crypto (workerd without nodejs_compat, edge runtimes) the pool fills its
// buffers with Web Crypto, and only once asked: workerd refuses random values at module load.
vi.mock('../platform/node-builtin.js', () => ({ nodeBuiltin: () => undefined }))
const { RandomPool } = await import('./random-pool.js')

describe('RandomPool without node:crypto', () => {
  it('draws nothing until first used, then hands out distinct random hex across buffer swaps', () => {
    const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues')
    const pool = new RandomPool()
    expect(getRandomValues).not.toHaveBeenCalled()
    const seen = new Set<string>()
    for (let i = 0; i < 20_000; i++) seen.add(pool.hex(10))
    expect(seen.size).toBe(20_000)
    // 200,000 bytes from 40,960-byte buffers: five synchronous fills.
    expect(getRandomValues).toHaveBeenCalledTimes(5)
    getRandomValues.mockRestore()
  })
})
