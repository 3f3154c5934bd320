/**
 * Mixpanel's ingestion endpoints: `/import` (events, Basic auth: service account, API secret or
 * project token; `strict=1` answers 400 with `failed_records` while the valid events are still
 * ingested), `/track` (events, project token in each), `/engage` (user profiles) and `/groups`
 * (group profiles), both with `$token` in each update. Recorded payloads have their tokens masked.
 * One deliberate difference: a token or key the sink does not accept is answered 401 on every
 * endpoint (Mixpanel answers 200 with `status: 0` on `/track`, `/engage` and `/groups`), so that a
 * wrong key is seen by tests.
 */
import { basicAuthUser, basicCredentials, isKeyAccepted } from './auth.js'
import { jsonAnswer, textAnswer, type HttpAnswer } from './http-response.js'
import { decodeMixpanelRecords, type MixpanelBodyFormat } from './mixpanel-body.js'
import { definedEntries, epochMs, isRecord, isoTime, jsonByteLength, segmentTypeIn, statusErrorBodyAnswer } from './protocol-helpers.js'
import type { AcceptedMessage, IngestVerdict, ProtocolRequest, SinkProtocol, SpecSource } from './sink-protocol.js'

/** The Mixpanel endpoints the sink serves. */
export type MixpanelEndpoint = 'import' | 'track' | 'engage' | 'groups'

/** Every Mixpanel endpoint, in a stable order. */
export const MIXPANEL_ENDPOINTS: readonly MixpanelEndpoint[] = ['import', 'track', 'engage', 'groups']

/** Most records Mixpanel takes in one request. */
export const MIXPANEL_MAX_RECORDS = 2_000

/** distinct_id values Mixpanel refuses as placeholders (compared case-insensitively). */
export const MIXPANEL_PLACEHOLDER_IDS: ReadonlySet<string> = new Set([
  'anon',
  'anonymous',
  'nil',
  'none',
  'null',
  'n/a',
  'undefined',
  '00000000-0000-0000-0000-000000000000',
])

/** What {@link parseMixpanelRecords} needs besides the records. */
interface MixpanelParseOptions {
  endpoint: MixpanelEndpoint
  format: MixpanelBodyFormat
  query: URLSearchParams
  authorization?: string
  keys?: readonly string[]
  messageBytes: number
  /** Now, in ms (to check `time`). */
  now: number
}

interface FailedRecord {
  index: number
  insert_id?: string
  field: string
  message: string
}

const INSERT_ID = /^[A-Za-z0-9-]{1,36}$/

const EVENT_TYPES: Readonly<Record<string, string>> = {
  $identify: 'identify',
  $create_alias: 'alias',
  'Loaded a Page': 'page',
  'Loaded a Screen': 'screen',
}
const EARLIEST_MS = Date.UTC(1971, 0, 1)

/** An error in Mixpanel's style: `{code, error, status}` (`status` 0 unless given). */
function mixpanelError(code: number, error: string, status: number | string = 0): HttpAnswer {
  return jsonAnswer(code, { code, error, status })
}

function basicPassword(header: string | undefined): string {
  return basicCredentials(header)?.password ?? ''
}

function isProfileEndpoint(endpoint: MixpanelEndpoint): endpoint is 'engage' | 'groups' {
  return endpoint === 'engage' || endpoint === 'groups'
}

function eventProblem(
  record: Record<string, unknown>,
  options: MixpanelParseOptions,
): Omit<FailedRecord, 'index' | 'insert_id'> | undefined {
  if (typeof record.event !== 'string' || record.event === '') return { field: 'event', message: "'event' must be a non-empty string" }
  const props = record.properties
  if (!isRecord(props)) return { field: 'properties', message: "'properties' must be an object" }
  if (Object.keys(props).length >= 255) return { field: 'properties', message: 'an event has at most 255 properties' }
  const id = props.distinct_id
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number')
    return { field: 'properties.distinct_id', message: 'must be a string' }
  if (typeof id === 'string' && MIXPANEL_PLACEHOLDER_IDS.has(id.toLowerCase()))
    return { field: 'properties.distinct_id', message: `'${id}' is a placeholder value and is refused` }
  const imported = options.endpoint === 'import'
  if (props.time === undefined ? imported : typeof props.time !== 'number')
    return { field: 'properties.time', message: "'properties.time' is invalid: must be specified as seconds or milliseconds since epoch" }
  if (typeof props.time === 'number') {
    const ms = epochMs(props.time)
    if (ms < EARLIEST_MS || ms > options.now + 3_600_000)
      return { field: 'properties.time', message: "'properties.time' must be after 1971-01-01 and at most 1 hour in the future" }
    if (!imported && ms < options.now - 5 * 86_400_000)
      return { field: 'properties.time', message: '/track takes events of the last 5 days only; use /import' }
  }
  const insertId = props.$insert_id
  if (insertId === undefined ? imported : typeof insertId !== 'string' || !INSERT_ID.test(insertId)) {
    return { field: 'properties.$insert_id', message: "'$insert_id' is required: at most 36 characters, letters, digits and '-'" }
  }
  if (jsonByteLength(record) > options.messageBytes) return { field: 'event', message: `an event is at most ${options.messageBytes} bytes` }
  return undefined
}

