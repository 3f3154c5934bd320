import { configErrorOption } from '@polytrack/adapter-conformance'
import type { Destination } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { mixpanel, mixpanelInsertId } from './index.js'

const env = { library: LIBRARY, now: () => '2025-06-01T12:00:00.000Z' }
const lanesOf = (o: Record<string, unknown> = {}) =>
  mixpanel({ token: 'mp_t', ...o }).members.map((m) => m.destination) as [Destination, Destination, Destination]

describe('mixpanel() config', () => {
  it('three lanes: /import?strict=1 (or /track), /engage, /groups, by region or host', () => {
    const urls = (o = {}) => lanesOf(o).map((d) => d.buildRequest([], { sentAt: 'x' }).url)
    expect(urls()).toEqual([
      'https://api.mixpanel.com/import?strict=1',
      'https://api.mixpanel.com/engage?ip=0&verbose=1',
      'https://api.mixpanel.com/groups?verbose=1',
    ])
    expect(urls({ region: 'EU' })[0]).toBe('https://api-eu.mixpanel.com/import?strict=1')
    expect(urls({ region: 'IN' })[1]).toBe('https://api-in.mixpanel.com/engage?ip=0&verbose=1')
    expect(urls({ endpoint: 'track' })[0]).toBe('https://api.mixpanel.com/track?ip=0&verbose=1')
    expect(urls({ serviceAccount: { username: 'sa', secret: 's', projectId: '7' } })[0]).toBe(
      'https://api.mixpanel.com/import?strict=1&project_id=7',
    )
  })
  it('authenticates /import with the service account, the API secret, else the token; never in the URL', () => {
    const auth = (o: Record<string, unknown>) => lanesOf(o)[0].buildRequest([], { sentAt: 'x' }).headers.authorization
    expect(auth({ serviceAccount: { username: 'sa', secret: 's', projectId: '7' } })).toBe(
      `Basic ${Buffer.from('sa:s').toString('base64')}`,
    )
    expect(auth({ apiSecret: 'sec' })).toBe(`Basic ${Buffer.from('sec:').toString('base64')}`)
    expect(auth({})).toBe(`Basic ${Buffer.from('mp_t:').toString('base64')}`)
    expect(lanesOf({ apiSecret: 'sec' })[1].buildRequest([], { sentAt: 'x' }).headers.authorization).toBeUndefined()
  })
  it('refuses bad and unknown options with a ConfigError naming them', () => {
    const option = (o: unknown) => configErrorOption(() => mixpanel(o as never))
    expect(option({})).toBe('token')
    expect(option({ token: 't', region: 'us' })).toBe('region')
    expect(option({ token: 't', endpoint: 'engage' })).toBe('endpoint')
    expect(option({ token: 't', tokn: 'x' })).toBe('tokn')
    expect(option({ token: 't', serviceAccount: { username: 'u', secret: 's' } })).toBe('serviceAccount.projectId')
    expect(option({ token: 't', serviceAccount: { username: 'u', secret: 's', projectId: '1', extra: 1 } })).toBe('serviceAccount.extra')
    expect(option({ token: 't', apiSecret: 's', serviceAccount: { username: 'u', secret: 's', projectId: '1' } })).toBe('apiSecret')
    expect(option({ token: 't', gzip: 1 })).toBe('gzip')
  })
  it('hides every secret, including the service account credential', () => {
    const set = mixpanel({ token: 'mp_t', serviceAccount: { username: 'sa', secret: 'sa_secret', projectId: '7' } })
    const lane = set.members[0]!.destination
    expect(lane.secrets).toEqual(['mp_t', 'sa_secret', Buffer.from('sa:sa_secret').toString('base64')])
    expect(inspect(set, { depth: 5 }) + JSON.stringify(set)).not.toMatch(/mp_t|sa_secret/)
  })
})

describe('Mixpanel mapping rules', () => {
  const [events, profiles, groups] = lanesOf()
  const ctx = { callTime: '2025-06-01T12:00:00.000Z', timestampGiven: false }
  it('each lane takes its calls: events (identify only with both ids), profiles (identify), groups (group)', () => {
    const take = (d: Destination, m: ReturnType<typeof createMessage>) => d.accepts?.(m) !== false
    const track = createMessage('track', { userId: 'user-1', event: 'E' }, env)
    const identify = createMessage('identify', { userId: 'user-1', traits: {} }, env)
    const merge = createMessage('identify', { userId: 'user-1', anonymousId: 'anon-1', traits: {} }, env)
    const group = createMessage('group', { userId: 'user-1', groupId: 'g1' }, env)
    expect([take(events, track), take(events, identify), take(events, merge), take(events, group)]).toEqual([true, false, true, false])
    expect([take(profiles, track), take(profiles, identify), take(profiles, group)]).toEqual([false, true, false])
    expect([take(groups, track), take(groups, identify), take(groups, group)]).toEqual([false, false, true])
  })
  it('Simplified ID Merge: distinct_id, $user_id and $device_id; reserved traits; group key rule', () => {
    const e = JSON.parse(events.encode(createMessage('track', { userId: 'user-1', anonymousId: 'anon-1', event: 'E' }, env), ctx))
    expect(e.properties).toMatchObject({ distinct_id: 'user-1', $user_id: 'user-1', $device_id: 'anon-1', token: 'mp_t' })
    const a = JSON.parse(events.encode(createMessage('track', { anonymousId: 'anon-1', event: 'E' }, env), ctx))
    expect(a.properties.distinct_id).toBe('anon-1')
    expect(a.properties.$user_id).toBeUndefined()
    const p = JSON.parse(
      profiles.encode(
        createMessage('identify', { userId: 'user-1', traits: { email: 'e@x.io', firstName: 'Ada', plan: 'pro' } }, env),
        ctx,
      ),
    )
    expect(p).toEqual({ $token: 'mp_t', $distinct_id: 'user-1', $set: { $email: 'e@x.io', $first_name: 'Ada', plan: 'pro' } })
    const g = JSON.parse(
      groups.encode(
        createMessage('group', { userId: 'user-1', groupId: 'g1', integrations: { Mixpanel: { groupKey: 'team' } } }, env),
        ctx,
      ),
    )
    expect(g).toMatchObject({ $group_key: 'team', $group_id: 'g1' })
  })
  it('$insert_id: the messageId when Mixpanel takes it, else a stable 32-hex digest', () => {
    expect(mixpanelInsertId('0190a6f0-1234-7abc-8def-0123456789ab')).toBe('0190a6f0-1234-7abc-8def-0123456789ab')
    const long = mixpanelInsertId('order:2025/06/01#1')
    expect(long).toMatch(/^[0-9a-f]{32}$/)
    expect(mixpanelInsertId('order:2025/06/01#1')).toBe(long)
  })
})
