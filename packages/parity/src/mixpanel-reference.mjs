// How a fixed Segment-style input is expressed with the official `mixpanel` package's own API: the
// reference Polytrack's Mixpanel adapter must reproduce (see docs/vendors/mixpanel.md). The package
// has no Segment calls; the rules below are Polytrack's documented mapping (Simplified ID Merge)
// written against its public calls: import() for events, people.set() for identify traits,
// groups.set() for group traits. Each returns the list of calls a case makes, in order.

export const DEFAULT_GROUP_KEY = 'company'

const RESERVED = {
  email: '$email',
  name: '$name',
  firstName: '$first_name',
  first_name: '$first_name',
  lastName: '$last_name',
  last_name: '$last_name',
  phone: '$phone',
  avatar: '$avatar',
  createdAt: '$created',
  created_at: '$created',
}
const str = (v) => (v === undefined ? undefined : String(v))
const plain = (v) => JSON.parse(JSON.stringify(v ?? {}))

function profile(traits) {
  const out = {}
  for (const [k, v] of Object.entries(plain(traits))) {
    if (k === '$set' || k === '$set_once') continue
    out[RESERVED[k] !== undefined && traits[RESERVED[k]] === undefined ? RESERVED[k] : k] = v
  }
  return out
}

function eventProperties(p, own, deviceId) {
  const props = { ...own, distinct_id: str(p.userId) ?? str(p.anonymousId), $insert_id: p.messageId }
  if (p.userId !== undefined) props.$user_id = str(p.userId)
  if (deviceId !== undefined) props.$device_id = deviceId
  if (typeof p.context?.ip === 'string') props.ip = p.context.ip
  return props
}

function named(properties, name, category) {
  const out = plain(properties)
  if (name !== undefined && out.name === undefined) out.name = name
  if (category !== undefined && out.category === undefined) out.category = category
  return out
}

/**
 * The calls of one case: `[kind, run]` pairs, kind `event` | `profile` | `group`. `time` is the event
 * time (the input's timestamp, or now); `messageId` the input's or a generated one.
 */
export function mixpanelCalls(client, call, p, { time, messageId }) {
  const q = { ...p, messageId }
  const anon = str(p.anonymousId)
  // /import answers JSON (`{"code":200,…}`) where the package expects `1`: that is a success too.
  const done = (fn) =>
    new Promise((resolve, reject) => fn((error) => (error && !/"code":200/.test(error.message) ? reject(error) : resolve())))
  const event = (name, own, deviceId = anon) => [
    'event',
    () => done((cb) => client.import(name, time, eventProperties(q, own, deviceId), cb)),
  ]
  switch (call) {
    case 'track':
      return [event(p.event, plain(p.properties))]
    case 'page':
      return [event('Loaded a Page', named(p.properties, p.name, p.category))]
    case 'screen':
      return [event('Loaded a Screen', named(p.properties, p.name, p.category))]
    case 'alias':
      return [event('$identify', { $anon_distinct_id: str(p.previousId) }, str(p.previousId))]
    case 'identify': {
      const modifiers = {}
      if (typeof p.context?.ip === 'string') modifiers.$ip = p.context.ip
      if (p.timestamp !== undefined) modifiers.$time = p.timestamp
      const distinctId = str(p.userId) ?? anon
      const set = ['profile', () => done((cb) => client.people.set(distinctId, profile(p.traits), modifiers, cb))]
      return p.userId !== undefined && anon !== undefined ? [event('$identify', { $anon_distinct_id: anon }), set] : [set]
    }
    case 'group': {
      const groupKey = p.integrations?.Mixpanel?.groupKey ?? DEFAULT_GROUP_KEY
      return [['group', () => done((cb) => client.groups.set(groupKey, String(p.groupId), profile(p.traits), cb))]]
    }
    default:
      throw new Error(`unknown call ${call}`)
  }
}