function profileProblem(record: Record<string, unknown>, endpoint: 'engage' | 'groups'): Omit<FailedRecord, 'index'> | undefined {
  if (endpoint === 'engage' && typeof record.$distinct_id !== 'string' && typeof record.$distinct_id !== 'number')
    return { field: '$distinct_id', message: '$distinct_id is required' }
  if (
    endpoint === 'groups' &&
    (typeof record.$group_key !== 'string' || (typeof record.$group_id !== 'string' && typeof record.$group_id !== 'number'))
  ) {
    return { field: '$group_key', message: '$group_key and $group_id are required' }
  }
  const operations = ['$set', '$set_once', '$add', '$union', '$append', '$remove', '$unset', '$delete']
  if (!operations.some((op) => record[op] !== undefined))
    return { field: '$set', message: 'an update needs one operation ($set, $set_once, …)' }
  return undefined
}

function tokenOf(record: Record<string, unknown>, endpoint: MixpanelEndpoint): unknown {
  return isProfileEndpoint(endpoint) ? record.$token : isRecord(record.properties) ? record.properties.token : undefined
}

/** A copy of the record with its project token masked. */
function masked(record: Record<string, unknown>): Record<string, unknown> {
  if (record.$token !== undefined) return { ...record, $token: '****' }
  if (isRecord(record.properties) && record.properties.token !== undefined)
    return { ...record, properties: { ...record.properties, token: '****' } }
  return record
}

