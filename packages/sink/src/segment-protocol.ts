/**
 * The Segment-family wire format (RudderStack, Hightouch, Customer.io, Segment): validation of
 * `/v1/batch` bodies and single-call bodies.
 */
import {
  describeItem,
  envelopeOf,
  errorAnswer,
  isId,
  isRecord,
  jsonByteLength,
  type ParseResult,
  type ProblemLocation,
} from './protocol-result.js'
import type { AcceptedMessage } from './recorder.js'
import { SEGMENT_TYPES, type SegmentType } from './routes.js'

/** What {@link parseSegmentBody} needs besides the body. */
export interface SegmentParseOptions {
  /** The type implied by a single-call route; absent for `/v1/batch`. */
  singleType?: SegmentType
  messageBytes: number
  oversizeMessageStatus: number
}

interface Problem {
  field: string
  message: string
}

function isSegmentType(value: unknown): value is SegmentType {
  return typeof value === 'string' && (SEGMENT_TYPES as readonly string[]).includes(value)
}

function typeProblem(type: unknown, singleType: SegmentType | undefined): Problem | undefined {
  if (singleType !== undefined && type !== undefined && type !== singleType) {
    return { field: 'type', message: `type must be "${singleType}" on this route, got ${JSON.stringify(type)}` }
  }
  if (!isSegmentType(type ?? singleType)) {
    return { field: 'type', message: `type must be one of ${SEGMENT_TYPES.join(', ')}` }
  }
  return undefined
}

/** The first problem with one message's shape, or undefined. Pure. */
export function segmentMessageProblem(message: unknown, singleType?: SegmentType): Problem | undefined {
  if (!isRecord(message)) return { field: '', message: 'must be a JSON object' }
  const badType = typeProblem(message.type, singleType)
  if (badType !== undefined) return badType
  const type = (message.type ?? singleType) as SegmentType
  if (typeof message.messageId !== 'string' || message.messageId === '') {
    return { field: 'messageId', message: 'messageId must be a non-empty string' }
  }
  if (type === 'alias') {
    if (!isId(message.userId)) return { field: 'userId', message: 'alias needs a userId' }
    if (!isId(message.previousId)) return { field: 'previousId', message: 'alias needs a previousId' }
  } else if (!isId(message.userId) && !isId(message.anonymousId)) {
    return { field: 'userId', message: 'userId or anonymousId is required' }
  }
  if (type === 'track' && (typeof message.event !== 'string' || message.event === '')) {
    return { field: 'event', message: 'track needs a non-empty event' }
  }
  if (type === 'group' && !isId(message.groupId)) return { field: 'groupId', message: 'group needs a groupId' }
  return undefined
}

function toAccepted(message: Record<string, unknown>, singleType: SegmentType | undefined): AcceptedMessage {
  const accepted: AcceptedMessage = {
    type: (message.type ?? singleType) as string,
    id: message.messageId as string,
    payload: message,
  }
  if (isId(message.userId)) accepted.userId = String(message.userId)
  return accepted
}

function invalid(status: number, code: string, message: string, count: number, location?: ProblemLocation, envelope?: unknown): ParseResult {
  const result: ParseResult = { ok: false, answer: errorAnswer('segment', status, code, message, location), messageCount: count }
  if (envelope !== undefined) result.envelope = envelope
  return result
}

/** Validates items and sizes; all-or-nothing. */
function acceptItems(items: readonly unknown[], options: SegmentParseOptions, isBatch: boolean, envelope?: unknown): ParseResult {
  const messages: AcceptedMessage[] = []
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    const index = isBatch ? i : undefined
    const where = describeItem(index)
    const problem = segmentMessageProblem(item, options.singleType)
    if (problem !== undefined) {
      const location: ProblemLocation = problem.field === '' ? { index } : { index, field: problem.field }
      return invalid(400, 'invalid_message', `${where}: ${problem.message}`, items.length, location, envelope)
    }
    const size = jsonByteLength(item)
    if (size > options.messageBytes) {
      const text = `${where} is ${size} bytes; the limit is ${options.messageBytes}`
      return invalid(options.oversizeMessageStatus, 'message_too_large', text, items.length, { index }, envelope)
    }
    messages.push(toAccepted(item as Record<string, unknown>, options.singleType))
  }
  const result: ParseResult = { ok: true, messages }
  if (envelope !== undefined) result.envelope = envelope
  return result
}

/** Validates a Segment-family body (already JSON-parsed). Pure. */
export function parseSegmentBody(body: unknown, options: SegmentParseOptions): ParseResult {
  if (options.singleType !== undefined) return acceptItems([body], options, false)
  if (!isRecord(body)) return invalid(400, 'invalid_body', 'body must be a JSON object with a batch array', 0)
  const envelope = envelopeOf(body)
  if (!Array.isArray(body.batch)) return invalid(400, 'invalid_body', 'batch must be an array', 0, { field: 'batch' }, envelope)
  if (body.batch.length === 0) return invalid(400, 'invalid_body', 'batch is empty', 0, { field: 'batch' }, envelope)
  return acceptItems(body.batch, options, true, envelope)
}
