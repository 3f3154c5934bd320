import { type Message, type ParamsByType } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { loadCases, loadFixture, maskPaths, type ParityCase } from '../../parity/src/harness.mjs'
import { posthog } from './index.js'

const API_KEY = 'phc_parity_project_key'
const fixture = loadFixture('posthog')
const cases = loadCases()
const destination = posthog({ apiKey: API_KEY, host: 'https://us.i.posthog.com' })
const SENT_AT = '2030-01-01T00:00:00.000Z'

/** Generated ids and times, and the library's own name/version: the only fields allowed to differ. */
function itemMasks(c: ParityCase): string[] {
  const masks = ['uuid', 'properties.$lib', 'properties.$lib_version']
  if (c.params.timestamp === undefined) masks.push('timestamp')
  return masks
}

function ourRequest(c: ParityCase) {
  const message = createMessage(c.call, c.params as unknown as ParamsByType[typeof c.call], { library: LIBRARY }) as Message
  const request = destination.buildRequest([destination.encode(message, { callTime: SENT_AT, timestampGiven: false })], { sentAt: SENT_AT })
  const { batch, ...envelope } = JSON.parse(request.body) as { batch: Record<string, unknown>[] }
  return { request, envelope, item: batch[0] as Record<string, unknown> }
}

describe('PostHog parity with posthog-node (fixtures/posthog.json)', () => {
  it('has a fixture for every fixed input', () => {
    expect(Object.keys(fixture.cases).sort()).toEqual(cases.map((c) => c.name).sort())
  })

  for (const c of cases) {
    describe(`${c.call}: ${c.name}`, () => {
      const expected = fixture.cases[c.name]!

      it('sends the same item', () => {
        const { item } = ourRequest(c)
        expect(maskPaths(item, itemMasks(c))).toEqual(maskPaths(expected.item, itemMasks(c)))
      })

      it('sends the same request line, headers and envelope', () => {
        const { request, envelope } = ourRequest(c)
        expect(`${expected.request.method} ${expected.request.path}`).toBe(`POST ${new URL(request.url).pathname}`)
        expect(request.gzip).toBe(expected.request.gzip)
        expect(request.headers['content-type']).toBe(expected.request.headers['content-type'])
        expect(Object.keys(request.headers).sort()).toEqual(
          Object.keys(expected.request.headers).filter((h) => h !== 'content-encoding').sort(),
        )
        expect(request.headers['user-agent']).toMatch(/^polytrack-node\/\d+\.\d+\.\d+/)
        expect(maskPaths(envelope, ['sent_at', 'api_key'])).toEqual(maskPaths(expected.request.envelope, ['sent_at', 'api_key']))
        expect((envelope as { api_key: string }).api_key).toBe(API_KEY)
      })

      it('sends a UUID v7', () => {
        expect(ourRequest(c).item.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      })
    })
  }
})
