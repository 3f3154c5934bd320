/** One entry of an XRANGE reply, as the spool wrote it: `i` the messageId, `j` the vendor JSON. */
export interface StreamEntry {
  entry: string
  /** `undefined` when the entry is not one the spool wrote (no `i`/`j` fields). */
  id: string | undefined
  json: string | undefined
}

/** Parses an XRANGE reply (`[[id, [field, value, ...]], ...]`, RESP2 or RESP3 with ioredis' legacy mapping). */
/** `Array.isArray` without widening to `any[]`. */
const isList = (value: unknown): value is readonly unknown[] => Array.isArray(value)

export function parseEntries(reply: unknown): StreamEntry[] {
  if (!isList(reply)) return []
  const out: StreamEntry[] = []
  for (const raw of reply) {
    if (!isList(raw) || typeof raw[0] !== 'string') continue
    const fields = raw[1]
    let id: string | undefined
    let json: string | undefined
    if (isList(fields)) {
      for (let i = 0; i + 1 < fields.length; i += 2) {
        if (fields[i] === 'i' && typeof fields[i + 1] === 'string') id = fields[i + 1] as string
        else if (fields[i] === 'j' && typeof fields[i + 1] === 'string') json = fields[i + 1] as string
      }
    } else if (fields !== null && typeof fields === 'object') {
      const map = fields as Record<string, unknown>
      if (typeof map.i === 'string') id = map.i
      if (typeof map.j === 'string') json = map.j
    }
    out.push({ entry: raw[0], id, json })
  }
  return out
}

/** Parses the OPEN and HEARTBEAT scripts' lists of streams: `[name, length, lastId, (owner)]…` from `start`. */
export function parseStreams(reply: unknown, start: number, width: 3 | 4): { key: string; length: number; last: string; owner: string }[] {
  if (!isList(reply)) return []
  const out: { key: string; length: number; last: string; owner: string }[] = []
  for (let i = start; i + width - 1 < reply.length; i += width) {
    const key = reply[i]
    const length = Number(reply[i + 1])
    const last = reply[i + 2]
    if (typeof key !== 'string' || typeof last !== 'string' || !Number.isSafeInteger(length) || length <= 0) continue
    out.push({ key, length, last, owner: width === 4 ? String(reply[i + 3]) : '' })
  }
  return out
}
