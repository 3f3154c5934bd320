import { ConfigError, type Message } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { deterministicUuidV7, groupTypeOf, posthog, postHogUuid } from './index.js'

const env = { library: LIBRARY, now: () => '2025-06-01T12:00:00.000Z' }
const item = (message: Message, options = {}) =>
  JSON.parse(posthog({ apiKey: 'phc_k', ...options }).encode(message, { callTime: message.timestamp, timestampGiven: false }))

describe('posthog() config', () => {
  it('defaults to US Cloud, supports EU and a custom host', () => {
    expect(posthog({ apiKey: 'k' }).buildRequest([], { sentAt: 'x' }).url).toBe('https://us.i.posthog.com/batch/')
    expect(posthog({ apiKey: 'k', region: 'eu' }).buildRequest([], { sentAt: 'x' }).url).toBe('https://eu.i.posthog.com/batch/')
    expect(posthog({ apiKey: 'k', host: 'https://ph.example.com/' }).buildRequest([], { sentAt: 'x' }).url).toBe(
      'https://ph.example.com/batch/',
    )
  })
  it('refuses a missing key, a bad URL, plain http to a remote host, a bad region, a project key as personal key', () => {
    expect(() => posthog({} as never)).toThrow(ConfigError)
    expect(() => posthog({ apiKey: 'k', host: 'not a url' })).toThrow(/host/)
    expect(() => posthog({ apiKey: 'k', host: 'http://ph.example.com' })).toThrow(/allowInsecureHttp/)
    expect(() => posthog({ apiKey: 'k', host: 'http://ph.example.com', allowInsecureHttp: true })).not.toThrow()
    expect(() => posthog({ apiKey: 'k', region: 'ap' as never })).toThrow(/region/)
    expect(() => posthog({ apiKey: 'k', personalApiKey: 'phc_x' })).toThrow(/personalApiKey/)
  })
  it('declares kind, names, secrets, limits and posthog-node defaults', () => {
    const d = posthog({ apiKey: 'phc_k', personalApiKey: 'phx_p' })
    expect(d.kind).toBe('tool')
    expect(d.integrationNames).toContain('PostHog')
    expect(d.secrets).toEqual(['phc_k', 'phx_p'])
    expect(d.limits.batchMessages).toBe(100)
    expect(d.defaults).toMatchObject({ flushAt: 20, flushIntervalMs: 5000 })
  })
})

describe('PostHog mapping rules', () => {
  it('group type: default company, option, then integrations.PostHog.groupType per call', () => {
    const g = createMessage('group', { userId: 'u', groupId: 'g' }, env)
    expect(item(g).properties.$group_type).toBe('company')
    expect(item(g, { groupType: 'org' }).properties.$group_type).toBe('org')
    const typed = createMessage('group', { userId: 'u', groupId: 'g', integrations: { posthog: { groupType: 'team' } } }, env)
    expect(item(typed, { groupType: 'org' }).properties.$group_type).toBe('team')
    expect(groupTypeOf({ PostHog: true }, ['PostHog'], 'x')).toBe('x')
  })
  it('anonymous messages are personless except identify', () => {
    expect(item(createMessage('track', { anonymousId: 'a', event: 'e' }, env)).properties.$process_person_profile).toBe(false)
    expect(item(createMessage('identify', { anonymousId: 'a' }, env)).properties.$process_person_profile).toBeUndefined()
    expect(item(createMessage('track', { userId: 'u', event: 'e' }, env)).properties.$process_person_profile).toBeUndefined()
  })
  it('$groups, $set and $set_once pass through track properties', () => {
    const m = createMessage('track', { userId: 'u', event: 'e', properties: { $groups: { company: 'c' }, $set: { a: 1 } } }, env)
    expect(item(m).properties).toMatchObject({ $groups: { company: 'c' }, $set: { a: 1 } })
  })
  it('disableGeoip: false leaves $geoip_disable out', () => {
    const m = createMessage('track', { userId: 'u', event: 'e' }, env)
    expect(item(m).properties.$geoip_disable).toBe(true)
    expect(item(m, { disableGeoip: false }).properties.$geoip_disable).toBeUndefined()
  })
})

describe('uuid rule', () => {
  it('keeps a v7 messageId, derives a stable v7 from anything else', () => {
    const v7 = '0190a6f0-1234-7abc-8def-0123456789ab'
    expect(postHogUuid(v7.toUpperCase(), '2025-01-01T00:00:00.000Z')).toBe(v7)
    const a = postHogUuid('order-1', '2025-01-01T00:00:00.000Z')
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(postHogUuid('order-1', '2025-01-01T00:00:00.000Z')).toBe(a)
    expect(postHogUuid('order-2', '2025-01-01T00:00:00.000Z')).not.toBe(a)
    expect(a.replace(/-/g, '').slice(0, 12)).toBe(Date.parse('2025-01-01T00:00:00.000Z').toString(16).padStart(12, '0'))
    expect(deterministicUuidV7(-5, 'x').slice(0, 13)).toBe('00000000-0000')
  })
})
