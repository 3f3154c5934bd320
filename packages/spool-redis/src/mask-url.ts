/**
 * A Redis URL with its credentials masked, for error messages: `rediss://user:pass@host:6380/0`
 * becomes `rediss://***@host:6380/0`. Works on text that is not a valid URL too (everything
 * between `//` and the last `@` of the authority, or before an `@` when there is no `//`).
 */
export function maskUrl(url: string): string {
  const text = url.length > 200 ? `${url.slice(0, 200)}…` : url
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(text)
  const start = scheme ? scheme[0].length : 0
  const authorityEnd = text.slice(start).search(/[/?#]/)
  const end = authorityEnd === -1 ? text.length : start + authorityEnd
  const at = text.lastIndexOf('@', end - 1)
  if (at >= start) return `${text.slice(0, start)}***${text.slice(at)}`
  // No `@` in the authority; a stray one later (a password holding `/`) still hides what precedes it.
  const later = text.lastIndexOf('@')
  return later >= start ? `${text.slice(0, start)}***${text.slice(later)}` : text
}
