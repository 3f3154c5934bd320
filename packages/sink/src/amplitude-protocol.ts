/**
 * Amplitude's HTTP V2 (`/2/httpapi`) and Batch (`/batch`) APIs: `{api_key, events: [...], options}`.
 * Answers as Amplitude documents: 200 `{code, events_ingested, payload_size_bytes, server_upload_time}`;
 * 400 for a bad key (`Invalid API key: …`), a missing field, or events it would reject (listed by
 * index under `events_with_missing_fields`, `events_with_invalid_fields`,
 * `events_with_invalid_id_lengths`); 413 over 2,000 events.
 */
import { isKeyAccepted } from './auth.js'
import { definedEntries, isRecord, isoTime, jsonByteLength, segmentTypeIn, statusErrorBodyAnswer } from './protocol-helpers.js'
import { jsonAnswer, type HttpAnswer } from './http-response.js'
import type { AcceptedMessage, IngestVerdict, ProtocolRequest, SinkProtocol, SpecSource } from './sink-protocol.js'

/** Most events Amplitude takes in one request. */
export const AMPLITUDE_MAX_EVENTS = 2_000
/** Amplitude's default shortest user or device id. */
export const AMPLITUDE_MIN_ID_LENGTH = 5

const TYPES: Readonly<Record<string, string>> = {
  $identify: 'identify',
  $groupidentify: 'group',
  '[Amplitude] Page Viewed': 'page',
  '[Amplitude] Screen Viewed': 'screen',
}

/** The Segment type an Amplitude `event_type` stands for (anything not special is `track`). Pure. */
export function segmentTypeOfAmplitudeEvent(eventType: string): string {
  return segmentTypeIn(TYPES, eventType)
}

/** An error in Amplitude's style: `{code, error}` (and the fields Amplitude adds). */
function amplitudeError(status: number, fields: Record<string, unknown>): HttpAnswer {
  return jsonAnswer(status, { code: status, ...fields })
}

function error400(fields: Record<string, unknown>, count: number, envelope: unknown): IngestVerdict {
  return { answer: amplitudeError(400, fields), messageCount: count, envelope }
}

function idLength(value: unknown): number | undefined {
  return typeof value === 'string' ? value.length : undefined
}

type IndexLists = Record<string, Record<string, number[]>>

/** The indexes of the events Amplitude would reject, by list and field (empty lists when none). */
function eventProblems(events: readonly unknown[], minIdLength: number, messageBytes: number): IndexLists {
  const lists: IndexLists = { events_with_missing_fields: {}, events_with_invalid_fields: {}, events_with_invalid_id_lengths: {} }
  const note = (list: string, field: string, index: number): void =>
    void ((lists[list] as Record<string, number[]>)[field] ??= []).push(index)
  events.forEach((event: unknown, index) => {
    if (!isRecord(event)) return note('events_with_invalid_fields', 'event', index)
    if (typeof event.event_type !== 'string' || event.event_type === '') note('events_with_missing_fields', 'event_type', index)
    const user = idLength(event.user_id)
    const device = idLength(event.device_id)
    if (user === undefined && device === undefined) note('events_with_missing_fields', 'user_id', index)
    if (user !== undefined && user < minIdLength) note('events_with_invalid_id_lengths', 'user_id', index)
    if (device !== undefined && device < minIdLength) note('events_with_invalid_id_lengths', 'device_id', index)
    if (event.time !== undefined && (typeof event.time !== 'number' || !Number.isInteger(event.time)))
      note('events_with_invalid_fields', 'time', index)
    if (jsonByteLength(event) > messageBytes) note('events_with_invalid_fields', 'event', index)
  })
  return lists
}

function toAccepted(event: Record<string, unknown>): AcceptedMessage {
  const accepted: AcceptedMessage = {
    type: segmentTypeOfAmplitudeEvent(event.event_type as string),
    id: typeof event.insert_id === 'string' ? event.insert_id : '',
    payload: event,
  }
  const user = event.user_id ?? event.device_id
  if (typeof user === 'string') accepted.userId = user
  return accepted
}

