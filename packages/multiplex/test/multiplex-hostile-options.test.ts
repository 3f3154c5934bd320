// A multiplex child is an options object like any other: an inherited field (prototype pollution
// elsewhere in the host application) is neither read nor used, a symbol key is refused, and a
// getter or Proxy that throws is a ConfigError naming the child. Each case failed before its fix.
import { ConfigError } from '@polytrack/core'
import { expectThrown } from '@polytrack/test-support/expect-thrown'
import { throwingProxy, withPolluted, withThrowingGetter } from '@polytrack/test-support/hostile-objects'
import { describe, expect, it } from 'vitest'
import { multiplex } from '../src/multiplex.js'
import { segmentShaped } from './test-destinations.js'

const testDestination = (name: string) => segmentShaped('http://127.0.0.1:9', name, 'tool', [name])

describe('multiplex children against hostile objects', () => {
  it('reads no inherited name, middleware or settings, of a child or of a plain destination', () => {
    for (const [name, value] of [
      ['name', 'polluted'],
      ['middleware', () => null],
      ['settings', { flushAt: 0 }],
    ] as const) {
      const { reads } = withPolluted(name, value, () => multiplex([{ destination: testDestination('a') }, testDestination('b')]))
      expect(reads, name).toBe(0)
    }
  })

  it('refuses a symbol key', () => {
    const child = { destination: testDestination('a'), [Symbol('name')]: 'x' }
    expect(expectThrown(ConfigError, () => multiplex([child as never])).option).toBe('multiplex[0]')
  })

  it('turns a getter that throws into a ConfigError naming the field', () => {
    const child = withThrowingGetter({ destination: testDestination('a') }, 'name')
    expect(expectThrown(ConfigError, () => multiplex([child])).option).toBe('multiplex[0].name')
  })

  it('turns a Proxy whose traps throw into a ConfigError naming the child', () => {
    const child = throwingProxy()
    expect(expectThrown(ConfigError, () => multiplex([child as never])).option).toBe('multiplex[0]')
  })

  it("reads a child's settings once: a getter that changes them cannot slip others past the checks", () => {
    let reads = 0
    const child = Object.defineProperty({ destination: testDestination('a') }, 'settings', {
      enumerable: true,
      get: () => (reads++ === 0 ? { flushAt: 5 } : { notASetting: 1 }),
    })
    expect(() => multiplex([child])).not.toThrow()
    expect(reads).toBe(1)
  })
})
