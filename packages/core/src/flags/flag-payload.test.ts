import { describe, expect, it } from 'vitest'
import { parseFlagPayload, payloadFor } from './flag-payload.js'

describe('flag payloads', () => {
  it('are parsed as posthog-node does: JSON text parsed, other text and non-strings as they are', () => {
    expect(parseFlagPayload('{"a":1}')).toEqual({ a: 1 })
    expect(parseFlagPayload('plain')).toBe('plain')
    expect(parseFlagPayload(5)).toBe(5)
  })

  it('are looked up by value, own keys only; none for false or an empty payload', () => {
    expect(payloadFor({ true: '{"on":1}', beta: '"b"' }, true)).toEqual({ on: 1 })
    expect(payloadFor({ beta: '"b"' }, 'beta')).toBe('b')
    expect(payloadFor({ true: 'x' }, false)).toBeUndefined()
    expect(payloadFor({ true: '' }, true)).toBeUndefined()
    expect(payloadFor(Object.create({ true: 'inherited' }), true)).toBeUndefined()
  })
})
