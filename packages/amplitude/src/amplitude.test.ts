import { configErrorOption } from '@polytrack/adapter-conformance'
import { ValidationError, type Message } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { amplitude, parseAmplitudeAnswer, toAmplitudeEvent } from './index.js'

const env = { library: LIBRARY, now: () => '2025-06-01T12:00:00.000Z' }
const ctx = { callTime: '2025-06-01T12:00:00.000Z', timestampGiven: false }
const item = (message: Message, options = {}) => JSON.parse(amplitude({ apiKey: 'amp_k', ...options }).encode(message, ctx))

describe('amplitude() config', () => {
  it('defaults to the US HTTP V2 API; EU zone, the Batch API and any host', () => {
    const url = (o = {}) => amplitude({ apiKey: 'k', ...o }).buildRequest([], { sentAt: 'x' }).url
    expect(url()).toBe('https://api2.amplitude.com/2/httpapi')
    expect(url({ serverZone: 'EU' })).toBe('https://api.eu.amplitude.com/2/httpapi')
    expect(url({ useBatch: true })).toBe('https://api2.amplitude.com/batch')
    expect(url({ host: 'https://amp.example.com/' })).toBe('https://amp.example.com/2/httpapi')
  })
  it('refuses a missing key, an unknown zone, a bad host, bad values and unknown options, naming them', () => {
    const option = configErrorOption
    expect(option(() => amplitude({} as never))).toBe('apiKey')
    expect(option(() => amplitude(undefined as never))).toBe('options')
    expect(option(() => amplitude({ apiKey: 'k', serverZone: 'eu' as never }))).toBe('serverZone')
    expect(option(() => amplitude({ apiKey: 'k', host: 'http://amp.example.com' }))).toBe('host')
    expect(option(() => amplitude({ apiKey: 'k', useBatch: 'yes' as never }))).toBe('useBatch')
    expect(option(() => amplitude({ apiKey: 'k', minIdLength: 0 }))).toBe('minIdLength')
    expect(option(() => amplitude({ apiKey: 'k', apikey: 'x' } as never))).toBe('apikey')
  })
  it('declares kind, names, secrets, limits and the SDK defaults; the key travels in the body only', () => {
    const d = amplitude({ apiKey: 'amp_k' })
    expect(d.kind).toBe('tool')
    expect(d.integrationNames).toContain('Amplitude')
    expect(d.secrets).toEqual(['amp_k'])
    expect(d.limits).toMatchObject({ batchMessages: 2000, batchBytes: 1_000_000 })
    expect(amplitude({ apiKey: 'k', useBatch: true }).limits.batchBytes).toBe(20_000_000)
    expect(d.defaults).toMatchObject({ flushAt: 200, flushIntervalMs: 10_000, maxRetries: 12 })
    const request = d.buildRequest(['{"event_type":"e"}'], { sentAt: 'S' })
    expect(JSON.parse(request.body)).toEqual({ api_key: 'amp_k', events: [{ event_type: 'e' }], options: {}, client_upload_time: 'S' })
    expect(request.url).not.toContain('amp_k')
    expect(JSON.parse(amplitude({ apiKey: 'k', minIdLength: 2 }).buildRequest([], { sentAt: 'S' }).body).options).toEqual({
      min_id_length: 2,
    })
  })
})

describe('Amplitude mapping rules', () => {
  it('user_id, device_id, time in ms, insert_id = messageId, library from context.library', () => {
    const m = createMessage(
      'track',
      { userId: 'user-1', anonymousId: 'device-1', event: 'E', messageId: 'm-1', timestamp: new Date('2024-01-01T00:00:00Z') },
      env,
    )
    expect(item(m)).toMatchObject({
      event_type: 'E',
      user_id: 'user-1',
      device_id: 'device-1',
      time: Date.parse('2024-01-01T00:00:00Z'),
      insert_id: 'm-1',
      library: `${LIBRARY.name}/${LIBRARY.version}`,
    })
  })
  it('identify → $identify with $set / $setOnce; group → $groupidentify with the group type rule', () => {
    const i = createMessage('identify', { userId: 'user-1', traits: { a: 1, $set_once: { b: 2 } } }, env)
    expect(item(i)).toMatchObject({ event_type: '$identify', user_properties: { $set: { a: 1 }, $setOnce: { b: 2 } } })
    const g = createMessage(
      'group',
      { userId: 'user-1', groupId: 'acme1', traits: { n: 1 }, integrations: { amplitude: { groupType: 'org' } } },
      env,
    )
    expect(item(g)).toMatchObject({ event_type: '$groupidentify', groups: { org: 'acme1' }, group_properties: { $set: { n: 1 } } })
    expect(item(createMessage('group', { userId: 'user-1', groupId: 'g' }, env), { groupType: 'team' }).groups).toEqual({ team: 'g' })
  })
  it('page and screen are Amplitude view events; alias merges the previous id as a device id', () => {
    expect(item(createMessage('page', { userId: 'user-1', name: 'Home' }, env))).toMatchObject({
      event_type: '[Amplitude] Page Viewed',
      event_properties: { name: 'Home' },
    })
    expect(item(createMessage('screen', { userId: 'user-1', name: 'Cart' }, env))).toMatchObject({
      event_type: '[Amplitude] Screen Viewed',
      event_properties: { '[Amplitude] Screen Name': 'Cart' },
    })
    expect(item(createMessage('alias', { userId: 'user-1', previousId: 'anon-123' }, env))).toMatchObject({
      event_type: '$identify',
      user_id: 'user-1',
      device_id: 'anon-123',
      user_properties: {},
    })
  })
  it('refuses ids shorter than minIdLength with a ValidationError naming the field (Amplitude would refuse the event)', () => {
    const settings = { minIdLength: 5, groupType: 'company', integrationNames: ['Amplitude'] }
    expect(() => toAmplitudeEvent(createMessage('track', { userId: 'u1', event: 'E' }, env), settings)).toThrow(ValidationError)
    expect(() => toAmplitudeEvent(createMessage('track', { anonymousId: 'a1', event: 'E' }, env), settings)).toThrow(/anonymousId/)
    expect(() => toAmplitudeEvent(createMessage('track', { userId: 'u1', event: 'E' }, env), { ...settings, minIdLength: 1 })).not.toThrow()
  })
})

describe('parseAmplitudeAnswer', () => {
  it('reads the refused and throttled events and the ids over quota', () => {
    const body = JSON.stringify({
      code: 429,
      events_with_invalid_fields: { time: [3] },
      events_with_missing_fields: { event_type: [1, 3] },
      events_with_invalid_id_lengths: { user_id: [0] },
      throttled_events: [4, 5],
      exceeded_daily_quota_users: { 'user-9': 500 },
      exceeded_daily_quota_devices: {},
    })
    expect(parseAmplitudeAnswer(body)).toEqual({ refused: [0, 1, 3], throttled: [4, 5], overQuotaUsers: ['user-9'], overQuotaDevices: [] })
    expect(parseAmplitudeAnswer('not json')).toBeUndefined()
  })
})
