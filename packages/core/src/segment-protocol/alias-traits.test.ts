import { describe, expect, it } from 'vitest'
import { LIBRARY } from '../library-info.js'
import { createMessage } from '../spec/create-message.js'
import { encodeSegmentItem } from './segment-item.js'

describe('an alias with traits (RudderStack’s alias takes them)', () => {
  it('keeps them on the message, and the Segment protocol’s item leaves them out', () => {
    const message = createMessage('alias', { userId: 'u', previousId: 'p', traits: { plan: 'pro' } }, { library: LIBRARY })
    expect(message.traits).toEqual({ plan: 'pro' })
    const item = JSON.parse(encodeSegmentItem(message, {})) as Record<string, unknown>
    expect(item).toMatchObject({ type: 'alias', userId: 'u', previousId: 'p' })
    expect(item).not.toHaveProperty('traits')
    expect(createMessage('alias', { userId: 'u', previousId: 'p' }, { library: LIBRARY })).not.toHaveProperty('traits')
  })
})
