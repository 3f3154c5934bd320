/**
 * Handles one ingestion request end to end: read the body, apply the next fault step, evaluate,
 * record and answer. This is where the side effects of ingestion live.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { recordableHeaders } from './auth.js'
import { settleStep, statusFaultAnswer, type FinalStep } from './fault-steps.js'
import { sendAnswer, type HttpAnswer } from './http-response.js'
import { describeBody, evaluateIngest, type RawBody } from './ingest-pipeline.js'
import { readBody } from './read-body.js'
import type { IngestRoute } from './routes.js'
import { vendorsOf, type SinkContext } from './sink-context.js'
import type { ProtocolRequest, SinkProtocol, VendorLimits } from './sink-protocol.js'
import type { RecordedMessage, RecordedRequest } from './types.js'
import type { VendorDeclaration } from './vendor-declaration.js'
import { declarationOf, limitsFor, successAnswerOf } from './vendor-table.js'

/** What is known about a request before its body is processed. */
type RequestDraft = Omit<RecordedRequest, 'status' | 'bytes' | 'messageCount'>

/** How a request ended, for the records. */
interface Ending {
  status: number
  outcome: string
  bytes: number
  messageCount: number
  envelope?: unknown
  /** Records of the accepted messages (announced to live subscribers). */
  recorded?: readonly RecordedMessage[]
}

function isGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/i.test(req.headers['content-encoding'] ?? '')
}

function draftOf(ctx: SinkContext, route: IngestRoute, req: IncomingMessage, path: string): RequestDraft {
  return {
    id: ctx.recorder.nextRequestId(),
    vendor: route.vendor,
    method: req.method ?? 'POST',
    path,
    headers: recordableHeaders(req.headers),
    gzip: isGzip(req),
    receivedAt: new Date().toISOString(),
  }
}

/** One request in flight: where to record it and where to answer it. */
interface Exchange {
  ctx: SinkContext
  draft: RequestDraft
  req: IncomingMessage
  res: ServerResponse
}

function finish({ ctx, draft }: Exchange, ending: Ending): void {
  const request: RecordedRequest = {
    ...draft,
    status: ending.status,
    bytes: ending.bytes,
    messageCount: ending.messageCount,
  }
  if (ending.envelope !== undefined) request.body = ending.envelope
  const ok = ending.status >= 200 && ending.status < 300
  ctx.recorder.recordRequest(request, { outcome: ending.outcome, ok, bytes: ending.bytes, gzip: draft.gzip }, ending.recorded)
  const gzip = draft.gzip ? ', gzip' : ''
  ctx.log?.(`${draft.method} ${draft.path} → ${ending.outcome} (${ending.messageCount} messages, ${ending.bytes} bytes${gzip})`)
}

function answerAndFinish(exchange: Exchange, answer: HttpAnswer, ending: Omit<Ending, 'status' | 'outcome'>): void {
  finish(exchange, { ...ending, status: answer.status, outcome: String(answer.status) })
  sendAnswer(exchange.res, answer)
}

/** Everything the vendor's protocol learns about the request besides its body. */
function protocolRequestOf(
  ctx: SinkContext,
  route: IngestRoute,
  req: IncomingMessage,
  vendor: VendorDeclaration,
  limits: VendorLimits,
): ProtocolRequest {
  const request: ProtocolRequest = {
    query: new URL(req.url ?? '/', 'http://sink.invalid').searchParams,
    limits,
    oversizeMessageStatus: vendor.oversizeMessageStatus,
    success: successAnswerOf(vendor),
    now: Date.now(),
  }
  if (route.singleType !== undefined) request.singleType = route.singleType
  if (route.endpoint !== undefined) request.endpoint = route.endpoint
  if (req.headers['content-type'] !== undefined) request.contentType = req.headers['content-type']
  if (req.headers.authorization !== undefined) request.authorization = req.headers.authorization
  const keys = ctx.keys[route.vendor]
  if (keys !== undefined) request.keys = keys
  return request
}

/** Applies a drop or status step: the messages are not recorded. */
async function applyFault(
  exchange: Exchange,
  step: FinalStep,
  protocol: SinkProtocol,
  body: RawBody,
  request: ProtocolRequest,
): Promise<void> {
  const ending = { bytes: body.raw.length, ...(await describeBody(protocol, body, request)) }
  if ('drop' in step) {
    finish(exchange, { ...ending, status: 0, outcome: 'drop' })
    exchange.req.socket.destroy()
  } else if ('status' in step) {
    answerAndFinish(exchange, statusFaultAnswer(step), ending)
  }
}

/** Parses, records and answers a request that no fault step diverted. */
async function accept(exchange: Exchange, protocol: SinkProtocol, body: RawBody, request: ProtocolRequest): Promise<void> {
  const { ctx, draft } = exchange
  const verdict = await evaluateIngest(protocol, body, request)
  const recorded =
    verdict.messages === undefined ? undefined : ctx.recorder.recordMessages(draft.vendor, draft.id, draft.receivedAt, verdict.messages)
  answerAndFinish(exchange, verdict.answer, {
    bytes: body.raw.length,
    messageCount: verdict.messageCount,
    envelope: verdict.envelope,
    ...(recorded === undefined ? {} : { recorded }),
  })
}

/** Handles an ingestion request (never rejects). */
export async function handleIngest(
  ctx: SinkContext,
  route: IngestRoute,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const vendors = vendorsOf(ctx)
  const vendor = declarationOf(vendors, route.vendor)
  const exchange: Exchange = { ctx, draft: draftOf(ctx, route, req, path), req, res }
  const step = ctx.faults.next(route.vendor)
  const limits = limitsFor(vendors, route.vendor, ctx.limits)
  const read = await readBody(req, limits.batchBytes * 2).catch(() => undefined)
  if (read === undefined) return finish(exchange, { status: 0, outcome: 'aborted', bytes: 0, messageCount: 0 })
  if (!read.ok) {
    const answer = { ...vendor.protocol.refuseBody({ kind: 'request-too-large' }), headers: { connection: 'close' } }
    return answerAndFinish(exchange, answer, { bytes: read.bytes, messageCount: 0 })
  }
  const final = await settleStep(step, res, ctx.closing)
  if (final === undefined) return finish(exchange, { status: 0, outcome: 'aborted', bytes: read.bytes, messageCount: 0 })
  const body: RawBody = { raw: read.body, gzip: exchange.draft.gzip }
  const request = protocolRequestOf(ctx, route, req, vendor, limits)
  if (!('pass' in final)) return applyFault(exchange, final, vendor.protocol, body, request)
  return accept(exchange, vendor.protocol, body, request)
}
