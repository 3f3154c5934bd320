/**
 * Every spelling of a secret that a server, a proxy or a library could echo back: the key itself,
 * JSON-escaped, URL- and form-encoded, and Base64 / base64url with and without padding, of the key
 * and of its HTTP Basic form `key:` (also URL-encoded). Masking all of them means a key cannot be
 * recovered from an `error` event whatever the server did with the `Authorization` header.
 */
import { base64, base64url } from '../platform/base64.js'

/** Derived spellings shorter than this are not masked (they would mask ordinary text). */
const MIN_FORM_LENGTH = 6

const cache = new Map<string, readonly string[]>()
const CACHE_LIMIT = 64

function base64Forms(bytes: string): string[] {
  const standard = base64(bytes)
  const url = base64url(bytes)
  const unpadded = standard.replace(/=+$/, '')
  return [
    standard,
    unpadded,
    url,
    `${url}${'='.repeat(standard.length - url.length)}`,
    encodeURIComponent(standard),
    encodeURIComponent(unpadded),
  ]
}

function lowerHex(encoded: string): string {
  return encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
}

function jsonEscaped(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1)
  const ascii = once.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return [once, ascii, ascii.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`), JSON.stringify(once).slice(1, -1)]
}

function urlEncoded(secret: string): string[] {
  const component = encodeURIComponent(secret)
  const form = new URLSearchParams({ k: secret }).toString().slice(2)
  return [component, lowerHex(component), encodeURI(secret), form, lowerHex(form), component.replace(/%20/g, '+')]
}

function computeForms(secret: string): string[] {
  const derived = [...jsonEscaped(secret), ...urlEncoded(secret), ...base64Forms(`${secret}:`), ...base64Forms(secret)].filter(
    (form) => form.length >= MIN_FORM_LENGTH,
  )
  // Longest first, so that a longer spelling is masked whole before a shorter one inside it.
  return [...new Set([secret, ...derived])].sort((a, b) => b.length - a.length)
}

/**
 * The spellings of `secret` to mask, longest first (the key itself always included, even when
 * short). Cached for the last few secrets.
 */
export function secretForms(secret: string): readonly string[] {
  let forms = cache.get(secret)
  if (forms === undefined) {
    forms = computeForms(secret)
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(secret, forms)
  }
  return forms
}

/**
 * `text` with every spelling ({@link secretForms}) of every secret replaced by `****`. Empty and
 * `undefined` secrets are skipped.
 *
 * @param text - A server's answer, an error message, anything that may reach an event or a log.
 * @param secrets - The keys to mask.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  // Every form of every secret, longest first: a form of one secret can begin another's (the
  // Base64 of a proxy's user name begins that of `user:password`), and masking the shorter first
  // would leave the rest of the longer one readable.
  const forms = [...new Set(secrets.flatMap((secret) => (secret ? secretForms(secret) : [])))].sort((a, b) => b.length - a.length)
  let out = text
  for (const form of forms) {
    if (out.includes(form)) out = out.split(form).join('****')
  }
  return out
}
