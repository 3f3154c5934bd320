/** One fixed input: a call and its Segment-style params (Dates revived). */
export interface ParityCase {
  name: string
  call: 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias'
  params: Record<string, unknown>
}
/** One request an official SDK sent, as the sink recorded it (keys masked as `****`). */
export interface CapturedRequest {
  method: string
  /** Path after the sink's vendor prefix, e.g. `/v1/batch`. */
  path: string
  headers: Record<string, string>
  gzip?: boolean
  /** The body without its items (batch bodies), or how the SDK sent its data. */
  envelope: unknown
}
/** What an official SDK sent for one input: one request with one item, or several requests (one item each). */
export type FixtureCase =
  | {
      request: CapturedRequest & { gzip: boolean; envelope: Record<string, unknown> }
      item: Record<string, unknown>
      note?: string
      derived?: boolean
    }
  | { requests: (CapturedRequest & { item: Record<string, unknown> })[]; note?: string }
/** A vendor's fixture file. */
export interface Fixture {
  vendor: string
  sdk: { name: string; version: string }
  /** Set when the fixture is derived rather than captured (Hightouch: its SDK is not on npm). */
  derivedFrom?: string
  cases: Record<string, FixtureCase>
}
/** Path of the fixture `fixtures/<name>.json`. */
export function fixturePath(name: string): string
/** The captured fixture `fixtures/<name>.json`. */
export function loadFixture(name: string): Fixture
/** The fixed inputs, with Dates revived. */
export function loadCases(): ParityCase[]
