import { ConfigError, ValidationError } from '@polytrack/core'
import { createMessage, LIBRARY, type Message } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { posthog } from './index.js'

const env = { library: LIBRARY }
const ctx = { callTime: '2030-01-01T00:00:00.000Z', timestampGiven: false }
const item = (destination: ReturnType<typeof posthog>, message: Message) =>
  JSON.parse(destination.encode(message, ctx)) as { distinct_id: string; properties: Record<string, unknown> }
const track = (params: Record<string, unknown>) => createMessage('track', { userId: 'u1', event: 'E', ...params } as never, env)

describe('posthog() features', () => {
  it('sendFeatureFlags needs a personal key (local evaluation only): without one it is a ConfigError', () => {
    expect(() => posthog({ apiKey: 'phc_a', sendFeatureFlags: true })).toThrow(ConfigError)
    expect(() => posthog({ apiKey: 'phc_a', sendFeatureFlags: true })).toThrow(/sendFeatureFlags.*personalApiKey/)
    expect(() => posthog({ apiKey: 'phc_a', sendFeatureFlags: false })).not.toThrow()
  })

  it('sendFeatureFlags adds nothing, and asks nothing, while no definitions are loaded', () => {
    const destination = posthog({ apiKey: 'phc_a', personalApiKey: 'phx_b', sendFeatureFlags: true })
    const { properties } = item(destination, track({}))
    expect(Object.keys(properties).filter((k) => k.startsWith('$feature') || k === '$active_feature_flags')).toEqual([])
    // A call asking for them without a personal key gets none either.
    const { properties: perCall } = item(posthog({ apiKey: 'phc_a' }), track({ integrations: { PostHog: { sendFeatureFlags: true } } }))
    expect(Object.keys(perCall).filter((k) => k.startsWith('$feature') || k === '$active_feature_flags')).toEqual([])
  })

  it('a call’s integrations.PostHog.sendFeatureFlags overrides the adapter’s option', () => {
    const destination = posthog({ apiKey: 'phc_a', personalApiKey: 'phx_b', sendFeatureFlags: true })
    const source = destination.flags as unknown as { localFlagValues: (id: string) => Record<string, unknown> | undefined }
    const seen: string[] = []
    source.localFlagValues = (id) => (seen.push(id), { beta: true, off: false })
    expect(item(destination, track({})).properties).toMatchObject({
      '$feature/beta': true,
      '$feature/off': false,
      $active_feature_flags: ['beta'],
    })
    expect(item(destination, track({ integrations: { PostHog: { sendFeatureFlags: false } } })).properties).not.toHaveProperty(
      '$feature/beta',
    )
    expect(item(destination, track({ properties: { '$feature/beta': 'mine' } })).properties['$feature/beta']).toBe('mine')
    expect(seen).toEqual(['u1', 'u1'])
  })

  it('refuses a per-call sendFeatureFlags that is not a boolean, naming the field', () => {
    const destination = posthog({ apiKey: 'phc_a' })
    for (const sendFeatureFlags of ['yes', 1, null, {}]) {
      expect(() => destination.encode(track({ integrations: { PostHog: { sendFeatureFlags } } }), ctx)).toThrow(
        /integrations\.PostHog\.sendFeatureFlags/,
      )
    }
  })

  it('$groups: integrations.PostHog.groups wins over properties.$groups; context.groupId is not read; identify carries none', () => {
    const destination = posthog({ apiKey: 'phc_a', groupType: 'account' })
    expect(item(destination, track({ context: { groupId: 42 } })).properties).not.toHaveProperty('$groups')
    expect(
      item(destination, track({ properties: { $groups: { x: 'y' } }, integrations: { PostHog: { groups: { team: 7 } } } })).properties
        .$groups,
    ).toEqual({ team: '7' })
    expect(item(destination, track({ properties: { $groups: { x: 'y' } } })).properties.$groups).toEqual({ x: 'y' })
    expect(
      item(destination, createMessage('identify', { userId: 'u', integrations: { PostHog: { groups: { team: 'a' } } } }, env)).properties,
    ).not.toHaveProperty('$groups')
  })

  it('refuses groups that are not group type → key, naming the field', () => {
    const destination = posthog({ apiKey: 'phc_a' })
    for (const groups of ['acme', ['acme'], { company: '' }, { company: { id: 1 } }]) {
      expect(() => destination.encode(track({ integrations: { PostHog: { groups } } }), ctx)).toThrow(ValidationError)
    }
    expect(() => destination.encode(track({ integrations: { PostHog: { groups: { company: '' } } } }), ctx)).toThrow(
      /integrations\.PostHog\.groups\.company/,
    )
  })

  it('a group call without a user is posthog-node’s groupIdentify: distinct_id $<type>_<key>, a person profile untouched', () => {
    const destination = posthog({ apiKey: 'phc_a' })
    const event = item(destination, createMessage('group', { groupId: 'acme', traits: { name: 'Acme' } }, env))
    expect(event.distinct_id).toBe('$company_acme')
    expect(event.properties).toMatchObject({ $group_type: 'company', $group_key: 'acme', $group_set: { name: 'Acme' } })
    expect(event.properties).not.toHaveProperty('$process_person_profile')
  })

  it('historicalMigration puts historical_migration: true in every batch body, and nothing without it', () => {
    const body = (options: object) =>
      JSON.parse(posthog({ apiKey: 'phc_a', ...options }).buildRequest(['{}'], { sentAt: 'S' }).body) as Record<string, unknown>
    expect(body({ historicalMigration: true }).historical_migration).toBe(true)
    expect(body({})).not.toHaveProperty('historical_migration')
    expect(() => posthog({ apiKey: 'phc_a', historicalMigration: 'yes' as never })).toThrow(/historicalMigration/)
  })
})
