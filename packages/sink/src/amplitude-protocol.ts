/**
 * Amplitude's HTTP V2 (`/2/httpapi`) and Batch (`/batch`) APIs: `{api_key, events: [...], options}`.
 * Answers as Amplitude documents: 200 `{code, events_ingested, payload_size_bytes, server_upload_time}`;
 * 400 for a bad key (`Invalid API key: …`), a missing field, or events it would reject (listed by
 * index under `events_with_missing_fields`, `events_with_invalid_fields`,
 * `events_with_invalid_id_lengths`); 413 over 2,000 events.
 */
import { jsonAnswer, type HttpAnswer } from './http-response.js'
import { isKeyAccepted } from './auth.js'
import { isRecord, jsonByteLength } from './protocol-result.js'
import type { AcceptedMessage } from './recorder.js'

/** Most events Amplitude takes in one request. */
export const AMPLITUDE_MAX_EVENTS = 2_000
/** Amplitude's default shortest user or device id. */
export const AMPLITUDE_MIN_ID_LENGTH = 5

/** What {@link parseAmplitudeBody} needs besides the body. */
export interface AmplitudeParseOptions {
  keys?: readonly string[]
  messageBytes: number
}

/** The verdict on one Amplitude body. */
export interface AmplitudeVerdict {
  answer: HttpAnswer
  messages?: AcceptedMessage[]
  messageCount: number
  envelope?: unknown
}

const TYPES: Readonly<Record<string, string>> = {
  $identify: 'identify',
  $groupidentify: 'group',
  '[Amplitude] Page Viewed': 'page',
  '[Amplitude] Screen Viewed': 'screen',
}

/** The Segment type an Amplitude `event_type` stands for (anything not special is `track`). Pure. */
export function segmentTypeOfAmplitudeEvent(eventType: string): string {
  return TYPES[eventType] ?? 'track'
}

function error400(fields: Record<string, unknown>, count: number, envelope: unknown): AmplitudeVerdict {
  return { answer: jsonAnswer(400, { code: 400, ...fields }), messageCount: count, envelope }
}

function idLength(value: unknown): number | undefined {
  return typeof value === 'string' ? value.length : undefined
}

/** Validates an Amplitude body (already JSON-parsed) the way Amplitude's API does. Pure. */
export function parseAmplitudeBody(body: unknown, options: AmplitudeParseOptions): AmplitudeVerdict {
  if (!isRecord(body)) return { answer: jsonAnswer(400, { code: 400, error: 'Invalid JSON request body' }), messageCount: 0 }
  const { api_key: _key, events, ...rest } = body
  const envelope = { api_key: '****', ...rest }
  const count = Array.isArray(events) ? events.length : 0
  if (!isKeyAccepted(body.api_key, options.keys)) {
    if (typeof body.api_key !== 'string' || body.api_key === '') return error400({ error: 'Request missing required field', missing_field: 'api_key' }, count, envelope)
    return error400({ error: 'Invalid API key: ****' }, count, envelope)
  }
  if (!Array.isArray(events) || events.length === 0) return error400({ error: 'Request missing required field', missing_field: 'events' }, count, envelope)
  if (events.length > AMPLITUDE_MAX_EVENTS) {
    return { answer: jsonAnswer(413, { code: 413, error: 'Payload too large' }), messageCount: count, envelope }
  }
  const minIdLength = isRecord(body.options) && typeof body.options.min_id_length === 'number' ? body.options.min_id_length : AMPLITUDE_MIN_ID_LENGTH
  const missing: Record<string, number[]> = {}
  const invalid: Record<string, number[]> = {}
  const idLengths: Record<string, number[]> = {}
  const note = (map: Record<string, number[]>, field: string, index: number) => (map[field] ??= []).push(index)
  events.forEach((event: unknown, index) => {
    if (!isRecord(event)) return note(invalid, 'event', index)
    if (typeof event.event_type !== 'string' || event.event_type === '') note(missing, 'event_type', index)
    const user = idLength(event.user_id)
    const device = idLength(event.device_id)
    if (user === undefined && device === undefined) note(missing, 'user_id', index)
    if (user !== undefined && user < minIdLength) note(idLengths, 'user_id', index)
    if (device !== undefined && device < minIdLength) note(idLengths, 'device_id', index)
    if (event.time !== undefined && (typeof event.time !== 'number' || !Number.isInteger(event.time))) note(invalid, 'time', index)
    if (jsonByteLength(event) > options.messageBytes) note(invalid, 'event', index)
  })
  if (Object.keys(missing).length + Object.keys(invalid).length + Object.keys(idLengths).length > 0) {
    return error400(
      {
        error: 'Request has invalid or missing events',
        events_with_missing_fields: missing,
        events_with_invalid_fields: invalid,
        events_with_invalid_id_lengths: idLengths,
        silenced_events: [],
      },
      count,
      envelope,
    )
  }
  const messages = (events as Record<string, unknown>[]).map((event) => {
    const accepted: AcceptedMessage = {
      type: segmentTypeOfAmplitudeEvent(event.event_type as string),
      id: typeof event.insert_id === 'string' ? event.insert_id : '',
      payload: event,
    }
    const user = event.user_id ?? event.device_id
    if (typeof user === 'string') accepted.userId = user
    return accepted
  })
  const ok = jsonAnswer(200, { code: 200, events_ingested: messages.length, payload_size_bytes: jsonByteLength(body), server_upload_time: Date.now() })
  return { answer: ok, messages, messageCount: messages.length, envelope }
}
