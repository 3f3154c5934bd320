import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pureSha1Hex } from './sha1.js'
import { pureSha256Hex } from './sha256.js'

const node = (algorithm: string, text: string): string => createHash(algorithm).update(text, 'utf8').digest('hex')

// Lengths around the 64-byte block and its 56-byte padding boundary, in 1-, 2-, 3- and 4-byte characters.
const boundaryTexts = [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000].flatMap((n) => [
  'a'.repeat(n),
  'é'.repeat(n),
  '€'.repeat(n),
  '😀'.repeat(n),
  `flag-key.distinct_id_${n}`,
])
// Lone surrogates are hashed as U+FFFD, as node:crypto writes a string.
const oddTexts = ['\ud800', 'a\udc00b', '\udbff\udfff', '\u0000', 'x'.repeat(70_000)]

describe.each([
  ['sha1', pureSha1Hex],
  ['sha256', pureSha256Hex],
] as const)('plain-JavaScript %s', (algorithm, digest) => {
  it('equals node:crypto at block boundaries, in every UTF-8 width, and on odd strings', () => {
    for (const text of [...boundaryTexts, ...oddTexts]) expect(digest(text), JSON.stringify(text.slice(0, 20))).toBe(node(algorithm, text))
  })

  it('equals node:crypto on 20,000 generated strings (any UTF-16, surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => digest(text) === node(algorithm, text)),
      { numRuns: 10_000 },
    )
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
        (text) => digest(text) === node(algorithm, text),
      ),
      { numRuns: 10_000 },
    )
  })

  it('equals node:crypto on the ids flags bucket (100,000 of them)', () => {
    for (let i = 0; i < 100_000; i++) {
      const text = `multivariate-flag.distinct_id_${i}variant`
      if (digest(text) !== node(algorithm, text)) expect(digest(text)).toBe(node(algorithm, text))
    }
  })
})
