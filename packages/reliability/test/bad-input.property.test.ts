import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bads, plantSite, validParams, type Bad } from './support/arbitraries.js'
import { assertValidationError, captureThrow, encodedBytes, LIMIT, TYPES, useBadInputClients } from './support/bad-input-harness.js'
import { pathOf, type Segment } from './support/paths.js'

/**
 * Bad input, generated: valid calls with hostile strings, keys and values; values JSON cannot carry
 * planted at random paths; fully arbitrary values anywhere; cycles of any shape. Every call either
 * returns — and its message is then delivered intact — or throws a ValidationError whose `field` is
 * the path of the offending value (see support/bad-input-harness.ts). Wrong types field by field:
 * bad-input-field-types.test.ts; the size limit: bad-input-size-limits.property.test.ts.
 */
const h = useBadInputClients()

describe('bad input (fast-check)', () => {
  it('valid calls of every type, with hostile strings, keys and values, return and are delivered', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES).chain((type) => validParams(type, false).map((params) => ({ type, params }))),
        (c) => {
          const outcome = h.call(c)
          if (!outcome.ok) {
            // Only an oversized message may be refused, and only as such.
            const e = assertValidationError(outcome.error, c.params)
            expect(e.field).toBe('message')
            expect(encodedBytes(c.type, outcome.sent)).toBeGreaterThan(LIMIT)
            h.counts.refusedAsTooLarge++
          }
        },
      ),
      { numRuns: 600, seed: 6_001 },
    )
  })

  it('a value JSON cannot carry, planted anywhere, is refused with its exact path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES).filter((t) => t !== 'alias'),
        plantSite,
        fc.context(),
        (type, site, ctx) => {
          const bad = bads[site.bad] as Bad
          const root =
            site.root === 'integrations'
              ? 'integrations'
              : site.root === 'context'
                ? 'context'
                : type === 'identify' || type === 'group'
                  ? 'traits'
                  : 'properties'
          // integrations entries must be booleans or objects: plant below an options object.
          const segments: Segment[] =
            site.root === 'integrations' ? ['Some Tool', ...site.segments.filter((s) => typeof s === 'string')] : [...site.segments]
          if (segments.length < (site.root === 'integrations' ? 2 : 1)) segments.push('x')
          if (typeof segments[0] === 'number') segments[0] = String(segments[0]) // the top is an object
          if (segments.at(-1) === 'toJSON') segments[segments.length - 1] = 'x' // a toJSON function is a method, not data
          // Build containers along the path (arrays for numeric segments).
          const top: Record<string, unknown> = {}
          let container: Record<string, unknown> | unknown[] = top
          segments.forEach((segment, i) => {
            const last = i === segments.length - 1
            const next = segments[i + 1]
            const value = last
              ? bad.make(container as Record<string, unknown>)
              : typeof next === 'number'
                ? Array.from({ length: next }, () => null)
                : {}
            if (Array.isArray(container) && typeof segment === 'number') {
              while (container.length < segment) container.push(null)
              container[segment] = value
            } else {
              Object.defineProperty(container, String(segment), { value, enumerable: true, writable: true, configurable: true })
            }
            if (!last) container = value as Record<string, unknown>
          })
          const base: Record<string, unknown> = { userId: 'u', event: 'E', groupId: 'g' }
          const params = { ...base, [root]: top }
          let deepTail: Segment[] = bad.extra ?? []
          // Depth counts from the checked object: the field itself, or each integrations entry.
          if (bad.label.includes('nesting'))
            deepTail = Array.from({ length: 64 - (site.root === 'integrations' ? segments.length - 1 : segments.length) }, () => 'd')
          const expectedPath = pathOf(root, [...segments, ...deepTail])
          ctx.log(`${bad.label} at ${expectedPath}`)
          const outcome = h.call({ type, params })
          expect(outcome.ok, `${bad.label} at ${expectedPath} was accepted`).toBe(false)
          if (outcome.ok) return
          h.counts.thrown++
          const e = assertValidationError(outcome.error, params)
          expect(e.field).toBe(expectedPath)
        },
      ),
      { numRuns: 400, seed: 6_003 },
    )
  })

  it('fully arbitrary values anywhere (fc.anything) either pass or fail with a ValidationError', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
      maxDepth: 4,
    })
    const field = fc.constantFrom(
      'params',
      'userId',
      'anonymousId',
      'event',
      'properties',
      'traits',
      'context',
      'integrations',
      'timestamp',
      'messageId',
      'name',
      'groupId',
      'previousId',
    )
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), field, anything, (type, f, value) => {
        const params = f === 'params' ? value : { userId: 'u', event: 'E', groupId: 'g', previousId: 'p', [f]: value }
        const outcome = h.call({ type, params })
        if (!outcome.ok) {
          h.counts.thrown++
          assertValidationError(outcome.error, params)
        }
      }),
      { numRuns: 1_500, seed: 6_004 },
    )
  })

  it('cyclic objects of any shape are refused, never a stack overflow', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES).filter((t) => t !== 'alias'),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        (type, depth, viaArray) => {
          const root: Record<string, unknown> = {}
          let node: Record<string, unknown> | unknown[] = root
          for (let i = 0; i < depth; i++) {
            const child: Record<string, unknown> | unknown[] = viaArray && i % 2 ? [] : {}
            if (Array.isArray(node)) node.push(child)
            else node.k = child
            node = child
          }
          if (Array.isArray(node)) node.push(root)
          else node.k = root
          const error = captureThrow(() =>
            h.exact[type]({ userId: 'u', event: 'E', groupId: 'g', properties: root, traits: root } as never),
          )
          const e = assertValidationError(error, { properties: root, traits: root })
          expect(e.reason).toMatch(depth >= 64 ? /nested deeper|circular/ : /circular/)
        },
      ),
      { numRuns: 100, seed: 6_005 },
    )
  })

  it('delivers every accepted message intact, touches no prototype, raises no unhandled rejection', async () => {
    await h.expectEveryAcceptedDelivered('bad input', 501)
  })
})
