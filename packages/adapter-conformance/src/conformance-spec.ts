import type { Destination, DestinationKind, DestinationSet, HttpRequest } from '@polytrack/core'
import type { ParityCase } from '@polytrack/parity/fixtures'
import type { RecordedRequest } from '@polytrack/sink'

/**
 * What an adapter's conformance run needs to know beyond its package.json metadata
 * (`polytrack.adapter`: factory, sink vendor, fixture, options). See docs/writing-an-adapter.md.
 */
export interface AdapterConformanceSpec {
  /** The adapter's entry module (`import * as adapter from './index.js'`); its factory is `polytrack.adapter.factory`. */
  module: Record<string, unknown>
  /** The routing kind every lane declares: `tool` (a destination the integrations map can turn off) or `pipeline` (a CDP). */
  kind: DestinationKind
  /** What its requests look like on the wire, as the sink records them. */
  wire: WireSpec
  /** What the six calls of the swap application become, when not one message each on one lane. */
  journey?: JourneySpec
  /** Parity with the fixture captured from the official SDK. */
  parity: ParitySpec
  /**
   * A known gap, not a choice: why the adapter still accepts options it does not know. The test of
   * strict options is then skipped, with this reason in its name.
   */
  lenientOptions?: string
  /** Folder of the adapter package (holding its package.json). Default: the folder vitest runs in. */
  packageDir?: string
}

/** The adapter's requests as the sink records them (keys masked as `****`). */
export interface WireSpec {
  /** Request paths after the sink's vendor prefix, every endpoint the adapter uses, e.g. `['/v1/batch']`. */
  paths: readonly string[]
  /** Whether bodies are gzipped. */
  gzip: boolean
  /** Where the key travels, checked on each recorded request (e.g. {@link basicAuth}, {@link keyInBody}). */
  auth(request: RecordedRequest): void
  /** Status the sink answers a wrong key with. Default 401. */
  wrongKeyStatus?: number
}

/** What the swap application's six calls become at the sink. */
export interface JourneySpec {
  /**
   * The sink's message types (default: `alias`, `identify`, `group`, `page`, `screen`, `track`).
   * Compared in order for one lane, as a multiset for several.
   */
  types?: readonly string[]
  /** Messages each lane delivers, by member name (default: all six to the one lane). */
  delivered?: Readonly<Record<string, number>>
  /** How many of them carry no user id at the sink (e.g. a group profile). Default 0: all carry the journey's user. */
  withoutUser?: number
}

/** Our side of one parity comparison: one lane's request for one fixed input. */
export interface OurRequest {
  /** The lane (the destination itself, or one member of a destination set). */
  lane: Destination
  request: HttpRequest
  /** URL path, e.g. `/v1/batch`. */
  path: string
  /** The parsed body. */
  body: unknown
  /** The body without its items (`{}` when the body is the items array). */
  envelope: Record<string, unknown>
  /** The one item. */
  item: Record<string, unknown>
}

/** How our requests are compared with the official SDK's (fixtures/<fixture>.json). */
export interface ParitySpec {
  /**
   * The adapter as the capture configured the SDK, given the key. Default: the metadata's options
   * with that key and a placeholder host (only URL paths are compared).
   */
  create?(key: string): Destination | DestinationSet
  /**
   * Item fields allowed to differ (dotted paths): `always` (the library's own name and version,
   * runtime details), `messageId` and `timestamp` (generated ids and times: masked only when the
   * input gives none).
   */
  masks: { always: readonly string[]; messageId?: readonly string[]; timestamp?: readonly string[] }
  /** Envelope fields allowed to differ (generated times). Keys are compared by the kit, not masked here. */
  envelopeMasks?: readonly string[]
  /** Body member holding the items. Default `batch`; a body that is a JSON array holds them itself. */
  itemsKey?: string
  /** Documented: what the SDK sends that we deliberately do not (top-level fields of the item, the envelope). */
  sdkOnly?: { item?: readonly string[]; envelope?: readonly string[] }
  /** Documented: headers we send that the SDK does not (e.g. `user-agent`). */
  ourOnlyHeaders?: readonly string[]
  /** Documented: the SDK's own content type where it labels JSON otherwise (we always send `application/json`). */
  sdkContentType?: string
  /** Documented item differences: asserts each on `ours` and makes `expected` agree (runs before the comparison). */
  itemDifferences?(testCase: ParityCase, ours: Record<string, unknown>, expected: Record<string, unknown>): void
  /** Further checks per fixed input, each registered as a test of its own under its name. */
  caseTests?: Readonly<Record<string, (ours: OurRequest[], testCase: ParityCase) => void>>
}
