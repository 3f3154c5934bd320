/**
 * Makes a name safe inside a key: letters, digits, `_`, `-`, `.` and `:` stay, anything else
 * (braces, which would change the hash tag, spaces, control characters, …) is percent-encoded.
 */
export function keyPart(name: string): string {
  return name.replace(/[^A-Za-z0-9_.:-]/g, (c) => {
    const code = c.codePointAt(0) ?? 0
    return `%${code.toString(16).padStart(2, '0')}`
  })
}

/** The keys of one lane. Every one carries the hash tag `{<keyPrefix><lane>}`: one Cluster slot. */
export interface LaneKeys {
  /** `{<keyPrefix><lane>}`. */
  readonly tag: string
  /** Heartbeat sorted set: member instanceId, score the Redis time of its last heartbeat (ms). */
  readonly hb: string
  /** Owners hash: stream key → instanceId. */
  readonly owners: string
  /** Counter numbering taken-over streams. */
  readonly counter: string
  /** This instance's stream. */
  readonly own: string
}

/** The keys of lane `lane` for instance `instanceId` under `keyPrefix` (which holds no braces). */
export function laneKeys(keyPrefix: string, lane: string, instanceId: string): LaneKeys {
  const tag = `{${keyPrefix}${keyPart(lane)}}`
  return { tag, hb: `${tag}:hb`, owners: `${tag}:owners`, counter: `${tag}:n`, own: `${tag}:s:${keyPart(instanceId)}` }
}
