// What a client does on workerd, Vercel Edge or an unknown runtime (the `workerd`, `edge-light` and
// `default` import conditions load platform-edge): the fetch transport by default, and a clear
// ConfigError for a file spool, the undici transport, and flags from a file.
import { describe, expect, it, vi } from 'vitest'

vi.mock('#platform', async () => import('../src/platform/platform-edge.js'))
const { Analytics, ConfigError, createFileSpool, createHttpTransport, localFlags, RUNTIME } = await import('../src/index.js')
const { testDestination } = await import('./helpers/test-destination.js')
const { memorySpool } = await import('./helpers/memory-spool.js')
const { testSink } = await import('./helpers/test-sink.js')

const clients: InstanceType<typeof Analytics>[] = []
const sink = testSink(clients)

describe('on an edge runtime', () => {
  it('says so in RUNTIME', () => {
    expect(RUNTIME).toMatchObject({ name: 'edge', defaultTransport: 'fetch', fileSpool: false })
  })

  it('delivers through the fetch transport by default', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const analytics = new Analytics({ destination: testDestination(sink.urlFor('segment')) })
    clients.push(analytics)
    analytics.track({ userId: 'u1', event: 'Edge Event' })
    await expect(analytics.close()).resolves.toMatchObject({ delivered: 1, failed: 0 })
    expect(fetchSpy.mock.calls.map(([url]) => String(url))).toEqual([`${sink.urlFor('segment')}/v1/batch`])
    fetchSpy.mockRestore()
    expect(sink.messages({ vendor: 'segment' }).map((m) => (m.payload as { event?: string }).event)).toEqual(['Edge Event'])
  })

  it('refuses spool: { dir } and createFileSpool with a ConfigError that says where spools work', () => {
    const attempt = () =>
      new Analytics({ destination: testDestination(sink.urlFor('segment')), spool: { dir: '/tmp/polytrack-edge-spool' } })
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(/spool: a file spool needs a disk.*spools are for Node, Bun and Deno.*ctx\.waitUntil\(analytics\.flush\(\)\)/)
    expect(() => createFileSpool({ dir: '/tmp/polytrack-edge-spool' })).toThrow(ConfigError)
  })

  it('still takes a spool object of your own', async () => {
    const analytics = new Analytics({ destination: testDestination(sink.urlFor('segment')), spool: memorySpool().spool })
    clients.push(analytics)
    analytics.track({ userId: 'u1', event: 'Spooled' })
    await expect(analytics.close()).resolves.toMatchObject({ delivered: 1 })
  })

  it('refuses the undici transport, naming the fetch transport', () => {
    expect(() => createHttpTransport({ connections: 1 })).toThrow(
      /transport: createHttpTransport\(\) is the undici transport, for Node; this runtime \(edge\) uses the fetch transport/,
    )
  })
})

describe('flags from a file, on a runtime without node:fs', () => {
  it('is a ConfigError; definitions given as an object work', async () => {
    const saved = process.getBuiltinModule
    ;(process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined
    try {
      expect(() => localFlags({ file: './flags.json' })).toThrow(/localFlags.file: needs a file system \(node:fs\)/)
    } finally {
      process.getBuiltinModule = saved
    }
    expect(() => localFlags({ definitions: { flags: [] } })).not.toThrow()
  })
})
