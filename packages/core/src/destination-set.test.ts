import { describe, expect, it } from 'vitest'
import type { Destination } from './destination.js'
import { membersOf } from './destination-set.js'
import { ConfigError } from './errors.js'

const adapter = (name: string, extra: Record<string, unknown> = {}): Destination =>
  ({
    specificationVersion: 'v1',
    name,
    kind: 'tool',
    integrationNames: [],
    limits: { messageBytes: 100, batchBytes: 1000, batchMessages: 10 },
    secrets: [],
    encode: () => '{}',
    buildRequest: () => ({ url: 'https://x.example.com', headers: {}, body: '{}', gzip: false }),
    ...extra,
  }) as Destination

const set = (...members: { destination: unknown; name: unknown; middleware?: unknown; settings?: unknown }[]) => ({
  kind: 'set' as const,
  members: members.map((m) => ({ middleware: [], ...m })) as never,
})

describe('membersOf: the one check of destination sets (multiplex uses the same)', () => {
  it('takes a single adapter under its own name', () => {
    expect(membersOf(adapter('a')).map((m) => m.name)).toEqual(['a'])
  })

  it('refuses names that differ only in case (the @polytrack/<name> key is matched without case)', () => {
    expect(() => membersOf(set({ destination: adapter('a'), name: 'Vendor' }, { destination: adapter('b'), name: 'vendor' }))).toThrow(
      /"vendor" is used twice/,
    )
  })

  it('names the member at fault', () => {
    const error = (() => {
      try {
        membersOf(set({ destination: adapter('a'), name: 'ok' }, { destination: adapter('b'), name: 'has space' }))
      } catch (e) {
        return e as ConfigError
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(error?.option).toBe('destination.members[1].name')
    expect(() => membersOf(set({ destination: adapter('a'), name: 'a', middleware: ['x'] }))).toThrow(/members\[0\]\.middleware\[0\]/)
    expect(() => membersOf(set({ destination: {}, name: 'a' }))).toThrow(/members\[0\]\.destination/)
    expect(() => membersOf(set())).toThrow(ConfigError)
  })

  it('refuses an adapter written for another contract version, and takes one without a version as v1', () => {
    expect(() => membersOf(adapter('a', { specificationVersion: 'v2' }))).toThrow(
      /specificationVersion: is "v2"; this @polytrack\/core implements "v1"/,
    )
    expect(membersOf(adapter('a', { specificationVersion: undefined }))).toHaveLength(1)
  })
})
