/**
 * The vendors the sink serves: one declaration each (see `VendorDeclaration`). This is the only
 * place a vendor is named: routing, ingestion, limits, the spec view, stats, the event stream, the
 * inspector and the CLI all read this table. Adding a vendor is adding a block here (see the
 * README's "Adding a vendor").
 */
import { amplitudeProtocol } from './amplitude-protocol.js'
import { mixpanelProtocol } from './mixpanel-protocol.js'
import { posthogProtocol } from './posthog-protocol.js'
import { segmentProtocol } from './segment-protocol.js'
import type { VendorLimits } from './sink-protocol.js'
import type { CannedResponse, VendorTable } from './vendor-declaration.js'

const KB = 1024
const MB = 1024 * KB

const JSON_EMPTY: CannedResponse = { contentType: 'application/json', body: '{}' }

/** The built-in vendor declarations, in the order the sink lists vendors. */
export const VENDOR_DECLARATIONS = {
  posthog: {
    protocol: posthogProtocol,
    limits: { batchBytes: 20 * MB, messageBytes: 1 * MB },
    oversizeMessageStatus: 413,
    success: { contentType: 'application/json', body: '{"status":1}' },
    unprefixed: true,
    color: '#e8590c',
  },
  rudderstack: {
    protocol: segmentProtocol,
    limits: { batchBytes: 4 * MB, messageBytes: 32 * KB },
    oversizeMessageStatus: 400,
    success: { contentType: 'text/plain; charset=utf-8', body: 'OK' },
    color: '#1c64f2',
  },
  hightouch: {
    protocol: segmentProtocol,
    limits: { batchBytes: 500 * KB, messageBytes: 32 * KB },
    oversizeMessageStatus: 400,
    success: JSON_EMPTY,
    color: '#0e9f6e',
  },
  customerio: {
    protocol: segmentProtocol,
    limits: { batchBytes: 500 * KB, messageBytes: 32 * KB },
    oversizeMessageStatus: 400,
    success: JSON_EMPTY,
    color: '#7e3af2',
  },
  segment: {
    protocol: segmentProtocol,
    limits: { batchBytes: 500 * KB, messageBytes: 32 * KB },
    oversizeMessageStatus: 400,
    success: JSON_EMPTY,
    unprefixed: true,
    color: '#0694a2',
  },
  // Amplitude and Mixpanel answer per request (see amplitude-protocol.ts, mixpanel-protocol.ts).
  amplitude: {
    protocol: amplitudeProtocol,
    limits: { batchBytes: 20 * MB, messageBytes: 1 * MB },
    oversizeMessageStatus: 400,
    success: { contentType: 'application/json', body: '{"code":200}' },
  },
  mixpanel: {
    protocol: mixpanelProtocol,
    limits: { batchBytes: 10 * MB, messageBytes: 1 * MB },
    oversizeMessageStatus: 400,
    success: { contentType: 'application/json', body: '{"code":200,"status":"OK"}' },
  },
} as const satisfies VendorTable

/** The vendors whose ingestion APIs the sink speaks: one per declaration in `src/vendors.ts`. */
export type VendorName = keyof typeof VENDOR_DECLARATIONS

/** The wire protocols the sink understands: the names of the declared vendors' protocols. */
export type Protocol = (typeof VENDOR_DECLARATIONS)[VendorName]['protocol']['name']

/** How one vendor behaves (the declaration, with its protocol by name). */
export interface VendorSpec {
  protocol: Protocol
  limits: VendorLimits
  /** Status for a request containing one message over `limits.messageBytes`. */
  oversizeMessageStatus: number
  /** Body of a 200 answer. */
  success: CannedResponse
}

/** Every vendor the sink serves, in a stable order (the declaration order). */
export const VENDOR_NAMES: readonly VendorName[] = Object.keys(VENDOR_DECLARATIONS) as VendorName[]

/** The behaviour table: each vendor's declaration, its protocol by name. */
export const VENDORS: Readonly<Record<VendorName, VendorSpec>> = Object.fromEntries(
  VENDOR_NAMES.map((name) => {
    const { protocol, limits, oversizeMessageStatus, success } = VENDOR_DECLARATIONS[name]
    return [name, { protocol: protocol.name, limits, oversizeMessageStatus, success }]
  }),
) as Record<VendorName, VendorSpec>
