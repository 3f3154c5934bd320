/** One fixed input: a call and its Segment-style params (Dates revived). */
export interface ParityCase {
  name: string
  call: 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias'
  params: Record<string, unknown>
}
/** One captured request of an official SDK. */
export interface FixtureCase {
  request: { method: string; path: string; headers: Record<string, string>; gzip: boolean; envelope: Record<string, unknown> }
  item: Record<string, unknown>
  note?: string
  derived?: boolean
}
/** A vendor's fixture file. */
export interface Fixture {
  vendor: string
  sdk: { name: string; version: string }
  cases: Record<string, FixtureCase>
}
export const MASKED: string
export function loadCases(): ParityCase[]
export function loadFixture(vendor: string): Fixture
export function maskPaths<T>(value: T, paths: readonly string[]): T
/** Our side and the fixture's side of one comparison. */
export interface Pair<T> {
  ours: T
  expected: T
}
/** Result of {@link parityPair}. */
export interface ParityPair {
  message: unknown
  request: { url: string; headers: Record<string, string>; body: string; gzip: boolean }
  item: Pair<Record<string, unknown>>
  envelope: Pair<Record<string, unknown>>
  line: Pair<string>
  headerNames: Pair<string[]>
  gzip: Pair<boolean>
  expected: FixtureCase
}
export function parityPair(args: {
  destination: {
    encode(message: never, context: { callTime: string; timestampGiven: boolean }): string
    buildRequest(items: readonly string[], context: { sentAt: string }): { url: string; headers: Record<string, string>; body: string; gzip: boolean }
  }
  createMessage: (type: never, params: never, env: never) => unknown
  library: { name: string; version: string }
  fixture: Fixture
  testCase: ParityCase
  itemMasks: readonly string[]
  envelopeMasks: readonly string[]
  sentAt?: string
  /** Body member holding the items. Default `batch`. */
  itemsKey?: string
}): ParityPair
