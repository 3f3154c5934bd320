/**
 * Handles one ingestion request end to end: read the body, apply the next fault step, evaluate,
 * record and answer. This is where the side effects of ingestion live.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { recordableHeaders } from './auth.js'
import { settleStep, statusFaultAnswer, type FinalStep } from './fault-steps.js'
import { sendAnswer, type HttpAnswer } from './http-response.js'
import { describeBody, evaluateIngest, type IngestInput } from './ingest-pipeline.js'
import { errorAnswer } from './protocol-result.js'
import { readBody } from './read-body.js'
import type { IngestRoute } from './routes.js'
import type { SinkContext } from './sink-context.js'
import type { RecordedMessage, RecordedRequest } from './types.js'
import { VENDORS, limitsFor } from './vendors.js'

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

function finish(ctx: SinkContext, draft: RequestDraft, ending: Ending): void {
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

function answerAndFinish(
  ctx: SinkContext,
  draft: RequestDraft,
  res: ServerResponse,
  answer: HttpAnswer,
  ending: Omit<Ending, 'status' | 'outcome'>,
): void {
  finish(ctx, draft, { ...ending, status: answer.status, outcome: String(answer.status) })
  sendAnswer(res, answer)
}

/** Applies a drop or status step: the messages are not recorded. */
async function applyFault(
  ctx: SinkContext,
  draft: RequestDraft,
  step: FinalStep,
  input: IngestInput,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const described = await describeBody(input)
  const ending = { bytes: input.raw.length, ...described }
  if ('drop' in step) {
    finish(ctx, draft, { ...ending, status: 0, outcome: 'drop' })
    req.socket.destroy()
  } else if ('status' in step) {
    answerAndFinish(ctx, draft, res, statusFaultAnswer(step), ending)
  }
}

/** Handles an ingestion request (never rejects). */
export async function handleIngest(
  ctx: SinkContext,
  route: IngestRoute,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const draft = draftOf(ctx, route, req, path)
  const step = ctx.faults.next(route.vendor)
  const limits = limitsFor(route.vendor, ctx.limits)
  const read = await readBody(req, limits.batchBytes * 2).catch(() => undefined)
  if (read === undefined) return finish(ctx, draft, { status: 0, outcome: 'aborted', bytes: 0, messageCount: 0 })
  if (!read.ok) {
    const answer = errorAnswer(VENDORS[route.vendor].protocol, 413, 'payload_too_large', 'request body is too large')
    answer.headers = { connection: 'close' }
    return answerAndFinish(ctx, draft, res, answer, { bytes: read.bytes, messageCount: 0 })
  }
  const final = await settleStep(step, res, ctx.closing)
  if (final === undefined) return finish(ctx, draft, { status: 0, outcome: 'aborted', bytes: read.bytes, messageCount: 0 })
  const input: IngestInput = { vendor: route.vendor, raw: read.body, gzip: draft.gzip, limits }
  if (route.singleType !== undefined) input.singleType = route.singleType
  if (route.endpoint !== undefined) input.endpoint = route.endpoint
  input.query = new URL(req.url ?? '/', 'http://sink.invalid').searchParams
  if (req.headers['content-type'] !== undefined) input.contentType = req.headers['content-type']
  if (req.headers.authorization !== undefined) input.authorization = req.headers.authorization
  const keys = ctx.keys[route.vendor]
  if (keys !== undefined) input.keys = keys
  if (!('pass' in final)) return applyFault(ctx, draft, final, input, req, res)
  const verdict = await evaluateIngest(input)
  const recorded =
    verdict.messages === undefined
      ? undefined
      : ctx.recorder.recordMessages(route.vendor, draft.id, draft.receivedAt, verdict.messages)
  answerAndFinish(ctx, draft, res, verdict.answer, {
    bytes: read.bytes,
    messageCount: verdict.messageCount,
    envelope: verdict.envelope,
    ...(recorded === undefined ? {} : { recorded }),
  })
}
