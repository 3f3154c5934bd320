/**
 * `GET /_sink/events`: the inspector's server-sent event stream. On connect it sends `hello`
 * (vendors and counters) and the most recent messages; then one `message` event per recorded
 * message, `stats` shortly after changes, `reset` when the sink is reset, and a heartbeat comment.
 * Everything sent is masked ({@link maskSecrets}). A client that reads too slowly loses events
 * (announced with a `dropped` event) instead of growing the sink's memory.
 */
import type { ServerResponse } from 'node:http'
import type { RecorderEvent } from './recorder.js'
import { maskSecrets } from './secret-mask.js'
import { vendorsOf, type SinkContext } from './sink-context.js'
import { specViewIn } from './spec-view.js'
import type { RecordedMessage, RecordedRequest } from './types.js'
import type { VendorTable } from './vendor-declaration.js'
import { vendorNamesOf } from './vendor-table.js'

/** Messages sent on connect (the newest ones). */
export const EVENTS_RECENT = 500
/** Bytes a client may have pending before further events are dropped for it. */
export const EVENTS_MAX_PENDING_BYTES = 1024 * 1024
/** Interval of the `: ping` heartbeat comment. */
export const EVENTS_HEARTBEAT_MS = 15_000
/** Delay between a change and the `stats` event that follows it. */
const STATS_DELAY_MS = 250

/** The request facts sent along with each message. */
export interface LiveRequest {
  id: number
  method: string
  path: string
  status: number
  gzip: boolean
  bytes: number
  headers: Record<string, string>
}

/** The `data` of a `message` event. */
export interface LiveMessage {
  seq: number
  vendor: string
  type: string
  id: string
  userId?: string
  receivedAt: string
  requestId: number
  /** The Segment-spec view of the message (masked). */
  spec: unknown
  /** The vendor payload exactly as received, with credentials masked. */
  payload: unknown
  request?: LiveRequest
}

/** Masks a recorded request down to what the inspector shows. */
export function liveRequest(request: RecordedRequest): LiveRequest {
  return {
    id: request.id,
    method: request.method,
    path: request.path,
    status: request.status,
    gzip: request.gzip,
    bytes: request.bytes,
    headers: maskSecrets(request.headers) as Record<string, string>,
  }
}

/** The masked event data of one recorded message, its spec view by `vendors`' protocols. Pure. */
export function liveMessage(message: RecordedMessage, request: LiveRequest | undefined, vendors: VendorTable): LiveMessage {
  const payload = maskSecrets(message.payload)
  const live: LiveMessage = {
    seq: message.seq,
    vendor: message.vendor,
    type: message.type,
    id: message.id,
    receivedAt: message.receivedAt,
    requestId: message.requestId,
    spec: maskSecrets(specViewIn(vendors, message, payload)),
    payload,
  }
  if (message.userId !== undefined) live.userId = message.userId
  if (request !== undefined) live.request = request
  return live
}

/** One SSE frame. `data` is JSON, so it never contains a newline. */
export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

function countersOf(ctx: SinkContext): { total: number; byVendor: Record<string, number> } {
  const stats = ctx.recorder.stats()
  const byVendor: Record<string, number> = {}
  for (const vendor of vendorNamesOf(vendorsOf(ctx))) byVendor[vendor] = stats.byVendor[vendor]?.accepted ?? 0
  return { total: stats.total.accepted, byVendor }
}

function recentFrames(ctx: SinkContext): string {
  const messages = ctx.recorder.recentMessages(EVENTS_RECENT)
  if (messages.length === 0) return ''
  const wanted = new Set(messages.map((message) => message.requestId))
  const requests = new Map<number, LiveRequest>()
  for (const request of ctx.recorder.requests({ kind: 'ingest' })) {
    if (wanted.has(request.id)) requests.set(request.id, liveRequest(request))
  }
  return messages
    .map((message) => sseFrame('message', liveMessage(message, requests.get(message.requestId), vendorsOf(ctx)), message.seq))
    .join('')
}

/** Serves one event-stream client until it disconnects or the sink closes. */
export function handleEvents(ctx: SinkContext, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  })
  res.socket?.setNoDelay(true)
  let dropped = 0
  let statsTimer: NodeJS.Timeout | undefined
  const send = (chunk: string): void => {
    if (res.destroyed || res.writableEnded) return
    if (res.writableLength > EVENTS_MAX_PENDING_BYTES) {
      dropped++
      return
    }
    res.write(chunk)
  }
  const onDrain = (): void => {
    if (dropped === 0) return
    const count = dropped
    dropped = 0
    send(sseFrame('dropped', { count }))
    sendStatsSoon()
  }
  const sendStatsSoon = (): void => {
    statsTimer ??= setTimeout(() => {
      statsTimer = undefined
      send(sseFrame('stats', countersOf(ctx)))
    }, STATS_DELAY_MS)
  }
  const onEvent = (event: RecorderEvent): void => {
    if (event.kind === 'reset') {
      send(sseFrame('reset', countersOf(ctx)))
      return
    }
    const request = liveRequest(event.request)
    for (const message of event.messages) send(sseFrame('message', liveMessage(message, request, vendorsOf(ctx)), message.seq))
    sendStatsSoon()
  }
  const heartbeat = setInterval(() => send(': ping\n\n'), EVENTS_HEARTBEAT_MS)
  heartbeat.unref()

  const unsubscribe = ctx.recorder.subscribe(onEvent)
  const cleanup = (): void => {
    unsubscribe()
    clearInterval(heartbeat)
    if (statsTimer !== undefined) clearTimeout(statsTimer)
    res.off('drain', onDrain)
    ctx.closing.removeEventListener('abort', end)
    res.off('close', cleanup)
  }
  const end = (): void => {
    cleanup()
    res.end()
  }
  res.on('drain', onDrain)
  res.once('close', cleanup)
  ctx.closing.addEventListener('abort', end, { once: true })

  send(`retry: 2000\n\n${sseFrame('hello', { vendors: vendorNamesOf(vendorsOf(ctx)), recent: EVENTS_RECENT, counters: countersOf(ctx) })}`)
  send(recentFrames(ctx))
  send(sseFrame('ready', { seq: ctx.recorder.recentMessages(1)[0]?.seq ?? 0 }))
}
