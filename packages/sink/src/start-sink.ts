/**
 * {@link startSink}: wires the recorder, the fault queue and the handlers to a node:http server.
 */
import { setMaxListeners } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleControl, type ControlTarget } from './control-api.js'
import { handleEvents } from './event-stream.js'
import { FaultQueue } from './fault-queue.js'
import { assertFaultSteps } from './fault-steps.js'
import { handleFlags } from './flag-handler.js'
import { FlagStore } from './flag-store.js'
import { jsonAnswer, sendAnswer, type HttpAnswer } from './http-response.js'
import { handleIngest } from './ingest-handler.js'
import { inspectorAnswer } from './inspector-page.js'
import { Recorder } from './recorder.js'
import { boundHostnames, guardRequest, type GuardSettings } from './request-guard.js'
import { resolveRoute } from './routes.js'
import { vendorsOf, type SinkContext } from './sink-context.js'
import type { FaultStep, FaultTarget, Sink, SinkOptions } from './types.js'
import type { VendorTable } from './vendor-declaration.js'
import { isFaultTargetIn, vendorColorsOf, vendorTableProblem } from './vendor-table.js'
import { VENDOR_DECLARATIONS } from './vendors.js'

/** Default of {@link SinkOptions.maxRecorded}. */
export const DEFAULT_MAX_RECORDED = 200_000
/** Default of {@link SinkOptions.maxRequests}. */
export const DEFAULT_MAX_REQUESTS = 10_000
/** Idle keep-alive sockets are closed after this many milliseconds. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000

/** What the request dispatcher of one sink holds besides the handlers' context. */
interface Served {
  control: ControlTarget
  guard: GuardSettings
  /** The inspector page, built once from the vendor declarations. */
  inspector: HttpAnswer
}

async function dispatch(ctx: SinkContext, served: Served, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { control, guard } = served
  const url = new URL(req.url ?? '/', 'http://sink.invalid')
  const route = resolveRoute(req.method ?? 'GET', url.pathname, vendorsOf(ctx))
  const refusal = guardRequest(req, route, guard)
  if (refusal !== undefined) {
    ctx.log?.(`${req.method ?? '?'} ${url.pathname} → ${refusal.status} (refused: Host, Origin or Content-Type)`)
    return sendAnswer(res, refusal)
  }
  switch (route.kind) {
    case 'ingest':
      return handleIngest(ctx, route, req, res, url.pathname)
    case 'control':
      return handleControl(control, vendorsOf(ctx), route.name, req, res, url.searchParams)
    case 'flags':
      return handleFlags(ctx, route, req, res, url)
    case 'inspector':
      return sendAnswer(res, served.inspector)
    case 'events':
      return handleEvents(ctx, res)
    case 'method-not-allowed':
      res.setHeader('allow', route.allow)
      return sendAnswer(res, jsonAnswer(405, { code: 'method_not_allowed', message: `use ${route.allow}` }))
    case 'not-found':
      return sendAnswer(res, jsonAnswer(404, { code: 'not_found', message: `no route for ${url.pathname}` }))
  }
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server.address() as AddressInfo)
    })
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

/**
 * Starts a sink on `options.host` (default `127.0.0.1`) and `options.port` (default: a random
 * free port). Resolves once it is listening.
 */
export function startSink(options: SinkOptions = {}): Promise<Sink> {
  return startSinkWith(VENDOR_DECLARATIONS, options)
}

/**
 * {@link startSink} serving the vendors of `vendors` instead of the built-in ones: every route,
 * parser, limit, spec view, counter and list of the sink reads this table. Not part of the
 * package's API: tests use it to prove that a declaration is all a vendor needs. Throws a
 * TypeError for a table with a bad vendor name or colour.
 */
export async function startSinkWith(vendors: VendorTable, options: SinkOptions = {}): Promise<Sink> {
  const problem = vendorTableProblem(vendors)
  if (problem !== undefined) throw new TypeError(problem)
  const recorder = new Recorder({
    maxRecorded: options.maxRecorded ?? DEFAULT_MAX_RECORDED,
    maxRequests: options.maxRequests ?? DEFAULT_MAX_REQUESTS,
  })
  const faults = new FaultQueue()
  const closing = new AbortController()
  setMaxListeners(0, closing.signal)
  const flags = new FlagStore(options.flags?.definitions)
  const flagOptions: SinkContext['flagOptions'] = {}
  if (options.flags?.personalApiKeys !== undefined) flagOptions.personalApiKeys = options.flags.personalApiKeys
  if (options.flags?.evaluate !== undefined) flagOptions.evaluate = options.flags.evaluate
  const ctx: SinkContext = {
    recorder,
    faults,
    keys: options.keys ?? {},
    limits: options.limits ?? {},
    flags,
    flagOptions,
    closing: closing.signal,
    vendors,
  }
  if (options.log === true) ctx.log = (line) => process.stdout.write(`[polytrack-sink] ${line}\n`)

  const control: ControlTarget = {
    messages: (filter) => recorder.messages(filter),
    requests: (filter) => recorder.requests(filter),
    stats: () => recorder.stats(),
    reset: () => {
      recorder.reset()
      faults.clear()
    },
    inject: (vendor: FaultTarget, ...steps: FaultStep[]) => {
      if (!isFaultTargetIn(vendors, vendor)) throw new TypeError(`unknown vendor ${String(vendor)}`)
      assertFaultSteps(steps)
      faults.push(vendor, steps)
    },
  }

  const host = options.host ?? '127.0.0.1'
  const guard: GuardSettings = { port: 0, hostnames: boundHostnames(host) }
  const served: Served = { control, guard, inspector: inspectorAnswer(vendorColorsOf(vendors)) }
  const server = createServer((req, res) => {
    dispatch(ctx, served, req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy()
      else sendAnswer(res, jsonAnswer(500, { code: 'internal_error', message: String(error) }))
    })
  })
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS
  const address = await listen(server, options.port ?? 0, host)
  guard.port = address.port
  const url = `http://${formatHost(host)}:${address.port}`

  let closed: Promise<void> | undefined
  return {
    url,
    port: address.port,
    urlFor: (vendor) => `${url}/${vendor}`,
    inspectorUrl: `${url}/`,
    ...control,
    setFlagDefinitions: (payload) => flags.set(payload),
    close: () => {
      if (closed === undefined) {
        closing.abort()
        closed = closeServer(server)
      }
      return closed
    },
  }
}
