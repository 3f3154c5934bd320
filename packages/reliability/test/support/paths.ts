/** Mirrors how ValidationError paths are written: `a.b`, `a["odd key"]`, `a[3]`. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

export type Segment = string | number

/** The path text of `root` followed by `segments`. */
export function pathOf(root: string, segments: readonly Segment[]): string {
  let path = root
  for (const s of segments) path += typeof s === 'number' ? `[${s}]` : IDENTIFIER.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`
  return path
}

/** Parses a ValidationError path back into its root and segments; undefined when malformed. */
export function parsePath(path: string): { root: string; segments: Segment[] } | undefined {
  const root = /^[A-Za-z_$][\w$]*/.exec(path)?.[0]
  if (!root) return undefined
  const segments: Segment[] = []
  let rest = path.slice(root.length)
  while (rest.length > 0) {
    let m = /^\.([A-Za-z_$][\w$]*)/.exec(rest)
    if (m) {
      segments.push(m[1] as string)
      rest = rest.slice(m[0].length)
      continue
    }
    m = /^\[(\d+)\]/.exec(rest)
    if (m) {
      segments.push(Number(m[1]))
      rest = rest.slice(m[0].length)
      continue
    }
    m = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest)
    if (m) {
      segments.push(JSON.parse(m[1] as string) as string)
      rest = rest.slice(m[0].length)
      continue
    }
    return undefined
  }
  return { root, segments }
}

/** Does `segments` lead somewhere inside `value` (own keys and array indexes only)? */
export function resolves(value: unknown, segments: readonly Segment[]): boolean {
  let current = value
  for (const s of segments) {
    if (current === null || (typeof current !== 'object' && typeof current !== 'function')) return false
    // A toJSON() result is checked in place of its object (e.g. a Date): the path stops there.
    if (typeof (current as { toJSON?: unknown }).toJSON === 'function') return true
    const descriptor = Object.getOwnPropertyDescriptor(current, typeof s === 'number' ? String(s) : s)
    if (descriptor === undefined) return false
    // A getter is not called here (it may be the very thing that throws).
    if (!('value' in descriptor)) return true
    current = descriptor.value
  }
  return true
}