/** Validates an Amplitude body (already JSON-parsed) the way Amplitude's API does. Pure. */
function parseAmplitudeBody(body: unknown, request: ProtocolRequest): IngestVerdict {
  if (!isRecord(body)) return { answer: amplitudeError(400, { error: 'Invalid JSON request body' }), messageCount: 0 }
  const { api_key: _key, events, ...rest } = body
  const envelope = { api_key: '****', ...rest }
  const count = Array.isArray(events) ? events.length : 0
  if (!isKeyAccepted(body.api_key, request.keys)) {
    if (typeof body.api_key !== 'string' || body.api_key === '')
      return error400({ error: 'Request missing required field', missing_field: 'api_key' }, count, envelope)
    return error400({ error: 'Invalid API key: ****' }, count, envelope)
  }
  if (!Array.isArray(events) || events.length === 0)
    return error400({ error: 'Request missing required field', missing_field: 'events' }, count, envelope)
  if (events.length > AMPLITUDE_MAX_EVENTS)
    return { answer: amplitudeError(413, { error: 'Payload too large' }), messageCount: count, envelope }
  const minIdLength =
    isRecord(body.options) && typeof body.options.min_id_length === 'number' ? body.options.min_id_length : AMPLITUDE_MIN_ID_LENGTH
  const problems = eventProblems(events, minIdLength, request.limits.messageBytes)
  if (Object.values(problems).some((list) => Object.keys(list).length > 0)) {
    return error400({ error: 'Request has invalid or missing events', ...problems, silenced_events: [] }, count, envelope)
  }
  const messages = (events as Record<string, unknown>[]).map(toAccepted)
  const ok = jsonAnswer(200, {
    code: 200,
    events_ingested: messages.length,
    payload_size_bytes: jsonByteLength(body),
    server_upload_time: request.now,
  })
  return { answer: ok, messages, messageCount: messages.length, envelope }
}

/** An Amplitude event as the Segment message it stands for (best effort). Pure. */
function amplitudeSpecView(message: SpecSource, item: Record<string, unknown>): Record<string, unknown> {
  const userProps = isRecord(item.user_properties) ? item.user_properties : {}
  const groupProps = isRecord(item.group_properties) ? item.group_properties : {}
  const base = {
    type: message.type,
    messageId: item.insert_id,
    userId: item.user_id,
    anonymousId: item.device_id,
    timestamp: isoTime(item.time),
  }
  switch (message.type) {
    case 'identify':
      return definedEntries({ ...base, traits: userProps.$set ?? {} })
    case 'group': {
      const [groupType, groupId] = Object.entries(isRecord(item.groups) ? item.groups : {})[0] ?? []
      return definedEntries({ ...base, groupType, groupId, traits: groupProps.$set ?? {} })
    }
    case 'page':
    case 'screen': {
      const props = isRecord(item.event_properties) ? item.event_properties : {}
      return definedEntries({ ...base, name: props.name ?? props['[Amplitude] Screen Name'], properties: props })
    }
    default:
      return definedEntries({ ...base, event: item.event_type, properties: item.event_properties ?? {} })
  }
}

const INGEST = ['POST'] as const

/** Amplitude's HTTP V2 and Batch APIs. */
export const amplitudeProtocol: SinkProtocol<'amplitude'> = {
  name: 'amplitude',
  routes: {
    '/2/httpapi': { kind: 'ingest', methods: INGEST, endpoint: '2/httpapi' },
    '/batch': { kind: 'ingest', methods: INGEST, endpoint: 'batch' },
  },
  body: 'json',
  refuseBody: (problem) => statusErrorBodyAnswer(problem, 'Invalid JSON request body'),
  parse: parseAmplitudeBody,
  specView: amplitudeSpecView,
}
