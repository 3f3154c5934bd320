import { describe, expect, it } from 'vitest'
import { maskSecrets } from './secret-mask.js'
import { specView } from './spec-view.js'
import type { RecordedMessage } from './types.js'

describe('maskSecrets', () => {
  it('masks credentials at any depth and in any case, keeping the auth scheme', () => {
    const input = {
      authorization: 'Basic d2tfc2VjcmV0Og==',
      Authorization: 'Bearer phx_secret',
      api_key: 'phc_secret',
      writeKey: 'wk_secret',
      list: [{ token: 't_secret', ok: 1 }, 'plain'],
      nested: { deeper: { Personal_Api_Key: 'p', password: 'pw', keep: 'visible' } },
      count: 3,
    }
    const masked = maskSecrets(input)
    expect(masked).toEqual({
      authorization: 'Basic ****',
      Authorization: 'Bearer ****',
      api_key: '****',
      writeKey: '****',
      list: [{ token: '****', ok: 1 }, 'plain'],
      nested: { deeper: { Personal_Api_Key: '****', password: '****', keep: 'visible' } },
      count: 3,
    })
    expect(JSON.stringify(masked)).not.toMatch(/secret|phx_|pw"/)
    expect(input.api_key).toBe('phc_secret')
  })

  it('masks non-string secrets and passes scalars through', () => {
    expect(maskSecrets({ token: { value: 'x' }, api_key: 42 })).toEqual({ token: '****', api_key: '****' })
    expect(maskSecrets('token')).toBe('token')
    expect(maskSecrets(null)).toBeNull()
  })
})

const recorded = (vendor: RecordedMessage['vendor'], type: string, payload: unknown, userId = 'u1'): RecordedMessage => ({
  vendor,
  seq: 1,
  requestId: 1,
  receivedAt: 'T',
  type,
  id: 'id-1',
  userId,
  payload,
})

describe('specView', () => {
  it('keeps Segment-family items and adds the implied type', () => {
    expect(specView(recorded('segment', 'track', { event: 'E', userId: 'u1' }))).toEqual({ type: 'track', event: 'E', userId: 'u1' })
  })

  it.each([
    [
      'track',
      { event: 'Bought', distinct_id: 'u1', properties: { total: 3, $set: { a: 1 } }, timestamp: 'T' },
      { type: 'track', event: 'Bought', userId: 'u1', messageId: 'id-1', properties: { total: 3 }, timestamp: 'T' },
    ],
    [
      'identify',
      { event: '$identify', distinct_id: 'u1', properties: { $set: { plan: 'pro' }, $anon_distinct_id: 'anon' } },
      { type: 'identify', userId: 'u1', messageId: 'id-1', anonymousId: 'anon', traits: { plan: 'pro' } },
    ],
    [
      'group',
      { event: '$groupidentify', distinct_id: 'u1', properties: { $group_type: 'company', $group_key: 'acme', $group_set: { size: 5 } } },
      { type: 'group', userId: 'u1', messageId: 'id-1', groupType: 'company', groupId: 'acme', traits: { size: 5 } },
    ],
    [
      'alias',
      { event: '$create_alias', distinct_id: 'u1', properties: { alias: 'old' } },
      { type: 'alias', userId: 'u1', messageId: 'id-1', previousId: 'old' },
    ],
    [
      'screen',
      { event: '$screen', distinct_id: 'u1', properties: { $screen_name: 'Home', x: 1 } },
      { type: 'screen', userId: 'u1', messageId: 'id-1', name: 'Home', properties: { x: 1 } },
    ],
  ])('maps a PostHog %s back to the Segment spec', (type, payload, expected) => {
    expect(specView(recorded('posthog', type, payload))).toEqual(expected)
  })
})
