import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors.js'
import { createFetchTransport } from './fetch-transport.js'

describe('createFetchTransport options', () => {
  it('refuses an unknown option, naming it and the nearest known one', () => {
    const call = () => createFetchTransport({ fetc: globalThis.fetch } as never)
    expect(call).toThrow(ConfigError)
    expect(call).toThrow(/fetc.*did you mean `fetch`/)
  })

  it('refuses a fetch that is not a function', () => {
    expect(() => createFetchTransport({ fetch: 'https://example.com' as never })).toThrow(ConfigError)
  })

  it('refuses a maxResponseBytes that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, '16384']) {
      expect(() => createFetchTransport({ maxResponseBytes: bad as never }), String(bad)).toThrow(ConfigError)
    }
  })

  it('accepts no options, and the known ones', () => {
    expect(() => createFetchTransport()).not.toThrow()
    expect(() => createFetchTransport({ fetch: (input, init) => globalThis.fetch(input, init), maxResponseBytes: 1024 })).not.toThrow()
  })
})
