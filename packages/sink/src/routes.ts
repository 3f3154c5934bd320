/**
 * Maps a method and path to what the sink should do with the request. Pure; no I/O. Vendor routes
 * come from the vendor table: `/<vendor><path>` for every path of the vendor's protocol, and the
 * bare `<path>` for vendors declared `unprefixed`.
 */
import type { SegmentType } from './segment-spec.js'
import type { VendorName } from './types.js'
import type { VendorTable } from './vendor-declaration.js'
import { declarationOf, isVendorIn, protocolRouteOf } from './vendor-table.js'
import { VENDOR_DECLARATIONS } from './vendors.js'

/** An ingestion route of one vendor. */
export interface IngestRoute {
  kind: 'ingest'
  vendor: VendorName
  /** Set on Segment-family single-call routes (`/v1/track`, ...): the implied message type. */
  singleType?: SegmentType
  /** The vendor's endpoint, for vendors with several (Mixpanel: `import`, `track`, `engage`, `groups`). */
  endpoint?: string
}

/** A route of the JSON control API under `/_sink/`. */
export interface ControlRoute {
  kind: 'control'
  name: ControlName
}

/** A PostHog feature-flag route: definitions for local evaluation (GET) or remote evaluation (POST). */
export interface FlagsRoute {
  kind: 'flags'
  endpoint: 'definitions' | 'remote'
}

/** The inspector page (`/`, `/_sink/inspector`) or its event stream (`/_sink/events`). */
export interface InspectorRoute {
  kind: 'inspector' | 'events'
}

/** The control API's endpoints. */
export type ControlName = 'messages' | 'requests' | 'stats' | 'reset' | 'faults' | 'health'

/** Result of {@link resolveRoute}. */
export type RouteMatch =
  IngestRoute | ControlRoute | FlagsRoute | InspectorRoute | { kind: 'not-found' } | { kind: 'method-not-allowed'; allow: string }

const CONTROL_METHODS: Readonly<Record<ControlName, string>> = {
  messages: 'GET',
  requests: 'GET',
  stats: 'GET',
  health: 'GET',
  reset: 'POST',
  faults: 'POST',
}

type PathMatch = IngestRoute | ControlRoute | FlagsRoute | InspectorRoute

/** A route found for a path, with the methods it takes (`'POST'`, `'POST, GET'`). */
interface Found {
  route: PathMatch
  allow: string
}

/** Removes trailing slashes (but keeps `/`). */
function trimSlash(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed === '' ? '/' : trimmed
}

/** Splits `/rudderstack/v1/batch` into a vendor of `table` and the rest, or returns undefined. */
function splitVendorPrefix(table: VendorTable, path: string): { vendor: VendorName; rest: string } | undefined {
  const slash = path.indexOf('/', 1)
  const head = slash === -1 ? path.slice(1) : path.slice(1, slash)
  if (!isVendorIn(table, head)) return undefined
  return { vendor: head, rest: slash === -1 ? '/' : path.slice(slash) }
}

/** Resolves a vendor-relative path (`/v1/batch`, `/batch/`) with `vendor`'s protocol. */
function matchVendorPath(table: VendorTable, vendor: VendorName, rest: string): Found | undefined {
  const route = protocolRouteOf(declarationOf(table, vendor), trimSlash(rest))
  if (route === undefined) return undefined
  const allow = route.methods.join(', ')
  if (route.kind === 'flags') return { route: { kind: 'flags', endpoint: route.endpoint }, allow }
  const ingest: IngestRoute = { kind: 'ingest', vendor }
  if (route.singleType !== undefined) ingest.singleType = route.singleType
  if (route.endpoint !== undefined) ingest.endpoint = route.endpoint
  return { route: ingest, allow }
}

/** Resolves an unprefixed path with the unprefixed vendors, in declaration order. */
function matchUnprefixed(table: VendorTable, path: string): Found | undefined {
  for (const [name, declaration] of Object.entries(table)) {
    if (declaration.unprefixed !== true) continue
    const found = matchVendorPath(table, name as VendorName, path)
    if (found !== undefined) return found
  }
  return undefined
}

function matchSinkPath(pathname: string): Found | undefined {
  if (pathname === '/') return { route: { kind: 'inspector' }, allow: 'GET' }
  const name = trimSlash(pathname.slice('/_sink'.length)).slice(1)
  if (name === 'inspector' || name === 'events') return { route: { kind: name }, allow: 'GET' }
  if (!Object.hasOwn(CONTROL_METHODS, name)) return undefined
  return { route: { kind: 'control', name: name as ControlName }, allow: CONTROL_METHODS[name as ControlName] }
}

/** Finds the route for a path, ignoring the method. */
function matchPath(table: VendorTable, pathname: string): Found | undefined {
  if (pathname === '/' || pathname.startsWith('/_sink/')) return matchSinkPath(pathname)
  const prefixed = splitVendorPrefix(table, pathname)
  if (prefixed !== undefined) return matchVendorPath(table, prefixed.vendor, prefixed.rest)
  return matchUnprefixed(table, pathname)
}

/**
 * Resolves a request. `/` is the inspector page, `/_sink/…` the control API, the inspector and its
 * event stream; `/<vendor>/…` a vendor's protocol routes; other paths go to the `unprefixed`
 * vendors (PostHog's `/batch/`, `/capture/`, `/flags/…`; Segment's `/v1/*`).
 *
 * @param method - the HTTP method
 * @param pathname - the URL path without the query string
 * @param table - the vendors served (default: the built-in ones)
 */
export function resolveRoute(method: string, pathname: string, table: VendorTable = VENDOR_DECLARATIONS): RouteMatch {
  const found = matchPath(table, pathname)
  if (found === undefined) return { kind: 'not-found' }
  if (!found.allow.split(', ').includes(method)) return { kind: 'method-not-allowed', allow: found.allow }
  return found.route
}
