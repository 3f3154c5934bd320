// A server that echoes a key in any encoding must not get it into an event (issue 15, item 9).
import { describe, expect, it } from 'vitest'
import { redact } from './redact.js'

const b64 = (text: string) => Buffer.from(text).toString('base64')
const b64url = (text: string) => Buffer.from(text).toString('base64url')
const unpadded = (text: string) => text.replace(/=+$/, '')

/** Every encoding of `secret` a server could echo back. */
function encodings(secret: string): Record<string, string> {
  const basic = b64(`${secret}:`)
  return {
    raw: secret,
    'Base64 of key:': basic,
    'Base64 of key: without padding': unpadded(basic),
    'base64url of key:': b64url(`${secret}:`),
    'Base64 of the key': b64(secret),
    'Base64 of the key without padding': unpadded(b64(secret)),
    'base64url of the key': b64url(secret),
    'URL-encoded': encodeURIComponent(secret),
    'URL-encoded Basic header': encodeURIComponent(`Basic ${basic}`),
    'URL-encoded, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    'form-encoded': new URLSearchParams({ k: secret }).toString().slice(2),
    'JSON-escaped': JSON.stringify(secret).slice(1, -1),
    'JSON-escaped twice': JSON.stringify(JSON.stringify(secret)).slice(1, -1),
  }
}

describe('redact masks every encoding of every secret', () => {
  // Characters that URL-encoding, JSON and Base64 each spell differently; lengths that give 0, 1 and 2 padding characters.
  const secrets = ['wk_live "q" +/=?&é\\x', 'abcde', 'abcdef', 'abcdefg', 'phx_personal_SECRET_0a3f']

  for (const secret of secrets) {
    for (const [form, text] of Object.entries(encodings(secret))) {
      it(`${JSON.stringify(secret)}: ${form}`, () => {
        const echoed = `{"error":"bad key","echo":"${text}","after":1}`
        const out = redact(echoed, ['other-key', secret])
        expect(out).not.toContain(text)
        expect(out).toContain('"after":1')
        // Nothing that decodes back to the key is left.
        expect(out).not.toContain(unpadded(b64(secret)).slice(0, -2) || '\u0000')
      })
    }
  }

  it('keeps text that holds no secret unchanged, and still cuts it to max', () => {
    expect(redact('all fine', ['abcdef'])).toBe('all fine')
    expect(redact('x'.repeat(2000), ['abcdef'], 10)).toBe(`${'x'.repeat(10)}…`)
  })
})
