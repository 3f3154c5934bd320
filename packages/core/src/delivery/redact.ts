import { redactSecrets } from '../config/secret-forms.js'

/**
 * Masks every secret in a text from a server or an error, in every spelling a server could echo
 * (raw, JSON-escaped, URL-encoded, Base64 / base64url with or without padding of the key and of
 * its Basic form; see `secret-forms.ts`), and shortens the text to `max` characters. Used on
 * everything that reaches an event.
 */
export function redact(text: string, secrets: readonly string[], max = 1000): string {
  const out = redactSecrets(text, secrets)
  return out.length > max ? `${out.slice(0, max)}…` : out
}
