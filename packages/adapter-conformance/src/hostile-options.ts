// Options objects from an adversarial review: the factory reads only the own options it was given,
// each once, and a hostile object is a ConfigError. An inherited option (prototype pollution
// elsewhere in the host application) is neither read nor used, a symbol key is refused, and a
// getter or Proxy that throws gives a ConfigError naming the option, never a raw error.
import { ConfigError } from '@polytrack/core'
import { thrownBy } from '@polytrack/test-support/expect-thrown'
import { throwingProxy, withPolluted } from '@polytrack/test-support/hostile-objects'
import { describe, expect, it } from 'vitest'
import type { AdapterUnderTest } from './adapter-under-test.js'
import { configErrorOption } from './options.js'

/** The object holding the dotted `path` in `options`, and the last key of the path. */
function holder(options: Record<string, unknown>, path: string): [Record<string, unknown>, string] {
  const keys = path.split('.')
  let node = options
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>
  return [node, keys.at(-1)!]
}

/** A copy of `options` where `path` is a getter (enumerable, own) calling `get`. */
function withGetter(options: Record<string, unknown>, path: string, get: () => unknown): Record<string, unknown> {
  const copy = structuredClone(options)
  const [node, key] = holder(copy, path)
  Object.defineProperty(node, key, { enumerable: true, configurable: true, get })
  return copy
}

/** A copy of `options` without `path`. */
function without(options: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(options)
  const [node, key] = holder(copy, path)
  delete node[key]
  return copy
}

/** Registers the hostile-options suite. */
export function describeHostileOptions(adapter: AdapterUnderTest): void {
  const { keyOption, hostOption } = adapter.pkg.adapter
  const valid = () => adapter.options('options-key-1', 'https://options.example.com')

  describe('hostile options objects', () => {
    it(`neither reads nor uses an inherited ${hostOption} (Object.prototype polluted)`, () => {
      const [, name] = holder(valid(), hostOption)
      const { reads } = withPolluted(name, 'https://polluted.example.com', () =>
        thrownBy(() => adapter.build(without(valid(), hostOption))),
      )
      expect(reads).toBe(0)
    })

    it(`neither reads nor uses an inherited ${keyOption}: without its own, the key is missing`, () => {
      const [, name] = holder(valid(), keyOption)
      const { reads, result: thrown } = withPolluted(name, 'polluted-key-1', () =>
        thrownBy(() => adapter.build(without(valid(), keyOption))),
      )
      expect(reads).toBe(0)
      expect(thrown, 'a ConfigError was expected').toBeInstanceOf(ConfigError)
      expect((thrown as ConfigError).option).toBe(keyOption)
    })

    it('refuses a symbol key with a ConfigError naming options', () => {
      expect(configErrorOption(() => adapter.build({ ...valid(), [Symbol(keyOption)]: 'k' }))).toBe('options')
    })

    it(`turns a getter that throws into a ConfigError naming ${keyOption}`, () => {
      const options = withGetter(valid(), keyOption, () => {
        throw new Error('getter threw')
      })
      expect(configErrorOption(() => adapter.build(options))).toBe(keyOption)
    })

    it('turns a Proxy whose traps throw into a ConfigError naming options', () => {
      expect(configErrorOption(() => adapter.build(throwingProxy() as Record<string, unknown>))).toBe('options')
    })

    it(`reads ${hostOption} once: a getter that changes its value cannot slip another one past the checks`, () => {
      const host = holder(valid(), hostOption)
      const first = host[0][host[1]]
      let reads = 0
      const options = withGetter(valid(), hostOption, () => (reads++ === 0 ? first : 'ftp://changed.example.com'))
      expect(() => adapter.build(options)).not.toThrow()
      expect(reads).toBe(1)
    })
  })
}
