/**
 * Semantic-version operators (`semver_eq`, `semver_tilde`, …): versions are compared as
 * `[major, minor, patch]`; pre-release and build suffixes are ignored.
 */
import { unsupported } from './unresolved.js'

/** `[major, minor, patch]`. */
export type VersionTriple = readonly [number, number, number]

/** A half-open version range `[lower, upper)`. */
export interface VersionRange {
  lower: VersionTriple
  upper: VersionTriple
}

function numericPart(part: string, raw: string): number {
  if (!/^\d+$/.test(part) || (part.length > 1 && part[0] === '0')) unsupported(`invalid semver: ${raw}`)
  return parseInt(part, 10)
}

/** Parses `v1.2.3-beta+build` style text (missing parts are 0); throws when it is not a version. */
export function parseVersion(value: unknown): VersionTriple {
  const raw = String(value)
  const text = raw.trim().replace(/^[vV]/, '')
  const base = (text.split('-')[0] ?? '').split('+')[0] ?? ''
  if (!base || base.startsWith('.')) unsupported(`invalid semver: ${raw}`)
  const parts = base.split('.')
  const part = (p: string | undefined): number => (p === undefined || p === '' ? 0 : numericPart(p, raw))
  return [part(parts[0]), part(parts[1]), part(parts[2])]
}

/** Negative, zero or positive as `a` is below, equal to or above `b`. */
export function compareVersions(a: VersionTriple, b: VersionTriple): number {
  for (let i = 0; i < 3; i++) {
    if (a[i]! < b[i]!) return -1
    if (a[i]! > b[i]!) return 1
  }
  return 0
}

/** `~1.2.3` → `[1.2.3, 1.3.0)`. */
export function tildeRange(value: unknown): VersionRange {
  const [major, minor, patch] = parseVersion(value)
  return { lower: [major, minor, patch], upper: [major, minor + 1, 0] }
}

/** `^1.2.3` → `[1.2.3, 2.0.0)`, `^0.2.3` → `[0.2.3, 0.3.0)`, `^0.0.3` → `[0.0.3, 0.0.4)`. */
export function caretRange(value: unknown): VersionRange {
  const [major, minor, patch] = parseVersion(value)
  const upper: VersionTriple = major > 0 ? [major + 1, 0, 0] : minor > 0 ? [0, minor + 1, 0] : [0, 0, patch + 1]
  return { lower: [major, minor, patch], upper }
}

/** `1.*` → `[1.0.0, 2.0.0)`, `1.2.*` → `[1.2.0, 1.3.0)`. */
export function wildcardRange(value: unknown): VersionRange {
  const raw = String(value)
  const cleaned = raw.trim().replace(/^[vV]/, '').replace(/\.\*$/, '').replace(/\*$/, '')
  if (!cleaned) unsupported(`invalid wildcard semver: ${raw}`)
  const parts = cleaned.split('.')
  const part = (p: string): number => {
    try {
      return numericPart(p, raw)
    } catch {
      return unsupported(`invalid wildcard semver: ${raw}`)
    }
  }
  const major = part(parts[0] ?? '')
  if (parts.length === 1) return { lower: [major, 0, 0], upper: [major + 1, 0, 0] }
  const minor = part(parts[1] ?? '')
  return { lower: [major, minor, 0], upper: [major, minor + 1, 0] }
}

/** Whether `version` lies in `[range.lower, range.upper)`. */
export function inRange(version: VersionTriple, range: VersionRange): boolean {
  return compareVersions(version, range.lower) >= 0 && compareVersions(version, range.upper) < 0
}
