import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { amplitude } from './amplitude.js'

describe('amplitude() and a group call without a user', () => {
  it('refuses it by name (every Amplitude event needs a user_id or device_id)', () => {
    const message = createMessage('group', { groupId: 'acme' }, { library: LIBRARY })
    expect(() => amplitude({ apiKey: 'k' }).encode(message, { callTime: 'T', timestampGiven: false })).toThrow(
      /userId or anonymousId is required by amplitude/,
    )
  })
})
