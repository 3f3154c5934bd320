/**
 * Maps a method and path to what the sink should do with the request. Pure; no I/O.
 * New kinds of routes (flags, inspector page) are added here as new `RouteMatch` variants.
 */
import { VENDORS, isVendorName } from './vendors.js'
import { matchOwnProtocolPath, OWN_PROTOCOL_METHODS } from './vendor-protocol-routes.js'
import type { VendorName } from './types.js'

/** The Segment message types, which are also the single-call route names. */
export const SEGMENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const

/** One Segment message type. */
export type SegmentType = (typeof SEGMENT_TYPES)[number]

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
  | IngestRoute
  | ControlRoute
  | FlagsRoute
  | InspectorRoute
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allow: string }

const CONTROL_METHODS: Readonly<Record<ControlName, string>> = {
  messages: 'GET',
  requests: 'GET',
  stats: 'GET',
  health: 'GET',
  reset: 'POST',
  faults: 'POST',
}

const POSTHOG_PATHS = new Set(['/batch', '/capture', '/i/v0/e'])

const POSTHOG_FLAG_PATHS: Readonly<Record<string, FlagsRoute['endpoint']>> = {
  '/flags/definitions': 'definitions',
  '/api/feature_flag/local_evaluation': 'definitions',
  '/flags': 'remote',
  '/decide': 'remote',
}

type PathMatch = IngestRoute | ControlRoute | FlagsRoute | InspectorRoute

/** Removes trailing slashes (but keeps `/`). */
function trimSlash(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed === '' ? '/' : trimmed
}

/** Splits `/rudderstack/v1/batch` into the vendor and the rest, or returns undefined. */
function splitVendorPrefix(path: string): { vendor: VendorName; rest: string } | undefined {
  const slash = path.indexOf('/', 1)
  const head = slash === -1 ? path.slice(1) : path.slice(1, slash)
  if (!isVendorName(head)) return undefined
  return { vendor: head, rest: slash === -1 ? '/' : path.slice(slash) }
}

/** Resolves a vendor-relative path (`/v1/batch`, `/batch/`) for `vendor`. */
function matchVendorPath(vendor: VendorName, rest: string): IngestRoute | FlagsRoute | undefined {
  const path = trimSlash(rest)
  const own = matchOwnProtocolPath(vendor, path)
  if (own !== null) return own
  if (VENDORS[vendor].protocol === 'posthog') {
    const flags = Object.hasOwn(POSTHOG_FLAG_PATHS, path) ? POSTHOG_FLAG_PATHS[path] : undefined
    if (flags !== undefined) return { kind: 'flags', endpoint: flags }
    return POSTHOG_PATHS.has(path) ? { kind: 'ingest', vendor } : undefined
  }
  if (path === '/v1/batch') return { kind: 'ingest', vendor }
  const single = SEGMENT_TYPES.find((type) => path === `/v1/${type}`)
  return single === undefined ? undefined : { kind: 'ingest', vendor, singleType: single }
}

/** Finds the route for a path, ignoring the method. */
function matchPath(pathname: string): PathMatch | undefined {
  if (pathname === '/') return { kind: 'inspector' }
  if (pathname.startsWith('/_sink/')) {
    const name = trimSlash(pathname.slice('/_sink'.length)).slice(1)
    if (name === 'inspector' || name === 'events') return { kind: name }
    return Object.hasOwn(CONTROL_METHODS, name) ? { kind: 'control', name: name as ControlName } : undefined
  }
  const prefixed = splitVendorPrefix(pathname)
  if (prefixed !== undefined) return matchVendorPath(prefixed.vendor, prefixed.rest)
  if (pathname.startsWith('/v1/')) return matchVendorPath('segment', pathname)
  return matchVendorPath('posthog', pathname)
}

function allowedMethod(route: PathMatch): string {
  switch (route.kind) {
    case 'control':
      return CONTROL_METHODS[route.name]
    case 'flags':
      return route.endpoint === 'definitions' ? 'GET' : 'POST'
    case 'inspector':
    case 'events':
      return 'GET'
    case 'ingest':
      return route.vendor === 'mixpanel' ? OWN_PROTOCOL_METHODS : 'POST'
  }
}

/**
 * Resolves a request. Unprefixed `/batch/`, `/capture/`, `/i/v0/e/`, `/flags/…`, `/decide/` and
 * `/api/feature_flag/local_evaluation` are PostHog's; unprefixed `/v1/*` are Segment's; `/` is
 * the inspector page.
 *
 * @param method - the HTTP method
 * @param pathname - the URL path without the query string
 */
export function resolveRoute(method: string, pathname: string): RouteMatch {
  const route = matchPath(pathname)
  if (route === undefined) return { kind: 'not-found' }
  const allow = allowedMethod(route)
  if (!allow.split(', ').includes(method)) return { kind: 'method-not-allowed', allow }
  return route
}
