/**
 * The per-vendor behaviour table: which wire protocol each vendor speaks, its default limits,
 * how it answers an over-size message and what a success looks like.
 */
import type { FaultTarget, VendorLimits, VendorName } from './types.js'

/** Every vendor the sink serves, in a stable order. */
export const VENDOR_NAMES: readonly VendorName[] = [
  'posthog',
  'rudderstack',
  'hightouch',
  'customerio',
  'segment',
  'amplitude',
  'mixpanel',
]

/** The wire protocols the sink understands. */
export type Protocol = 'posthog' | 'segment' | 'amplitude' | 'mixpanel'

/** A canned HTTP answer. */
export interface CannedResponse {
  contentType: string
  body: string
}

/** How one vendor behaves. */
export interface VendorSpec {
  protocol: Protocol
  limits: VendorLimits
  /** Status for a request containing one message over `limits.messageBytes`. */
  oversizeMessageStatus: number
  /** Body of a 200 answer. */
  success: CannedResponse
}

const KB = 1024
const MB = 1024 * KB

const JSON_EMPTY: CannedResponse = { contentType: 'application/json', body: '{}' }

/** The behaviour table. */
export const VENDORS: Readonly<Record<VendorName, VendorSpec>> = {
  posthog: {
    protocol: 'posthog',
    limits: { batchBytes: 20 * MB, messageBytes: 1 * MB },
    oversizeMessageStatus: 413,
    success: { contentType: 'application/json', body: '{"status":1}' },
  },
  rudderstack: {
    protocol: 'segment',
    limits: { batchBytes: 4 * MB, messageBytes: 32 * KB },
    oversizeMessageStatus: 400,
    success: { contentType: 'text/plain; charset=utf-8', body: 'OK' },
  },
  hightouch: {
    protocol: 'segment',
    limits: { batchBytes: 500 * KB, messageBytes: 32 * KB },
    oversizeMessageStatus: 400,
    success: JSON_EMPTY,
  },
  customerio: {
    protocol: 'segment',
    limits: { batchBytes: 500 * KB, messageBytes: 32 * KB },
    oversizeMessageStatus: 400,
    success: JSON_EMPTY,
  },
  segment: {
    protocol: 'segment',
    limits: { batchBytes: 500 * KB, messageBytes: 32 * KB },
    oversizeMessageStatus: 400,
    success: JSON_EMPTY,
  },
  // Amplitude and Mixpanel answer per request (see amplitude-protocol.ts, mixpanel-protocol.ts).
  amplitude: {
    protocol: 'amplitude',
    limits: { batchBytes: 20 * MB, messageBytes: 1 * MB },
    oversizeMessageStatus: 400,
    success: { contentType: 'application/json', body: '{"code":200}' },
  },
  mixpanel: {
    protocol: 'mixpanel',
    limits: { batchBytes: 10 * MB, messageBytes: 1 * MB },
    oversizeMessageStatus: 400,
    success: { contentType: 'application/json', body: '{"code":200,"status":"OK"}' },
  },
}

/** True when `value` names a vendor. */
export function isVendorName(value: unknown): value is VendorName {
  return typeof value === 'string' && (VENDOR_NAMES as readonly string[]).includes(value)
}

/** The effective limits of `vendor`: the override when given, else the default. */
export function limitsFor(
  vendor: VendorName,
  overrides: Partial<Record<VendorName, VendorLimits>> | undefined,
): VendorLimits {
  return { ...VENDORS[vendor].limits, ...overrides?.[vendor] }
}

/** True when `value` names a fault queue: a vendor, `'posthog-flags'` or `'*'`. */
export function isFaultTarget(value: unknown): value is FaultTarget {
  return value === '*' || value === 'posthog-flags' || isVendorName(value)
}
