/**
 * Mixpanel's ingestion endpoints: `/import` (events, Basic auth: service account, API secret or
 * project token; `strict=1` answers 400 with `failed_records` while the valid events are still
 * ingested), `/track` (events, project token in each), `/engage` (user profiles) and `/groups`
 * (group profiles), both with `$token` in each update. Recorded payloads have their tokens masked.
 * One deliberate difference: a token or key the sink does not accept is answered 401 on every
 * endpoint (Mixpanel answers 200 with `status: 0` on `/track`, `/engage` and `/groups`), so that a
 * wrong key is seen by tests.
 */
import { basicAuthUser, isKeyAccepted } from './auth.js'
import { jsonAnswer, textAnswer, type HttpAnswer } from './http-response.js'
import { isRecord, jsonByteLength } from './protocol-result.js'
import type { AcceptedMessage } from './recorder.js'
import type { MixpanelBodyFormat } from './mixpanel-body.js'

/** The Mixpanel endpoints the sink serves. */
export type MixpanelEndpoint = 'import' | 'track' | 'engage' | 'groups'

/** Every Mixpanel endpoint, in a stable order. */
export const MIXPANEL_ENDPOINTS: readonly MixpanelEndpoint[] = ['import', 'track', 'engage', 'groups']

/** Most records Mixpanel takes in one request. */
export const MIXPANEL_MAX_RECORDS = 2_000

/** distinct_id values Mixpanel refuses as placeholders (compared case-insensitively). */
export const MIXPANEL_PLACEHOLDER_IDS: ReadonlySet<string> = new Set(['anon', 'anonymous', 'nil', 'none', 'null', 'n/a', 'undefined', '00000000-0000-0000-0000-000000000000'])

/** What {@link parseMixpanelRecords} needs besides the records. */
export interface MixpanelParseOptions {
  endpoint: MixpanelEndpoint
  format: MixpanelBodyFormat
  query: URLSearchParams
  authorization?: string
  keys?: readonly string[]
  messageBytes: number
  /** Now, in ms (to check `time`). */
  now: number
}

/** The verdict on one Mixpanel request. */
export interface MixpanelVerdict {
  answer: HttpAnswer
  messages?: AcceptedMessage[]
  messageCount: number
  envelope: unknown
}

interface FailedRecord {
  index: number
  insert_id?: string
  field: string
  message: string
}

const INSERT_ID = /^[A-Za-z0-9-]{1,36}$/
const EARLIEST_MS = Date.UTC(1971, 0, 1)

function basicPassword(header: string | undefined): string {
  const match = /^basic\s+(\S+)\s*$/i.exec(header ?? '')
  if (match === null) return ''
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon === -1 ? '' : decoded.slice(colon + 1)
}

/** Seconds or milliseconds since the epoch, as ms. */
function timeMs(value: number): number {
  return value < 1e11 ? value * 1000 : value
}

function eventProblem(record: Record<string, unknown>, options: MixpanelParseOptions): Omit<FailedRecord, 'index' | 'insert_id'> | undefined {
  if (typeof record.event !== 'string' || record.event === '') return { field: 'event', message: "'event' must be a non-empty string" }
  const props = record.properties
  if (!isRecord(props)) return { field: 'properties', message: "'properties' must be an object" }
  if (Object.keys(props).length >= 255) return { field: 'properties', message: 'an event has at most 255 properties' }
  const id = props.distinct_id
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') return { field: 'properties.distinct_id', message: 'must be a string' }
  if (typeof id === 'string' && MIXPANEL_PLACEHOLDER_IDS.has(id.toLowerCase())) return { field: 'properties.distinct_id', message: `'${id}' is a placeholder value and is refused` }
  const imported = options.endpoint === 'import'
  if (props.time === undefined ? imported : typeof props.time !== 'number') return { field: 'properties.time', message: "'properties.time' is invalid: must be specified as seconds or milliseconds since epoch" }
  if (typeof props.time === 'number') {
    const ms = timeMs(props.time)
    if (ms < EARLIEST_MS || ms > options.now + 3_600_000) return { field: 'properties.time', message: "'properties.time' must be after 1971-01-01 and at most 1 hour in the future" }
    if (!imported && ms < options.now - 5 * 86_400_000) return { field: 'properties.time', message: '/track takes events of the last 5 days only; use /import' }
  }
  const insertId = props.$insert_id
  if (insertId === undefined ? imported : typeof insertId !== 'string' || !INSERT_ID.test(insertId)) {
    return { field: 'properties.$insert_id', message: "'$insert_id' is required: at most 36 characters, letters, digits and '-'" }
  }
  if (jsonByteLength(record) > options.messageBytes) return { field: 'event', message: `an event is at most ${options.messageBytes} bytes` }
  return undefined
}

function profileProblem(record: Record<string, unknown>, endpoint: MixpanelEndpoint): Omit<FailedRecord, 'index'> | undefined {
  if (endpoint === 'engage' && typeof record.$distinct_id !== 'string' && typeof record.$distinct_id !== 'number') return { field: '$distinct_id', message: '$distinct_id is required' }
  if (endpoint === 'groups' && (typeof record.$group_key !== 'string' || (typeof record.$group_id !== 'string' && typeof record.$group_id !== 'number'))) {
    return { field: '$group_key', message: '$group_key and $group_id are required' }
  }
  const operations = ['$set', '$set_once', '$add', '$union', '$append', '$remove', '$unset', '$delete']
  if (!operations.some((op) => record[op] !== undefined)) return { field: '$set', message: 'an update needs one operation ($set, $set_once, …)' }
  return undefined
}

