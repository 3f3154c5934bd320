/**
 * The shape of one vendor's declaration: the protocol it speaks and its own numbers and answers.
 * The built-in declarations are in `vendors.ts`. This file has no runtime code.
 */
import type { SinkProtocol, VendorLimits } from './sink-protocol.js'

/** A canned HTTP answer. */
export interface CannedResponse {
  contentType: string
  body: string
}

/** Everything the sink knows about one vendor. */
export interface VendorDeclaration {
  /** The wire protocol the vendor speaks: its routes, auth, parsing, answers and spec view. */
  protocol: SinkProtocol
  /** Default size limits (`SinkOptions.limits` overrides them per sink). */
  limits: VendorLimits
  /**
   * Status for a request with one message over `limits.messageBytes`, for protocols that leave it
   * to the vendor (PostHog, the Segment family); protocols with answers of their own ignore it.
   */
  oversizeMessageStatus: number
  /**
   * Body of a 200 answer, for protocols that leave it to the vendor (PostHog, the Segment family);
   * protocols with answers of their own (Amplitude, Mixpanel) ignore it.
   */
  success: CannedResponse
  /**
   * Also serve the protocol's routes without the `/<vendor>` prefix. When several vendors are
   * unprefixed, the first declared whose protocol has the path takes the request. Default false.
   */
  unprefixed?: boolean
  /** The vendor's colour in the inspector page (a CSS hex colour). Default: grey. */
  color?: string
}

/**
 * Vendor name → declaration. Names are lower-case (`[a-z][a-z0-9-]*`): they are URL prefixes and
 * CSS custom-property names in the inspector. Key order is the order of lists (the CLI's URLs, the
 * inspector's counters).
 */
export type VendorTable = Readonly<Record<string, VendorDeclaration>>
