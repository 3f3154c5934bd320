import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { loadCases, loadFixture, MASKED, parityPair, type ParityCase } from '../../parity/src/harness.mjs'
import { rudderstack } from './index.js'

const WRITE_KEY = 'parity-write-key'
const fixture = loadFixture('rudderstack')
const cases = loadCases()
const destination = rudderstack({ writeKey: WRITE_KEY, dataPlaneUrl: 'https://hosted.rudderlabs.com' })

/** Generated ids and times, the library's own name/version and `_metadata` runtime details. */
function itemMasks(c: ParityCase): string[] {
  const masks = ['context.library', '_metadata.nodeVersion', 'originalTimestamp', 'sentAt']
  if (c.params.messageId === undefined) masks.push('messageId')
  return masks
}

/**
 * Documented difference (docs/vendors/rudderstack.md): the SDK sends numeric `groupId`/`previousId`
 * as numbers where the core sends strings.
 */
function allowDocumentedDifferences(_c: ParityCase, ours: Record<string, unknown>, expected: Record<string, unknown>) {
  for (const field of ['groupId', 'previousId']) {
    if (typeof expected[field] === 'number') {
      expect(ours[field]).toBe(String(expected[field]))
      expected[field] = ours[field]
    }
  }
}

const pair = (c: ParityCase) =>
  parityPair({ destination, createMessage, library: LIBRARY, fixture, testCase: c, itemMasks: itemMasks(c), envelopeMasks: ['sentAt', 'timestamp'] })

describe(`RudderStack parity with ${fixture.sdk.name}@${fixture.sdk.version} (fixtures/rudderstack.json)`, () => {
  it('has a fixture for every fixed input', () => {
    expect(Object.keys(fixture.cases).sort()).toEqual(cases.map((c) => c.name).sort())
  })

  for (const c of cases) {
    describe(`${c.call}: ${c.name}`, () => {
      it('sends the same item', () => {
        const { item } = pair(c)
        allowDocumentedDifferences(c, item.ours, item.expected)
        expect(item.ours).toEqual(item.expected)
      })

      it('sends the same request line, headers, gzip and envelope', () => {
        const p = pair(c)
        expect(p.line.ours).toBe(p.line.expected)
        expect(p.headerNames.ours).toEqual(p.headerNames.expected)
        // The SDK labels its gzipped JSON as form data; we send the correct type (documented).
        expect(p.expected.request.headers['content-type']).toBe('application/x-www-form-urlencoded')
        expect(p.request.headers['content-type']).toBe('application/json')
        expect(p.request.headers.authorization).toBe(`Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`)
        expect(p.request.headers['user-agent']).toMatch(/^polytrack-node\//)
        expect(p.gzip.ours).toBe(p.gzip.expected)
        expect(p.envelope.ours).toEqual(p.envelope.expected)
      })

      it('stamps every item with the request sentAt', () => {
        const p = pair(c)
        const body = JSON.parse(p.request.body) as { sentAt: string; batch: { sentAt: string }[] }
        expect(body.batch[0]?.sentAt).toBe(body.sentAt)
      })
    })
  }
})
