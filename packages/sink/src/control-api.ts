/**
 * The JSON control API under `/_sink/`. It never consumes fault steps. What it returns is
 * deep-masked ({@link maskSecrets}): message payloads, request headers and bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { faultStepProblem } from './fault-steps.js'
import { jsonAnswer, sendAnswer, type HttpAnswer } from './http-response.js'
import { isRecord } from './protocol-helpers.js'
import { readBody } from './read-body.js'
import type { ControlName } from './routes.js'
import { maskSecrets } from './secret-mask.js'
import type { FaultStep, FaultTarget, MessageFilter, RequestFilter, Sink, VendorName } from './types.js'
import type { VendorTable } from './vendor-declaration.js'
import { isFaultTargetIn, isVendorIn } from './vendor-table.js'
import { VENDOR_DECLARATIONS } from './vendors.js'

/** The part of {@link Sink} the control API drives. */
export type ControlTarget = Pick<Sink, 'messages' | 'requests' | 'stats' | 'reset' | 'inject'>

const MAX_CONTROL_BODY = 1024 * 1024

/** Thrown for a bad query or body; becomes a 400. */
class BadRequest extends Error {}

function badRequest(message: string): HttpAnswer {
  return jsonAnswer(400, { code: 'bad_request', message })
}

function vendorParam(query: URLSearchParams, table: VendorTable): VendorName | undefined {
  const vendor = query.get('vendor')
  if (vendor === null || vendor === '') return undefined
  if (!isVendorIn(table, vendor)) throw new BadRequest(`unknown vendor ${JSON.stringify(vendor)}`)
  return vendor
}

function countParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name)
  if (text === null || text === '') return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) throw new BadRequest(`${name} must be a non-negative integer`)
  return value
}

function messagesAnswer(target: ControlTarget, query: URLSearchParams, table: VendorTable): HttpAnswer {
  const filter: MessageFilter = {}
  const vendor = vendorParam(query, table)
  if (vendor !== undefined) filter.vendor = vendor
  const type = query.get('type')
  if (type !== null && type !== '') filter.type = type
  const userId = query.get('userId')
  if (userId !== null && userId !== '') filter.userId = userId
  const all = target.messages(filter)
  const offset = countParam(query, 'offset') ?? 0
  const limit = countParam(query, 'limit')
  const messages = all
    .slice(offset, limit === undefined ? undefined : offset + limit)
    .map((message) => ({ ...message, payload: maskSecrets(message.payload) }))
  return jsonAnswer(200, { total: all.length, offset, messages })
}

function requestsAnswer(target: ControlTarget, query: URLSearchParams, table: VendorTable): HttpAnswer {
  const filter: RequestFilter = {}
  const vendor = vendorParam(query, table)
  if (vendor !== undefined) filter.vendor = vendor
  const kind = query.get('kind')
  if (kind === 'ingest' || kind === 'flags') filter.kind = kind
  else if (kind !== null && kind !== '') throw new BadRequest('kind must be "ingest" or "flags"')
  const all = target.requests(filter)
  const limit = countParam(query, 'limit')
  const requests = (limit === undefined ? all : all.slice(Math.max(0, all.length - limit))).map((request) => {
    const masked = { ...request, headers: maskSecrets(request.headers) as Record<string, string> }
    if (request.body !== undefined) masked.body = maskSecrets(request.body)
    return masked
  })
  return jsonAnswer(200, { total: all.length, requests })
}

/** Validates a `POST /_sink/faults` body against the vendors of `table` (default: the built-in ones). Pure. */
export function parseFaultsBody(body: unknown, table: VendorTable = VENDOR_DECLARATIONS): { vendor: FaultTarget; steps: FaultStep[] } {
  if (!isRecord(body)) throw new BadRequest('body must be {"vendor": ..., "steps": [...]}')
  const { vendor, steps } = body
  if (!isFaultTargetIn(table, vendor)) throw new BadRequest('vendor must be a vendor name, "posthog-flags" or "*"')
  if (!Array.isArray(steps)) throw new BadRequest('steps must be an array')
  steps.forEach((step, index) => {
    const problem = faultStepProblem(step, `steps[${index}]`)
    if (problem !== undefined) throw new BadRequest(problem)
  })
  return { vendor, steps: steps as FaultStep[] }
}

async function faultsAnswer(target: ControlTarget, req: IncomingMessage, table: VendorTable): Promise<HttpAnswer> {
  const read = await readBody(req, MAX_CONTROL_BODY)
  if (!read.ok) return jsonAnswer(413, { code: 'payload_too_large', message: 'body is too large' })
  let body: unknown
  try {
    body = JSON.parse(read.body.toString('utf8'))
  } catch {
    throw new BadRequest('body is not valid JSON')
  }
  const { vendor, steps } = parseFaultsBody(body, table)
  target.inject(vendor, ...steps)
  return jsonAnswer(200, { ok: true, queued: steps.length })
}

async function answerFor(
  target: ControlTarget,
  table: VendorTable,
  name: ControlName,
  req: IncomingMessage,
  query: URLSearchParams,
): Promise<HttpAnswer> {
  switch (name) {
    case 'messages':
      return messagesAnswer(target, query, table)
    case 'requests':
      return requestsAnswer(target, query, table)
    case 'stats':
      return jsonAnswer(200, target.stats())
    case 'reset':
      target.reset()
      return jsonAnswer(200, { ok: true })
    case 'faults':
      return faultsAnswer(target, req, table)
    case 'health':
      return jsonAnswer(200, { ok: true })
  }
}

/** Handles one control request (never rejects); `table` holds the vendors the sink serves. */
export async function handleControl(
  target: ControlTarget,
  table: VendorTable,
  name: ControlName,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  try {
    sendAnswer(res, await answerFor(target, table, name, req, query))
  } catch (error) {
    if (error instanceof BadRequest) sendAnswer(res, badRequest(error.message))
    else throw error
  }
}
