// redisSpool(options) against hostile options objects: an inherited option (prototype pollution
// elsewhere in the host application) is neither read nor used, a symbol key is refused, and a getter
// or Proxy that throws is a ConfigError naming the option. Each case failed before its fix. None
// of them connects to Redis.
import { ConfigError } from '@polytrack/core'
import { expectThrown } from '@polytrack/test-support/expect-thrown'
import { throwingProxy, withPolluted, withThrowingGetter } from '@polytrack/test-support/hostile-objects'
import { describe, expect, it } from 'vitest'
import { redisSpool } from '../src/redis-spool.js'

describe('redisSpool() against hostile options objects', () => {
  it('does not take an inherited url (Object.prototype polluted): it is missing', () => {
    const { result: error, reads } = withPolluted('url', 'redis://polluted.example:6379', () =>
      expectThrown(ConfigError, () => redisSpool({})),
    )
    expect(error.option).toBe('spool.url')
    expect(reads).toBe(0)
  })

  it('refuses a symbol key', () => {
    expect(expectThrown(ConfigError, () => redisSpool({ [Symbol('url')]: 'redis://localhost' } as never)).option).toBe('spool')
  })

  it('turns a getter that throws into a ConfigError naming the option', () => {
    expect(expectThrown(ConfigError, () => redisSpool(withThrowingGetter({}, 'url'))).option).toBe('spool.url')
  })

  it('turns a Proxy whose traps throw into a ConfigError naming the spool', () => {
    expect(expectThrown(ConfigError, () => redisSpool(throwingProxy())).option).toBe('spool')
  })

  it('turns TLS options that cannot be read into a ConfigError naming spool.tls', () => {
    const tls = withThrowingGetter({}, 'ca')
    expect(expectThrown(ConfigError, () => redisSpool({ url: 'rediss://127.0.0.1:1', tls })).option).toBe('spool.tls')
  })
})
