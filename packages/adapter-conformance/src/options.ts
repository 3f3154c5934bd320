// Strict options: a ConfigError naming the option, at construction, for a key that is missing or
// not a non-empty string, an endpoint that is not https (plain http only for loopback), and any
// option the adapter does not know.
import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import type { AdapterUnderTest } from './adapter-under-test.js'

/** The option a ConfigError thrown by `build` names; fails the test when `build` throws nothing or something else. */
export function configErrorOption(build: () => unknown): string {
  let thrown: unknown
  try {
    build()
  } catch (error) {
    thrown = error
  }
  expect(thrown, 'a ConfigError was expected').toBeInstanceOf(ConfigError)
  return (thrown as ConfigError).option
}

/** Sets the dotted `path` of a copy of `options` to `value`. */
function withOption(options: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(options)
  const keys = path.split('.')
  let node = copy
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>
  node[keys.at(-1)!] = value
  return copy
}

/** Registers the strict-options suite. */
export function describeOptions(adapter: AdapterUnderTest, lenientOptions: string | undefined): void {
  const { keyOption, hostOption } = adapter.pkg.adapter
  const valid = () => adapter.options('options-key-1', 'https://options.example.com')

  describe('options', () => {
    it(`refuses a missing, empty or non-string key, naming ${keyOption}`, () => {
      for (const key of [undefined, '', 42])
        expect(
          configErrorOption(() => adapter.build(withOption(valid(), keyOption, key))),
          String(key),
        ).toBe(keyOption)
    })

    it(`refuses an endpoint that is not https (plain http only for loopback), naming ${hostOption}`, () => {
      for (const host of ['ftp://options.example.com', 'http://options.example.com', 'not a url']) {
        expect(
          configErrorOption(() => adapter.build(withOption(valid(), hostOption, host))),
          host,
        ).toBe(hostOption)
      }
      expect(() => adapter.build(withOption(valid(), hostOption, 'http://127.0.0.1:9'))).not.toThrow()
    })

    // A known gap is skipped, with its reason in the test's name.
    const unknown = lenientOptions === undefined ? it : it.skip
    unknown(`refuses an option it does not know, naming it${lenientOptions === undefined ? '' : ` (skipped: ${lenientOptions})`}`, () => {
      expect(configErrorOption(() => adapter.build({ ...valid(), notAnOption: 1 }))).toBe('notAnOption')
    })
  })
}
