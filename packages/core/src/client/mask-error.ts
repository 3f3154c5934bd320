import { redactSecrets } from '../config/secret-forms.js'
import type { PolytrackError } from '../errors.js'

/**
 * `error` with every form of `secrets` masked in its `message`, `stack` and `serverText` (set in
 * place: the error is the client's own, about to be emitted), for errors made by code that did not
 * know those secrets (a flag source does not know the client's proxy credentials). Returns `error`.
 */
export function maskError<E extends PolytrackError>(error: E, secrets: readonly string[]): E {
  if (secrets.length === 0) return error
  for (const field of ['message', 'stack', 'serverText']) {
    const text: unknown = (error as unknown as Record<string, unknown>)[field]
    if (typeof text !== 'string') continue
    const clean = redactSecrets(text, secrets)
    if (clean !== text)
      Object.defineProperty(error, field, { value: clean, writable: true, configurable: true, enumerable: field === 'serverText' })
  }
  return error
}
