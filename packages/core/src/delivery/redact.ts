/**
 * Masks every secret (and its Base64 `Basic` form) in a text from a server or an error, and
 * shortens the text to `max` characters. Used on everything that reaches an event.
 */
export function redact(text: string, secrets: readonly string[], max = 1000): string {
  let out = text
  for (const secret of secrets) {
    if (!secret) continue
    out = out.split(secret).join('****')
    const basic = Buffer.from(`${secret}:`).toString('base64')
    out = out.split(basic).join('****')
  }
  return out.length > max ? `${out.slice(0, max)}…` : out
}
