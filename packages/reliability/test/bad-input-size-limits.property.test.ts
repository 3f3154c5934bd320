import { Analytics, ValidationError, type AnalyticsEvents, type MessageType } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { rudderstack } from '@polytrack/rudderstack'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validParams } from './support/arbitraries.js'
import { assertValidationError, encodedBytes, KEY, LIMIT, useBadInputClients } from './support/bad-input-harness.js'

/**
 * Bad input, by size: a message is refused exactly when its encoded form is over 32 KB in UTF-8
 * bytes, and the limit counts what an adapter adds to each message when sending. What is accepted
 * is delivered intact (see support/bad-input-harness.ts).
 */
const h = useBadInputClients()

describe('bad input (fast-check): size', () => {
  it('huge strings: refused exactly when the encoded message is over 32 KB in UTF-8 bytes', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom('track', 'identify', 'page', 'group')
          .chain((type) => validParams(type as MessageType, true).map((params) => ({ type: type as MessageType, params }))),
        (c) => {
          const outcome = h.call(c, { rudder: false })
          const bytes = encodedBytes(c.type, outcome.sent)
          const error = outcome.ok ? undefined : outcome.error
          if (bytes > LIMIT) {
            const e = assertValidationError(error, c.params)
            expect(e.field).toBe('message')
            expect(e.reason).toContain(`is ${bytes} bytes`)
          } else {
            expect(error).toBeUndefined()
          }
        },
      ),
      { numRuns: 120, seed: 6_002 },
    )
  })

  it('delivers every accepted message intact, touches no prototype, raises no unhandled rejection', async () => {
    await h.expectEveryAcceptedDelivered('bad input, by size', 50)
  })
})

describe('size limits as the vendor counts them', () => {
  // RudderStack's adapter adds a per-message `,"sentAt":"…"` when sending: the per-message limit
  // counts it, so a message within those bytes of 32 KB is refused by track(), never by the server.
  it('a message the RudderStack adapter accepts is never refused by the server for its size', async () => {
    const client = new Analytics({
      destination: rudderstack({ writeKey: KEY, dataPlaneUrl: h.sink.urlFor('rudderstack') }),
      flushAt: 10,
      flushIntervalMs: 10,
    })
    const errors: AnalyticsEvents['error'][] = []
    client.on('error', (e) => errors.push(e))
    try {
      const probe = rudderstack({ writeKey: KEY, dataPlaneUrl: h.sink.urlFor('rudderstack') })
      const message = createMessage(
        'track',
        { userId: 'u', event: 'Big', messageId: 'big-probe', properties: { s: '' } },
        { library: LIBRARY },
      )
      const room = LIMIT - Buffer.byteLength(probe.encode(message, { callTime: message.timestamp, timestampGiven: false }))
      let accepted = 0
      let refused = 0
      for (const slack of [80, 50, 40, 30, 20, 5]) {
        try {
          client.track({ userId: 'u', event: 'Big', messageId: `big-${slack}`, properties: { s: 'i'.repeat(room - slack) } })
          accepted++
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError)
          refused++
        }
      }
      client.track({ userId: 'u', event: 'Small', messageId: 'small-neighbour' })
      await client.flush()
      expect(accepted).toBeGreaterThan(0)
      expect(refused).toBeGreaterThan(0)
      expect(errors.map((e) => e.error.message)).toEqual([])
      expect(client.report()).toMatchObject({ delivered: accepted + 1, failed: 0 })
    } finally {
      await client.close({ timeoutMs: 500 })
    }
  })
})