function accepted(record: Record<string, unknown>, endpoint: MixpanelEndpoint): AcceptedMessage {
  const payload = masked(record)
  if (endpoint === 'engage') return { type: 'identify', id: '', userId: String(record.$distinct_id), payload }
  if (endpoint === 'groups') return { type: 'group', id: '', payload }
  const props = record.properties as Record<string, unknown>
  const type = segmentTypeIn(EVENT_TYPES, record.event as string)
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

/** The answer to a request whose records are not all valid. */
function partialAnswer(endpoint: MixpanelEndpoint, failed: readonly FailedRecord[], imported: number, strict: boolean): HttpAnswer {
  // Mixpanel answers profile updates 200 even when they fail validation; the body says so.
  if (isProfileEndpoint(endpoint)) return jsonAnswer(200, { status: 0, error: failed.map((f) => `${f.index}: ${f.message}`).join('; ') })
  if (strict) {
    return jsonAnswer(400, {
      code: 400,
      error: 'some data points in the request failed validation',
      status: 'Bad Request',
      num_records_imported: imported,
      failed_records: failed,
    })
  }
  return mixpanelError(400, failed[0]?.message ?? 'invalid')
}

/** The refusal of a whole request before its records are validated one by one, or undefined. */
function requestProblem(
  records: readonly unknown[],
  objects: readonly Record<string, unknown>[],
  options: MixpanelParseOptions,
): HttpAnswer | undefined {
  if (objects.length !== records.length) return mixpanelError(400, 'every record must be a JSON object')
  if (!authorized(objects, options)) return mixpanelError(401, 'Invalid credentials or project token')
  if (options.endpoint === 'import' && basicPassword(options.authorization) !== '' && options.query.get('project_id') === null) {
    // A service account (user name and secret) must name its project.
    return mixpanelError(400, 'project_id is required with a service account', 'Bad Request')
  }
  if (records.length > MIXPANEL_MAX_RECORDS) return mixpanelError(413, `at most ${MIXPANEL_MAX_RECORDS} records per request`)
  return undefined
}

/** Checks auth and validates the records of one Mixpanel request. Pure. */
function parseMixpanelRecords(records: readonly unknown[], options: MixpanelParseOptions): IngestVerdict {
  const { endpoint, query } = options
  const envelope = { format: options.format, query: Object.fromEntries([...query].filter(([k]) => k !== 'data')) }
  const count = records.length
  const objects = records.filter(isRecord)
  const refusal = requestProblem(records, objects, options)
  if (refusal !== undefined) return { answer: refusal, messageCount: count, envelope }
  if (count === 0) return { answer: mixpanelError(400, 'no records'), messageCount: 0, envelope }
  const failed: FailedRecord[] = []
  const messages: AcceptedMessage[] = []
  objects.forEach((record, index) => {
    const problem = isProfileEndpoint(endpoint) ? profileProblem(record, endpoint) : eventProblem(record, options)
    if (problem === undefined) return void messages.push(accepted(record, endpoint))
    const insertId =
      isRecord(record.properties) && typeof record.properties.$insert_id === 'string' ? { insert_id: record.properties.$insert_id } : {}
    failed.push({ index, ...insertId, ...problem })
  })
  if (failed.length === 0) return { answer: success(endpoint, messages.length, query), messages, messageCount: count, envelope }
  const strict = endpoint === 'import' && query.get('strict') === '1'
  const answer = partialAnswer(endpoint, failed, messages.length, strict)
  // A strict /import is a partial success: its valid events are ingested (and recorded).
  return strict ? { answer, messages, messageCount: count, envelope } : { answer, messageCount: count, envelope }
}

/** Decodes the body's records (whatever their form) and validates them. Pure. */
function parseMixpanelBody(body: unknown, request: ProtocolRequest): IngestVerdict {
  const records = decodeMixpanelRecords(typeof body === 'string' ? body : '', request.contentType, request.query)
  if (!records.ok) return { answer: mixpanelError(400, records.error), messageCount: 0 }
  return parseMixpanelRecords(records.records, {
    endpoint: (request.endpoint ?? 'import') as MixpanelEndpoint,
    format: records.format,
    query: request.query,
    messageBytes: request.limits.messageBytes,
    now: request.now,
    ...(request.keys === undefined ? {} : { keys: request.keys }),
    ...(request.authorization === undefined ? {} : { authorization: request.authorization }),
  })
}

/** A Mixpanel event or profile update as the Segment message it stands for (best effort). Pure. */
function mixpanelSpecView(message: SpecSource, item: Record<string, unknown>): Record<string, unknown> {
  if (item.$distinct_id !== undefined)
    return definedEntries({ type: 'identify', userId: item.$distinct_id, traits: item.$set ?? {}, timestamp: isoTime(item.$time) })
  if (item.$group_key !== undefined)
    return definedEntries({ type: 'group', groupType: item.$group_key, groupId: item.$group_id, traits: item.$set ?? {} })
  const props = isRecord(item.properties) ? item.properties : {}
  const { distinct_id, $insert_id, time, token: _token, $device_id, $user_id: _user, ...rest } = props
  const base = { type: message.type, messageId: $insert_id, userId: distinct_id, anonymousId: $device_id, timestamp: isoTime(time) }
  if (message.type === 'page' || message.type === 'screen') return definedEntries({ ...base, name: rest.name, properties: rest })
  if (message.type === 'identify' || message.type === 'alias') return definedEntries({ ...base, previousId: rest.$anon_distinct_id })
  return definedEntries({ ...base, event: item.event, properties: rest })
}

const ENDPOINT_METHODS = ['POST', 'GET'] as const

/** Mixpanel's ingestion API (events by POST, and by GET with `data=` as the official package sends single calls). */
export const mixpanelProtocol: SinkProtocol<'mixpanel'> = {
  name: 'mixpanel',
  routes: Object.fromEntries(
    MIXPANEL_ENDPOINTS.map((endpoint) => [`/${endpoint}`, { kind: 'ingest', methods: ENDPOINT_METHODS, endpoint }]),
  ),
  body: 'text',
  refuseBody: (problem) => statusErrorBodyAnswer(problem, 'body is not valid JSON'),
  parse: parseMixpanelBody,
  specView: mixpanelSpecView,
}
