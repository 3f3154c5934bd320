/**
 * PostHog's capture protocol: `POST /batch/`, `/capture/`, `/i/v0/e/` with
 * `{api_key, batch: [{event, distinct_id, properties, timestamp, uuid}], sent_at}`; the project key
 * is the body's `api_key`; errors are `{type, code, detail, index?, field?}`. Also declares
 * PostHog's feature-flag routes (served by the flag handler).
 */
import { isKeyAccepted } from './auth.js'
import { bodyProblemText } from './decode-body.js'
import { jsonAnswer, type HttpAnswer } from './http-response.js'
import { definedEntries, envelopeOf, isId, isRecord, jsonByteLength, segmentTypeIn, type ProblemLocation } from './protocol-helpers.js'
import type { AcceptedMessage, IngestVerdict, ProtocolRequest, SinkProtocol, SpecSource } from './sink-protocol.js'

const EVENT_TYPES: Readonly<Record<string, string>> = {
  $identify: 'identify',
  $create_alias: 'alias',
  $groupidentify: 'group',
  $pageview: 'page',
  $screen: 'screen',
}

/** The Segment type a PostHog event name stands for. Pure. */
export function segmentTypeOfEvent(event: string): string {
  return segmentTypeIn(EVENT_TYPES, event)
}

/**
 * An error answer in PostHog's style: `{type, code, detail}` (`type` is `authentication_error`
 * for 401, else `validation_error`), plus the location when known.
 */
export function posthogError(status: number, code: string, detail: string, location: ProblemLocation = {}): HttpAnswer {
  const type = status === 401 ? 'authentication_error' : 'validation_error'
  return jsonAnswer(status, { type, code, detail, ...location })
}

/** The detail PostHog gives for a project key it does not know. */
export const POSTHOG_INVALID_KEY = 'Project API key invalid. You can find your project API key in PostHog project settings.'

function failure(
  status: number,
  code: string,
  detail: string,
  count: number,
  location?: ProblemLocation,
  envelope?: unknown,
): IngestVerdict {
  return { answer: posthogError(status, code, detail, location), messageCount: count, envelope }
}

function itemProblem(item: unknown): (ProblemLocation & { message: string }) | undefined {
  if (!isRecord(item)) return { message: 'must be a JSON object' }
  if (typeof item.event !== 'string' || item.event === '') {
    return { field: 'event', message: 'event must be a non-empty string' }
  }
  if (!isId(item.distinct_id)) {
    return { field: 'distinct_id', message: 'distinct_id must be a non-empty string or a number' }
  }
  return undefined
}

function toAccepted(item: Record<string, unknown>): AcceptedMessage {
  return {
    type: segmentTypeOfEvent(item.event as string),
    id: typeof item.uuid === 'string' ? item.uuid : '',
    userId: String(item.distinct_id),
    payload: item,
  }
}

/** Checks the key and validates a PostHog batch body (already JSON-parsed). Pure. */
function parsePostHogBody(body: unknown, request: ProtocolRequest): IngestVerdict {
  if (!isRecord(body)) return failure(400, 'invalid_payload', 'body must be a JSON object', 0)
  const envelope = envelopeOf(body)
  const count = Array.isArray(body.batch) ? body.batch.length : 0
  if (!isKeyAccepted(body.api_key, request.keys)) return failure(401, 'invalid_api_key', POSTHOG_INVALID_KEY, count, {}, envelope)
  if (!Array.isArray(body.batch)) return failure(400, 'invalid_payload', 'batch must be an array', 0, { field: 'batch' }, envelope)
  if (body.batch.length === 0) return failure(400, 'invalid_payload', 'batch is empty', 0, { field: 'batch' }, envelope)
  const { messageBytes } = request.limits
  const messages: AcceptedMessage[] = []
  for (let index = 0; index < body.batch.length; index++) {
    const item: unknown = body.batch[index]
    const problem = itemProblem(item)
    if (problem !== undefined) {
      const { message, ...location } = problem
      return failure(400, 'invalid_payload', `batch[${index}]: ${message}`, count, { index, ...location }, envelope)
    }
    const size = jsonByteLength(item)
    if (size > messageBytes) {
      const detail = `batch[${index}] is ${size} bytes; the limit is ${messageBytes}`
      return failure(request.oversizeMessageStatus, 'event_too_large', detail, count, { index }, envelope)
    }
    messages.push(toAccepted(item as Record<string, unknown>))
  }
  return { answer: request.success, messages, messageCount: messages.length, envelope }
}

function withoutKeys(value: unknown, drop: readonly string[]): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) if (!drop.includes(key)) out[key] = item
  return out
}

/**
 * A PostHog capture item as the Segment message it stands for (best effort): `$identify` →
 * identify with `$set` as traits, `$groupidentify` → group, `$create_alias` → alias, `$pageview` →
 * page, `$screen` → screen, anything else → track with `properties`. Pure.
 */
function posthogSpecView(message: SpecSource, item: Record<string, unknown>): Record<string, unknown> {
  const props = isRecord(item.properties) ? item.properties : {}
  const base = { type: message.type, messageId: message.id === '' ? undefined : message.id, userId: message.userId }
  const view = (entries: Record<string, unknown>): Record<string, unknown> => ({
    ...definedEntries({ ...base, ...entries }),
    ...definedEntries({ timestamp: item.timestamp, context: item.context }),
  })
  switch (message.type) {
    case 'identify':
      return view({ anonymousId: props.$anon_distinct_id, traits: props.$set ?? {} })
    case 'alias':
      return view({ previousId: props.alias })
    case 'group':
      return view({ groupType: props.$group_type, groupId: props.$group_key, traits: props.$group_set ?? {} })
    case 'page':
      return view({ name: props.title ?? props.$current_url, properties: withoutKeys(props, ['$set', '$set_once']) })
    case 'screen':
      return view({ name: props.$screen_name, properties: withoutKeys(props, ['$screen_name', '$set', '$set_once']) })
    default:
      return view({ event: item.event, properties: withoutKeys(props, ['$set', '$set_once']) })
  }
}

const CAPTURE = { kind: 'ingest', methods: ['POST'] } as const

/** PostHog's capture protocol, with its feature-flag routes. */
export const posthogProtocol: SinkProtocol<'posthog'> = {
  name: 'posthog',
  routes: {
    '/batch': CAPTURE,
    '/capture': CAPTURE,
    '/i/v0/e': CAPTURE,
    '/flags/definitions': { kind: 'flags', methods: ['GET'], endpoint: 'definitions' },
    '/api/feature_flag/local_evaluation': { kind: 'flags', methods: ['GET'], endpoint: 'definitions' },
    '/flags': { kind: 'flags', methods: ['POST'], endpoint: 'remote' },
    '/decide': { kind: 'flags', methods: ['POST'], endpoint: 'remote' },
  },
  body: 'json',
  refuseBody: (problem) => {
    const { status, code, message } = bodyProblemText(problem)
    return posthogError(status, code, message)
  },
  parse: parsePostHogBody,
  specView: posthogSpecView,
}
