// How a fixed Segment-style input is expressed with posthog-node's own API. This is the
// reference Polytrack's PostHog adapter must reproduce on the wire (see docs/vendors/posthog.md).
// posthog-node has no page/screen/anonymousId concepts; the rules below are Polytrack's documented mapping
// expressed through posthog-node's public calls.

/** The group type used when a group call names none (the adapter's default `groupType`). */
export const DEFAULT_GROUP_TYPE = 'company'

const str = (v) => (v === undefined ? undefined : String(v))

function identity(p) {
  const userId = str(p.userId)
  const anonymousId = str(p.anonymousId)
  return { distinctId: userId ?? anonymousId, anonymous: userId === undefined, anonymousId }
}

function withoutKey(object, key) {
  const { [key]: _ignored, ...rest } = object ?? {}
  return rest
}

function pageProperties(p) {
  const props = { ...(p.properties ?? {}) }
  if (p.name !== undefined && props.name === undefined) props.name = p.name
  if (p.category !== undefined && props.category === undefined) props.category = p.category
  const url = props.url ?? p.context?.page?.url
  if (typeof url === 'string') {
    props.$current_url = url
    try {
      const parsed = new URL(url)
      props.$host = parsed.host
      props.$pathname = parsed.pathname
    } catch {
      // not a URL: posthog-node then sends no $host or $pathname either
    }
  }
  if (typeof props.path === 'string') props.$pathname = props.path
  if (typeof props.referrer === 'string') props.$referrer = props.referrer
  return props
}

/** Sends one case through a posthog-node client. */
export function sendPostHog(client, call, p) {
  const { distinctId, anonymous, anonymousId } = identity(p)
  const personless = anonymous ? { $process_person_profile: false } : {}
  const timestamp = p.timestamp
  switch (call) {
    case 'track': {
      const props = withoutKey(p.properties, '$groups')
      const groups = p.properties?.$groups
      client.capture({ distinctId, event: p.event, properties: { ...props, ...personless }, groups, timestamp })
      return
    }
    case 'page':
      client.capture({ distinctId, event: '$pageview', properties: { ...pageProperties(p), ...personless }, timestamp })
      return
    case 'screen': {
      const props = { ...(p.properties ?? {}) }
      if (p.name !== undefined) props.$screen_name = p.name
      if (p.category !== undefined && props.category === undefined) props.category = p.category
      client.capture({ distinctId, event: '$screen', properties: { ...props, ...personless }, timestamp })
      return
    }
    case 'identify': {
      const traits = { ...(p.traits ?? {}) }
      if (!anonymous && anonymousId !== undefined) traits.$anon_distinct_id = anonymousId
      if (timestamp === undefined) return client.identify({ distinctId, properties: traits })
      // identify() takes no timestamp: send the same event it builds, through capture().
      const { $set, $set_once, $anon_distinct_id, ...rest } = traits
      const properties = { $set: $set || rest, $set_once: $set_once || {}, $anon_distinct_id }
      return client.capture({ distinctId, event: '$identify', properties, timestamp })
    }
    case 'group': {
      const groupType = p.integrations?.PostHog?.groupType ?? DEFAULT_GROUP_TYPE
      const groupKey = String(p.groupId)
      if (timestamp === undefined && !anonymous) {
        return client.groupIdentify({ groupType, groupKey, properties: p.traits ?? {}, distinctId })
      }
      const properties = { $group_type: groupType, $group_key: groupKey, $group_set: p.traits ?? {}, ...personless }
      return client.capture({ distinctId, event: '$groupidentify', properties, timestamp })
    }
    case 'alias': {
      const alias = String(p.previousId)
      if (timestamp === undefined) return client.alias({ distinctId, alias })
      // alias() takes no timestamp: send the same event it builds, through capture().
      return client.capture({ distinctId, event: '$create_alias', properties: { distinct_id: distinctId, alias }, timestamp })
    }
    default:
      throw new Error(`unknown call ${call}`)
  }
}
