import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluateFlag } from '../flags.js'
import { regexFinds } from './regex-filter.js'
import type { FlagDefinitions } from '../flags.js'

const regexFlag = (pattern: string): FlagDefinitions => ({
  flags: [
    {
      key: 'regex-flag',
      active: true,
      filters: { groups: [{ properties: [{ key: 'name', type: 'person', operator: 'regex', value: pattern }] }] },
    },
  ],
})

describe('regex filters', () => {
  it('decides a catastrophic-backtracking pattern quickly', () => {
    const started = performance.now()
    const evaluation = evaluateFlag(
      'regex-flag',
      { distinctId: 'u', personProperties: { name: 'a'.repeat(50) + 'b' } },
      regexFlag('^(a+)+$'),
    )
    expect(evaluation.value).toBe(false)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('leaves lookarounds and backreferences to the server (undefined), like posthog-node', () => {
    for (const pattern of ['(?=a)a', '(a)\\1', 'a(?!b)']) {
      const evaluation = evaluateFlag('regex-flag', { distinctId: 'u', personProperties: { name: 'aa' } }, regexFlag(pattern))
      expect(evaluation.value).toBeUndefined()
      expect(evaluation.reason.kind).toBe('inconclusive')
    }
  })

  // For patterns without catastrophic shapes, JavaScript's own RegExp is a safe reference: the
  // RE2 translation must find a match exactly when RegExp does.
  const tokens = [
    'a',
    'b',
    '.',
    '*',
    '+',
    '?',
    '|',
    '(',
    ')',
    '(?:',
    '[a-c]',
    '[^b]',
    '\\d',
    '\\s',
    '\\S',
    '\\w',
    '\\W',
    '^',
    '$',
    '{2}',
    '{1,3}',
    '\\.',
    '[\\b]',
    '\\v',
    '\\t',
    '[\\s-]',
    '[-a]',
    '\\x41',
    ']',
    '}',
    '*?',
    '[\\d\\s]',
    '[^\\W]',
  ]
  it('agrees with JavaScript RegExp on portable patterns and ASCII input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 6 }).map((t) => t.join('')),
        // eslint-disable-next-line no-control-regex -- backspace is one of the inputs under test
        fc.stringMatching(/^[abA1 .\t\n\v\x08x-]{0,6}$/),
        (pattern, input) => {
          let expected: boolean | null | 'undecided'
          try {
            expected = regexFinds(pattern, input)
          } catch {
            expected = 'undecided'
          }
          if (expected === 'undecided' || expected === null) return
          expect(expected).toBe(new RegExp(pattern).test(input))
        },
      ),
      { seed: 42, numRuns: 20_000 },
    )
  })
})
