// How a fixed Segment-style input is expressed with @amplitude/analytics-node's own API: the
// reference Polytrack's Amplitude adapter must reproduce on the wire (see docs/vendors/amplitude.md).
// The SDK has no page/screen/alias/anonymousId concepts; the rules below are Polytrack's documented
// mapping written against its public calls.

/** The group type used when a group call names none (the adapter's default `groupType`). */
export const DEFAULT_GROUP_TYPE = 'company'

const str = (v) => (v === undefined ? undefined : String(v))

function eventOptions(p, deviceId = str(p.anonymousId)) {
  const options = {}
  if (p.userId !== undefined) options.user_id = str(p.userId)
  if (deviceId !== undefined) options.device_id = deviceId
  if (p.timestamp !== undefined) options.time = p.timestamp.getTime()
  if (p.messageId !== undefined) options.insert_id = p.messageId
  if (typeof p.context?.ip === 'string') options.ip = p.context.ip
  if (typeof p.context?.locale === 'string') options.language = p.context.locale
  return options
}

/** JSON-safe copy (Dates as ISO strings), as every client serializes values. */
const plain = (v) => JSON.parse(JSON.stringify(v ?? {}))

function named(properties, entries) {
  const out = plain(properties)
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && out[k] === undefined) out[k] = v
  return out
}

/** Sends one case through an Amplitude client (`amp` is the module, for `Identify`). */
export function sendAmplitude(client, amp, call, p) {
  switch (call) {
    case 'track':
      return client.track(p.event, plain(p.properties), eventOptions(p)).promise
    case 'page':
      return client.track('[Amplitude] Page Viewed', named(p.properties, { name: p.name, category: p.category }), eventOptions(p)).promise
    case 'screen':
      return client.track(
        '[Amplitude] Screen Viewed',
        named(p.properties, { '[Amplitude] Screen Name': p.name, category: p.category }),
        eventOptions(p),
      ).promise
    case 'identify': {
      const identify = new amp.Identify()
      const { $set, $set_once, ...rest } = plain(p.traits)
      for (const [k, v] of Object.entries($set ?? rest)) identify.set(k, v)
      for (const [k, v] of Object.entries($set_once ?? {})) identify.setOnce(k, v)
      return client.identify(identify, eventOptions(p)).promise
    }
    case 'group': {
      const identify = new amp.Identify()
      for (const [k, v] of Object.entries(plain(p.traits))) identify.set(k, v)
      const groupType = p.integrations?.Amplitude?.groupType ?? DEFAULT_GROUP_TYPE
      return client.groupIdentify(groupType, String(p.groupId), identify, eventOptions(p)).promise
    }
    case 'alias':
      // An identify without operations, carrying the previous id as the device id: Amplitude merges the two.
      return client.identify(new amp.Identify(), eventOptions(p, str(p.previousId))).promise
    default:
      throw new Error(`unknown call ${call}`)
  }
}
