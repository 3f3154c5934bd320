/**
 * Routes of the vendors with protocols of their own. Amplitude: `/2/httpapi` (HTTP V2 API) and
 * `/batch` (Batch Event Upload API). Mixpanel: `/import`, `/track`, `/engage`, `/groups`, by POST
 * and also by GET with `data=` in the query, as the official `mixpanel` package sends single calls.
 * Pure.
 */
import type { IngestRoute } from './routes.js'
import type { VendorName } from './types.js'

const AMPLITUDE_PATHS = new Set(['/2/httpapi', '/batch'])
const MIXPANEL_PATHS = new Set(['/import', '/track', '/engage', '/groups'])

/** Methods Mixpanel's ingestion routes take. */
export const OWN_PROTOCOL_METHODS = 'POST, GET'

/**
 * The route of `path` (no trailing slash) for Amplitude or Mixpanel; `undefined` for a path they do not
 * serve; `null` for other vendors.
 */
export function matchOwnProtocolPath(vendor: VendorName, path: string): IngestRoute | undefined | null {
  if (vendor === 'amplitude') return AMPLITUDE_PATHS.has(path) ? { kind: 'ingest', vendor, endpoint: path.slice(1) } : undefined
  if (vendor === 'mixpanel') return MIXPANEL_PATHS.has(path) ? { kind: 'ingest', vendor, endpoint: path.slice(1) } : undefined
  return null
}
