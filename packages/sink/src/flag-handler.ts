/**
 * Handles PostHog's feature-flag routes: `GET /flags/definitions` (and the older
 * `/api/feature_flag/local_evaluation`) for local evaluation, and `POST /flags` (and `/decide`)
 * for remote evaluation. Fault steps apply (queue `'posthog-flags'`, then `'posthog'`, then `'*'`).
 * Requests are recorded with `kind: 'flags'`; they carry no messages.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isKeyAccepted, recordableHeaders } from './auth.js'
import { settleStep, statusFaultAnswer } from './fault-steps.js'
import { builtInFlagsResponse, parseRemoteFlagsBody } from './flag-rules.js'
import { decodeBody } from './decode-body.js'
import { jsonAnswer, sendAnswer, type HttpAnswer } from './http-response.js'
import { POSTHOG_INVALID_KEY, posthogError, posthogProtocol } from './posthog-protocol.js'
import { isRecord } from './protocol-helpers.js'
import { readBody } from './read-body.js'
import type { FlagsRoute } from './routes.js'
import { maskSecrets } from './secret-mask.js'
import { vendorsOf, type SinkContext } from './sink-context.js'
import type { RecordedRequest } from './types.js'
import { limitsFor } from './vendor-table.js'

/** Largest accepted `/flags` body (before decompression). */
export const MAX_FLAGS_BODY = 1024 * 1024

type Draft = Omit<RecordedRequest, 'status' | 'bytes'>

/** The bearer token of an `Authorization` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^bearer\s+(\S+)\s*$/i.exec(header)
  return match === null ? undefined : match[1]
}

function record(ctx: SinkContext, draft: Draft, status: number, bytes: number, outcome: string): void {
  ctx.recorder.recordFlagRequest({ ...draft, status, bytes })
  ctx.log?.(`${draft.method} ${draft.path} → ${outcome} (flags)`)
}

function definitionsAnswer(ctx: SinkContext, req: IncomingMessage, query: URLSearchParams): HttpAnswer {
  if (!isKeyAccepted(bearerToken(req.headers.authorization), ctx.flagOptions.personalApiKeys)) {
    return posthogError(401, 'authentication_failed', 'Invalid personal API key.')
  }
  const allowed = ctx.keys.posthog
  if (allowed !== undefined && !isKeyAccepted(query.get('token') ?? undefined, allowed)) {
    return posthogError(401, 'invalid_api_key', POSTHOG_INVALID_KEY)
  }
  const etag = ctx.flags.etag
  if (ctx.flags.matches(req.headers['if-none-match'])) return { status: 304, contentType: '', body: '', headers: { etag } }
  return { status: 200, contentType: 'application/json', body: ctx.flags.body, headers: { etag, 'cache-control': 'no-cache' } }
}

async function remoteAnswer(ctx: SinkContext, draft: Draft, raw: Buffer): Promise<HttpAnswer> {
  const decoded = await decodeBody(raw, draft.gzip, limitsFor(vendorsOf(ctx), 'posthog', ctx.limits).batchBytes, 'json')
  if (!decoded.ok) return posthogProtocol.refuseBody(decoded.problem)
  if (isRecord(decoded.body)) draft.body = maskSecrets(decoded.body)
  const parsed = parseRemoteFlagsBody(decoded.body)
  if (!parsed.ok) return posthogError(parsed.status, parsed.code, parsed.detail)
  const allowed = ctx.keys.posthog
  if (allowed !== undefined && !isKeyAccepted(parsed.request.token, allowed)) {
    return posthogError(401, 'invalid_api_key', 'API key not valid. You can find your project API key in PostHog project settings.')
  }
  const { evaluate } = ctx.flagOptions
  if (evaluate === undefined) return jsonAnswer(200, builtInFlagsResponse(ctx.flags.payload, parsed.request, randomUUID()))
  try {
    return jsonAnswer(200, await evaluate(parsed.request))
  } catch (error) {
    return jsonAnswer(500, {
      type: 'server_error',
      code: 'evaluate_failed',
      detail: error instanceof Error ? error.message : String(error),
    })
  }
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  if (answer.status !== 304) return sendAnswer(res, answer)
  if (res.headersSent || res.destroyed) return
  res.writeHead(304, answer.headers)
  res.end()
}

/** Handles one flag request (never rejects). */
export async function handleFlags(ctx: SinkContext, route: FlagsRoute, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const draft: Draft = {
    id: ctx.recorder.nextRequestId(),
    vendor: 'posthog',
    method: req.method ?? 'GET',
    path: url.pathname,
    headers: recordableHeaders(req.headers),
    gzip: /\bgzip\b/i.test(req.headers['content-encoding'] ?? ''),
    messageCount: 0,
    receivedAt: new Date().toISOString(),
    kind: 'flags',
  }
  const step = ctx.faults.next('posthog', 'posthog-flags')
  const read = await readBody(req, MAX_FLAGS_BODY).catch(() => undefined)
  if (read === undefined) return record(ctx, draft, 0, 0, 'aborted')
  if (!read.ok) {
    const answer = { ...posthogProtocol.refuseBody({ kind: 'request-too-large' }), headers: { connection: 'close' } }
    record(ctx, draft, 413, read.bytes, '413')
    return sendAnswer(res, answer)
  }
  const final = await settleStep(step, res, ctx.closing)
  if (final === undefined) return record(ctx, draft, 0, read.bytes, 'aborted')
  if ('drop' in final) {
    record(ctx, draft, 0, read.bytes, 'drop')
    req.socket.destroy()
    return
  }
  const answer =
    'status' in final
      ? statusFaultAnswer(final)
      : route.endpoint === 'definitions'
        ? definitionsAnswer(ctx, req, url.searchParams)
        : await remoteAnswer(ctx, draft, read.body)
  record(ctx, draft, answer.status, read.bytes, String(answer.status))
  send(res, answer)
}
