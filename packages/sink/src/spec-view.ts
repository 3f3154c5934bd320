/**
 * The Segment-spec view of a recorded message, shown by the inspector beside the vendor payload:
 * the view of the vendor's protocol. Pure.
 */
import { isRecord } from './protocol-helpers.js'
import type { RecordedMessage } from './types.js'
import type { VendorTable } from './vendor-declaration.js'
import { VENDOR_DECLARATIONS } from './vendors.js'

/**
 * The Segment-spec message of a recorded message, as its vendor's protocol maps it back: the item
 * itself (with its `type`) for the Segment family; for PostHog, the event mapped back (`$identify`
 * → identify with `$set` as traits, `$groupidentify` → group, `$create_alias` → alias, `$pageview`
 * → page, `$screen` → screen, anything else → track with `properties`); Amplitude's and Mixpanel's
 * events and profile updates likewise. A payload that is not a JSON object is shown as
 * `{type, payload}`.
 *
 * @param payload - the item to view (default: the message's payload; the inspector passes it masked)
 */
export function specView(message: RecordedMessage, payload: unknown = message.payload): Record<string, unknown> {
  return specViewIn(VENDOR_DECLARATIONS, message, payload)
}

/**
 * {@link specView} with the protocols of the vendors of `table`; a vendor the table does not have
 * is shown as `{type, payload}`.
 */
export function specViewIn(table: VendorTable, message: RecordedMessage, payload: unknown): Record<string, unknown> {
  const vendor = Object.hasOwn(table, message.vendor) ? table[message.vendor] : undefined
  if (!isRecord(payload) || vendor === undefined) return { type: message.type, payload }
  return vendor.protocol.specView(message, payload)
}