function tokenOf(record: Record<string, unknown>, endpoint: MixpanelEndpoint): unknown {
  return endpoint === 'engage' || endpoint === 'groups' ? record.$token : isRecord(record.properties) ? record.properties.token : undefined
}

/** A copy of the record with its project token masked. */
function masked(record: Record<string, unknown>): Record<string, unknown> {
  if (record.$token !== undefined) return { ...record, $token: '****' }
  if (isRecord(record.properties) && record.properties.token !== undefined) return { ...record, properties: { ...record.properties, token: '****' } }
  return record
}

function accepted(record: Record<string, unknown>, endpoint: MixpanelEndpoint): AcceptedMessage {
  const payload = masked(record)
  if (endpoint === 'engage') return { type: 'identify', id: '', userId: String(record.$distinct_id), payload }
  if (endpoint === 'groups') return { type: 'group', id: '', payload }
  const props = record.properties as Record<string, unknown>
  const type = record.event === '$identify' ? 'identify' : record.event === '$create_alias' ? 'alias' : record.event === 'Loaded a Page' ? 'page' : record.event === 'Loaded a Screen' ? 'screen' : 'track'
  const message: AcceptedMessage = { type, id: typeof props.$insert_id === 'string' ? props.$insert_id : '', payload }
  if (props.distinct_id !== undefined && props.distinct_id !== '') message.userId = String(props.distinct_id)
  return message
}

function authorized(records: readonly Record<string, unknown>[], options: MixpanelParseOptions): boolean {
  if (options.endpoint === 'import') {
    const user = basicAuthUser(options.authorization)
    if (options.keys === undefined) return isKeyAccepted(user, undefined)
    return isKeyAccepted(user, options.keys) || isKeyAccepted(basicPassword(options.authorization), options.keys)
  }
  return records.every((record) => isKeyAccepted(tokenOf(record, options.endpoint), options.keys))
}

function success(endpoint: MixpanelEndpoint, count: number, query: URLSearchParams): HttpAnswer {
  if (endpoint === 'import') return jsonAnswer(200, { code: 200, num_records_imported: count, status: 'OK' })
  return query.get('verbose') === '1' ? jsonAnswer(200, { status: 1, error: null }) : textAnswer(200, '1')
}

/** Checks auth and validates the records of one Mixpanel request. Pure but for `options.now`. */
export function parseMixpanelRecords(records: readonly unknown[], options: MixpanelParseOptions): MixpanelVerdict {
  const { endpoint, query } = options
  const envelope = { format: options.format, query: Object.fromEntries([...query].filter(([k]) => k !== 'data')) }
  const count = records.length
  const objects = records.filter(isRecord)
  if (objects.length !== count) return { answer: jsonAnswer(400, { code: 400, error: 'every record must be a JSON object', status: 0 }), messageCount: count, envelope }
  if (!authorized(objects, options)) return { answer: jsonAnswer(401, { code: 401, error: 'Invalid credentials or project token', status: 0 }), messageCount: count, envelope }
  if (endpoint === 'import' && basicPassword(options.authorization) !== '' && query.get('project_id') === null) {
    // A service account (user name and secret) must name its project.
    return { answer: jsonAnswer(400, { code: 400, error: 'project_id is required with a service account', status: 'Bad Request' }), messageCount: count, envelope }
  }
  if (count === 0) return { answer: jsonAnswer(400, { code: 400, error: 'no records', status: 0 }), messageCount: 0, envelope }
  if (count > MIXPANEL_MAX_RECORDS) return { answer: jsonAnswer(413, { code: 413, error: `at most ${MIXPANEL_MAX_RECORDS} records per request`, status: 0 }), messageCount: count, envelope }
  const failed: FailedRecord[] = []
  const messages: AcceptedMessage[] = []
  objects.forEach((record, index) => {
    const problem = endpoint === 'engage' || endpoint === 'groups' ? profileProblem(record, endpoint) : eventProblem(record, options)
    if (problem === undefined) return void messages.push(accepted(record, endpoint))
    const insertId = isRecord(record.properties) && typeof record.properties.$insert_id === 'string' ? { insert_id: record.properties.$insert_id } : {}
    failed.push({ index, ...insertId, ...problem })
  })
  if (failed.length === 0) return { answer: success(endpoint, messages.length, query), messages, messageCount: count, envelope }
  if (endpoint === 'engage' || endpoint === 'groups') {
    // Mixpanel answers profile updates 200 even when they fail validation; the body says so.
    return { answer: jsonAnswer(200, { status: 0, error: failed.map((f) => `${f.index}: ${f.message}`).join('; ') }), messageCount: count, envelope }
  }
  if (endpoint === 'import' && query.get('strict') === '1') {
    // A partial success: the valid events are ingested (and recorded).
    const body = { code: 400, error: 'some data points in the request failed validation', status: 'Bad Request', num_records_imported: messages.length, failed_records: failed }
    return { answer: jsonAnswer(400, body), messages, messageCount: count, envelope }
  }
  return { answer: jsonAnswer(400, { code: 400, error: failed[0]?.message ?? 'invalid', status: 0 }), messageCount: count, envelope }
}
