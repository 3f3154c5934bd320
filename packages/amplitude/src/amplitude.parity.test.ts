import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { loadCases, loadFixture, parityPair, type ParityCase } from '../../parity/src/harness.mjs'
import { amplitude } from './index.js'

const API_KEY = 'parity-amplitude-key'
const fixture = loadFixture('amplitude')
const cases = loadCases()
// minIdLength 1, as the capture configured the SDK, so that the numeric-id inputs ("42", "7") are sent.
const destination = amplitude({ apiKey: API_KEY, minIdLength: 1 })

/** Generated ids and times, and the library's own name/version: the only fields allowed to differ. */
function itemMasks(c: ParityCase): string[] {
  const masks = ['library']
  if (c.params.messageId === undefined) masks.push('insert_id')
  if (c.params.timestamp === undefined) masks.push('time')
  return masks
}

/**
 * What the SDK adds that Polytrack deliberately does not send: `event_id` (a counter per SDK
 * instance, meaningless across processes) and `request_metadata` (the SDK's own diagnostics).
 */
function withoutSdkOnly<T extends Record<string, unknown>>(value: T, key: string): T {
  const { [key]: _ignored, ...rest } = value
  return rest as T
}

const pair = (c: ParityCase) =>
  parityPair({ destination, createMessage, library: LIBRARY, fixture, testCase: c, itemMasks: itemMasks(c), envelopeMasks: ['api_key', 'client_upload_time'], itemsKey: 'events' })

describe(`Amplitude parity with ${fixture.sdk.name}@${fixture.sdk.version} (fixtures/amplitude.json)`, () => {
  it('has a fixture for every fixed input', () => {
    expect(Object.keys(fixture.cases).sort()).toEqual(cases.map((c) => c.name).sort())
  })

  for (const c of cases) {
    describe(`${c.call}: ${c.name}`, () => {
      it('sends the same event', () => {
        const { item } = pair(c)
        expect(item.ours).toEqual(withoutSdkOnly(item.expected as Record<string, unknown>, 'event_id'))
      })

      it('sends the same request line, content type and envelope', () => {
        const p = pair(c)
        expect(p.line.ours).toBe(p.line.expected)
        expect(p.headerNames.ours.filter((h: string) => h !== 'user-agent')).toEqual(p.headerNames.expected)
        expect(p.request.headers['content-type']).toBe(p.expected.request.headers['content-type'])
        expect(p.request.headers['user-agent']).toMatch(/^polytrack-node\//)
        expect(p.gzip.ours).toBe(p.gzip.expected)
        expect(p.envelope.ours).toEqual(withoutSdkOnly(p.envelope.expected as Record<string, unknown>, 'request_metadata'))
        expect(JSON.parse(p.request.body).api_key).toBe(API_KEY)
      })
    })
  }
})
