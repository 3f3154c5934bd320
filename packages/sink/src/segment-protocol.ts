/**
 * The Segment family's wire protocol (RudderStack, Hightouch, Customer.io, Segment):
 * `POST /v1/batch` with `{batch: [...]}` and the single calls `POST /v1/{identify,track,…}`; the
 * write key is the HTTP Basic user; errors are `{code, message, index?, field?}`; success is the
 * vendor's declared answer.
 */
import { basicAuthUser, isKeyAccepted } from './auth.js'
import { bodyProblemText } from './decode-body.js'
import type { HttpAnswer } from './http-response.js'
import { codeMessageAnswer, describeItem, envelopeOf, isId, isRecord, jsonByteLength, type ProblemLocation } from './protocol-helpers.js'
import { SEGMENT_TYPES, isSegmentType, type SegmentType } from './segment-spec.js'
import type { AcceptedMessage, IngestVerdict, ProtocolRequest, ProtocolRoute, SinkProtocol } from './sink-protocol.js'

interface Problem {
  field: string
  message: string
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
function segmentMessageProblem(message: unknown, singleType?: SegmentType): Problem | undefined {
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

function refused(answer: HttpAnswer, messageCount: number, envelope?: unknown): IngestVerdict {
  return { answer, messageCount, envelope }
}

/** Validates items and sizes; all-or-nothing. */
function acceptItems(items: readonly unknown[], request: ProtocolRequest, isBatch: boolean, envelope?: unknown): IngestVerdict {
  const { singleType } = request
  const messageBytes = request.limits.messageBytes
  const messages: AcceptedMessage[] = []
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    const index = isBatch ? i : undefined
    const where = describeItem(index)
    const problem = segmentMessageProblem(item, singleType)
    if (problem !== undefined) {
      const location: ProblemLocation = problem.field === '' ? { index } : { index, field: problem.field }
      return refused(codeMessageAnswer(400, 'invalid_message', `${where}: ${problem.message}`, location), items.length, envelope)
    }
    const size = jsonByteLength(item)
    if (size > messageBytes) {
      const text = `${where} is ${size} bytes; the limit is ${messageBytes}`
      return refused(codeMessageAnswer(request.oversizeMessageStatus, 'message_too_large', text, { index }), items.length, envelope)
    }
    messages.push(toAccepted(item as Record<string, unknown>, singleType))
  }
  return { answer: request.success, messages, messageCount: messages.length, envelope }
}

/** Validates a Segment-family body (already JSON-parsed): a batch, or one message on a single-call route. Pure. */
function parseSegmentBody(body: unknown, request: ProtocolRequest): IngestVerdict {
  if (request.singleType !== undefined) return acceptItems([body], request, false)
  if (!isRecord(body)) return refused(codeMessageAnswer(400, 'invalid_body', 'body must be a JSON object with a batch array'), 0)
  const envelope = envelopeOf(body)
  const invalidBatch = (message: string): IngestVerdict =>
    refused(codeMessageAnswer(400, 'invalid_body', message, { field: 'batch' }), 0, envelope)
  if (!Array.isArray(body.batch)) return invalidBatch('batch must be an array')
  if (body.batch.length === 0) return invalidBatch('batch is empty')
  return acceptItems(body.batch, request, true, envelope)
}

const POST = ['POST'] as const

function segmentRoutes(): Record<string, ProtocolRoute> {
  const routes: Record<string, ProtocolRoute> = { '/v1/batch': { kind: 'ingest', methods: POST } }
  for (const type of SEGMENT_TYPES) routes[`/v1/${type}`] = { kind: 'ingest', methods: POST, singleType: type }
  return routes
}

/** The Segment family's protocol. */
export const segmentProtocol: SinkProtocol<'segment'> = {
  name: 'segment',
  routes: segmentRoutes(),
  body: 'json',
  admit: (request) =>
    isKeyAccepted(basicAuthUser(request.authorization), request.keys)
      ? undefined
      : codeMessageAnswer(401, 'unauthorized', 'Invalid write key'),
  refuseBody: (problem) => {
    const { status, code, message } = bodyProblemText(problem)
    return codeMessageAnswer(status, code, message)
  },
  parse: parseSegmentBody,
  specView: (message, item) => ({ type: message.type, ...item }),
}
