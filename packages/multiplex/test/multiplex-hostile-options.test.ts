// A multiplex child is an options object like any other: an inherited field (prototype pollution
// elsewhere in the host application) is neither read nor used, a symbol key is refused, and a
// getter or Proxy that throws is a ConfigError naming the child. Each case failed before its fix.
import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { multiplex } from '../src/multiplex.js'
import { segmentShaped } from './test-destinations.js'

const testDestination = (name: string) => segmentShaped('http://127.0.0.1:9', name, 'tool', [name])

function configError(make: () => unknown): ConfigError {
  try {
    make()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw new Error(`expected a ConfigError, got ${String(error)}`, { cause: error })
  }
  throw new Error('expected a ConfigError, nothing was thrown')
}

/** How many times `Object.prototype[name]` (a getter returning `value`) is read by `body`; the prototype is restored. */
function inheritedReads(name: string, value: unknown, body: () => unknown): number {
  let reads = 0
  Object.defineProperty(Object.prototype, name, {
    configurable: true,
    get: () => {
      reads++
      return value
    },
  })
  try {
    body()
  } finally {
    delete (Object.prototype as Record<string, unknown>)[name]
  }
  return reads
}

describe('multiplex children against hostile objects', () => {
  it('reads no inherited name, middleware or settings, of a child or of a plain destination', () => {
    for (const [name, value] of [
      ['name', 'polluted'],
      ['middleware', () => null],
      ['settings', { flushAt: 0 }],
    ] as const) {
      const reads = inheritedReads(name, value, () => multiplex([{ destination: testDestination('a') }, testDestination('b')]))
      expect(reads, name).toBe(0)
    }
  })

  it('refuses a symbol key', () => {
    const child = { destination: testDestination('a'), [Symbol('name')]: 'x' }
    expect(configError(() => multiplex([child as never])).option).toBe('multiplex[0]')
  })

  it('turns a getter that throws into a ConfigError naming the field', () => {
    const child = Object.defineProperty({ destination: testDestination('a') }, 'name', {
      enumerable: true,
      get: () => {
        throw new Error('getter threw')
      },
    })
    expect(configError(() => multiplex([child])).option).toBe('multiplex[0].name')
  })

  it('turns a Proxy whose traps throw into a ConfigError naming the child', () => {
    const trap = () => {
      throw new Error('trap threw')
    }
    const child = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap })
    expect(configError(() => multiplex([child as never])).option).toBe('multiplex[0]')
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
