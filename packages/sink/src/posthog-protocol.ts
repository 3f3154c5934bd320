/**
 * PostHog's capture format: `{api_key, batch: [{event, distinct_id, properties, timestamp, uuid}], sent_at}`.
 */
import { isKeyAccepted } from './auth.js'
import {
  envelopeOf,
  errorAnswer,
  isId,
  isRecord,
  jsonByteLength,
  type ParseResult,
  type ProblemLocation,
} from './protocol-result.js'
import type { AcceptedMessage } from './recorder.js'

/** What {@link parsePostHogBody} needs besides the body. */
export interface PostHogParseOptions {
  /** Accepted project keys; any non-empty key when absent. */
  keys?: readonly string[]
  messageBytes: number
  oversizeMessageStatus: number
}

const EVENT_TYPES: Readonly<Record<string, string>> = {
  $identify: 'identify',
  $create_alias: 'alias',
  $groupidentify: 'group',
  $pageview: 'page',
  $screen: 'screen',
}

/** The Segment type a PostHog event name stands for. Pure. */
export function segmentTypeOfEvent(event: string): string {
  return EVENT_TYPES[event] ?? 'track'
}

function failure(status: number, code: string, detail: string, count: number, location?: ProblemLocation, envelope?: unknown): ParseResult {
  const result: ParseResult = { ok: false, answer: errorAnswer('posthog', status, code, detail, location), messageCount: count }
  if (envelope !== undefined) result.envelope = envelope
  return result
}

function itemProblem(item: unknown): ProblemLocation & { message: string } | undefined {
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
export function parsePostHogBody(body: unknown, options: PostHogParseOptions): ParseResult {
  if (!isRecord(body)) return failure(400, 'invalid_payload', 'body must be a JSON object', 0)
  const envelope = envelopeOf(body)
  const count = Array.isArray(body.batch) ? body.batch.length : 0
  if (!isKeyAccepted(body.api_key, options.keys)) {
    const detail = 'Project API key invalid. You can find your project API key in PostHog project settings.'
    return failure(401, 'invalid_api_key', detail, count, {}, envelope)
  }
  if (!Array.isArray(body.batch)) return failure(400, 'invalid_payload', 'batch must be an array', 0, { field: 'batch' }, envelope)
  if (body.batch.length === 0) return failure(400, 'invalid_payload', 'batch is empty', 0, { field: 'batch' }, envelope)
  const messages: AcceptedMessage[] = []
  for (let index = 0; index < body.batch.length; index++) {
    const item: unknown = body.batch[index]
    const problem = itemProblem(item)
    if (problem !== undefined) {
      const { message, ...location } = problem
      return failure(400, 'invalid_payload', `batch[${index}]: ${message}`, count, { index, ...location }, envelope)
    }
    const size = jsonByteLength(item)
    if (size > options.messageBytes) {
      const detail = `batch[${index}] is ${size} bytes; the limit is ${options.messageBytes}`
      return failure(options.oversizeMessageStatus, 'event_too_large', detail, count, { index }, envelope)
    }
    messages.push(toAccepted(item as Record<string, unknown>))
  }
  return { ok: true, messages, envelope }
}
