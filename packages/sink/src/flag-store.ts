/**
 * The flag definitions the sink serves for local evaluation, and their ETag.
 */
import { createHash } from 'node:crypto'
import type { FlagDefinitionsPayload } from './flag-types.js'
import { isRecord } from './protocol-helpers.js'

/** Served when no definitions were configured. */
export const EMPTY_FLAG_DEFINITIONS: FlagDefinitionsPayload = { flags: [], group_type_mapping: {}, cohorts: {} }

/** Throws a TypeError unless `payload` looks like `{flags: [...], ...}`. */
export function assertFlagDefinitions(payload: unknown): asserts payload is FlagDefinitionsPayload {
  if (!isRecord(payload) || !Array.isArray(payload.flags)) {
    throw new TypeError('flag definitions must be an object with a flags array')
  }
  payload.flags.forEach((flag: unknown, index) => {
    if (!isRecord(flag) || typeof flag.key !== 'string' || flag.key === '') {
      throw new TypeError(`flag definitions: flags[${index}].key must be a non-empty string`)
    }
  })
}

/** Current definitions, serialized once, with a strong ETag (a SHA-1 of the body). */
export class FlagStore {
  #payload: FlagDefinitionsPayload = EMPTY_FLAG_DEFINITIONS
  #body = ''
  #etag = ''

  constructor(payload: FlagDefinitionsPayload = EMPTY_FLAG_DEFINITIONS) {
    this.set(payload)
  }

  /** Replaces the definitions (validated; stored as a JSON snapshot, so later mutations of `payload` do not leak in). */
  set(payload: FlagDefinitionsPayload): void {
    assertFlagDefinitions(payload)
    this.#body = JSON.stringify(payload)
    this.#payload = JSON.parse(this.#body) as FlagDefinitionsPayload
    this.#etag = `"${createHash('sha1').update(this.#body).digest('hex')}"`
  }

  /** The definitions (a snapshot; do not mutate). */
  get payload(): FlagDefinitionsPayload {
    return this.#payload
  }

  /** The JSON body served. */
  get body(): string {
    return this.#body
  }

  /** The quoted ETag, e.g. `"3f2a…"`. */
  get etag(): string {
    return this.#etag
  }

  /** True when an `If-None-Match` header matches the current ETag (`*`, lists and `W/` accepted). */
  matches(ifNoneMatch: string | undefined): boolean {
    if (ifNoneMatch === undefined) return false
    return ifNoneMatch.split(',').some((part) => {
      const tag = part.trim().replace(/^W\//, '')
      return tag === '*' || tag === this.#etag
    })
  }
}
