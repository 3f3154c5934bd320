// redisSpool(options) against hostile options objects: an inherited option (prototype pollution
// elsewhere in the host application) is neither read nor used, a symbol key is refused, and a getter
// or Proxy that throws is a ConfigError naming the option. Each case failed before its fix. None
// of them connects to Redis.
import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { redisSpool } from '../src/redis-spool.js'

function configError(make: () => unknown): ConfigError {
  try {
    make()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw new Error(`expected a ConfigError, got ${String(error)}`, { cause: error })
  }
  throw new Error('expected a ConfigError, nothing was thrown')
}

describe('redisSpool() against hostile options objects', () => {
  it('does not take an inherited url (Object.prototype polluted): it is missing', () => {
    let reads = 0
    Object.defineProperty(Object.prototype, 'url', {
      configurable: true,
      get: () => {
        reads++
        return 'redis://polluted.example:6379'
      },
    })
    try {
      expect(configError(() => redisSpool({})).option).toBe('spool.url')
    } finally {
      delete (Object.prototype as Record<string, unknown>).url
    }
    expect(reads).toBe(0)
  })

  it('refuses a symbol key', () => {
    expect(configError(() => redisSpool({ [Symbol('url')]: 'redis://localhost' } as never)).option).toBe('spool')
  })

  it('turns a getter that throws into a ConfigError naming the option', () => {
    const options = Object.defineProperty({}, 'url', {
      enumerable: true,
      get: () => {
        throw new Error('getter threw')
      },
    })
    expect(configError(() => redisSpool(options)).option).toBe('spool.url')
  })

  it('turns a Proxy whose traps throw into a ConfigError naming the spool', () => {
    const trap = () => {
      throw new Error('trap threw')
    }
    const options = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap })
    expect(configError(() => redisSpool(options)).option).toBe('spool')
  })

  it('turns TLS options that cannot be read into a ConfigError naming spool.tls', () => {
    const tls = Object.defineProperty({}, 'ca', {
      enumerable: true,
      get: () => {
        throw new Error('getter threw')
      },
    })
    expect(configError(() => redisSpool({ url: 'rediss://127.0.0.1:1', tls })).option).toBe('spool.tls')
  })
})
