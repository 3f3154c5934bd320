import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { loadCases, loadFixture, parityPair, type ParityCase } from '../../parity/src/harness.mjs'
import { segment } from './index.js'

const WRITE_KEY = 'parity-write-key'
const fixture = loadFixture('segment')
const cases = loadCases()
const destination = segment({ writeKey: WRITE_KEY })

/** Generated ids and times, the library's own name/version and `_metadata` runtime details. */
function itemMasks(c: ParityCase): string[] {
  const masks = ['context.library', '_metadata.nodeVersion', '_metadata.jsRuntime']
  if (c.params.messageId === undefined) masks.push('messageId')
  if (c.params.timestamp === undefined) masks.push('timestamp')
  return masks
}

const pair = (c: ParityCase) =>
  parityPair({ destination, createMessage, library: LIBRARY, fixture, testCase: c, itemMasks: itemMasks(c), envelopeMasks: ['sentAt', 'writeKey'] })

describe(`Segment parity with ${fixture.sdk.name}@${fixture.sdk.version} (fixtures/segment.json)`, () => {
  it('has a fixture for every fixed input', () => {
    expect(Object.keys(fixture.cases).sort()).toEqual(cases.map((c) => c.name).sort())
  })

  for (const c of cases) {
    describe(`${c.call}: ${c.name}`, () => {
      it('sends the same item', () => {
        const { item } = pair(c)
        expect(item.ours).toEqual(item.expected)
      })

      it('sends the same request line, headers, gzip and envelope', () => {
        const p = pair(c)
        expect(p.line.ours).toBe(p.line.expected)
        expect(p.headerNames.ours).toEqual(p.headerNames.expected)
        expect(p.request.headers['content-type']).toBe(p.expected.request.headers['content-type'])
        expect(p.request.headers.authorization).toBe(`Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`)
        expect(p.request.headers['user-agent']).toMatch(/^polytrack-node\//)
        expect(p.gzip.ours).toBe(p.gzip.expected)
        expect(p.envelope.ours).toEqual(p.envelope.expected)
        expect(JSON.parse(p.request.body).writeKey).toBe(WRITE_KEY)
      })
    })
  }
})
