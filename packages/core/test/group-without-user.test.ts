// A group call may come without a user (a group profile update, as posthog-node's groupIdentify and
// Mixpanel's group profiles take it); destinations whose vendor needs an id refuse it by name.
import { describe, expect, it } from 'vitest'
import { Analytics } from '../src/analytics.js'
import { ValidationError } from '../src/errors.js'
import { LIBRARY } from '../src/library-info.js'
import { createMessage } from '../src/spec/create-message.js'
import type { Destination } from '../src/destination.js'
import { testDestination } from './helpers/test-destination.js'
import { scriptedTransport, OK } from './helpers/scripted-transport.js'

/** A destination that takes every message (as PostHog takes a group without a user). */
const takesAll = (name: string): Destination => ({
  ...testDestination('http://127.0.0.1:9', { name }),
  encode: (message) => JSON.stringify({ id: message.messageId, type: message.type }),
})

describe('group() without userId and anonymousId', () => {
  it('is a valid message; every other call still needs an id', () => {
    const message = createMessage('group', { groupId: 'acme', traits: { name: 'Acme' } }, { library: LIBRARY })
    expect(message).toMatchObject({ type: 'group', groupId: 'acme', traits: { name: 'Acme' } })
    expect(message).not.toHaveProperty('userId')
    expect(() => createMessage('track', { event: 'E' } as never, { library: LIBRARY })).toThrow(/userId or anonymousId is required/)
  })

  it('throws from the call when its only destination needs an id (the Segment protocol)', () => {
    const analytics = new Analytics({ destination: testDestination('http://127.0.0.1:9'), transport: () => scriptedTransport(() => OK) })
    let error: unknown
    try {
      analytics.group({ groupId: 'acme' })
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('userId')
    expect((error as ValidationError).message).toMatch(/required by segment/)
    void analytics.close({ timeoutMs: 0 })
  })

  it('goes to the destinations that take it; one that needs an id reports it and counts it dropped', async () => {
    const transports = new Map<string, ReturnType<typeof scriptedTransport>>()
    const analytics = new Analytics({
      destination: {
        kind: 'set',
        members: [
          { destination: takesAll('groups'), name: 'groups', middleware: [] },
          { destination: testDestination('http://127.0.0.1:9'), name: 'segment', middleware: [] },
        ],
      },
      transport: (destination) => {
        const transport = scriptedTransport(() => OK)
        transports.set(destination.name, transport)
        return transport
      },
    })
    const errors: string[] = []
    analytics.on('error', ({ destination, error }) => errors.push(`${destination}: ${error.message}`))
    analytics.group({ groupId: 'acme' })
    const report = await analytics.close({ timeoutMs: 1_000 })
    expect(report.byDestination.groups).toMatchObject({ delivered: 1 })
    expect(report.byDestination.segment).toMatchObject({ delivered: 0, dropped: 1 })
    expect(errors).toEqual([expect.stringMatching(/^segment: .*userId or anonymousId is required by segment/)])
    expect(transports.get('segment')?.requests).toHaveLength(0)
  })
})
