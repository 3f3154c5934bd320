import { PolytrackError } from '@polytrack/core'
import type { Cluster, Redis } from 'ioredis'
import type { LuaScript } from './lua-scripts.js'

/** An ioredis client: a `Redis` (standalone or Sentinel) or a `Cluster`. */
export type RedisClient = Redis | Cluster

/** A reply Redis answered with an error (as opposed to a lost connection). */
export function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError'
}

/**
 * The spool's side of one ioredis client: commands go out only while the client is ready (ioredis
 * then writes them to the socket before the call returns); readiness and connection errors are
 * passed on; scripts run by EVALSHA, with EVAL the first time on each connection and whenever
 * the server answers NOSCRIPT.
 */
export class RedisLink {
  readonly client: RedisClient
  /** Did the spool create the client (and so must quit it)? */
  readonly owned: boolean
  private readonly readyListeners = new Set<() => void>()
  private readonly errorListeners = new Set<(error: PolytrackError) => void>()
  private readonly detach: () => void
  /** Bumped on every (re)connection: scripts are sent whole once per connection. */
  private epoch = 0
  private readonly loaded = new Map<string, number>()
  private lastReported: string | undefined
  private wasReady: boolean
  private closed = false

  constructor(client: RedisClient, owned: boolean, private readonly where: string) {
    this.client = client
    this.owned = owned
    this.wasReady = client.status === 'ready'
    const onReady = (): void => {
      if (this.closed) return
      this.epoch++
      this.wasReady = true
      this.lastReported = undefined
      for (const listener of [...this.readyListeners]) listener()
    }
    const onError = (error: Error): void => this.report(error)
    const onEnd = (): void => {
      if (!this.closed && this.owned) this.report(new Error('the connection ended'))
    }
    client.on('ready', onReady)
    client.on('error', onError)
    client.on('end', onEnd)
    this.detach = () => {
      client.off('ready', onReady)
      client.off('error', onError)
      client.off('end', onEnd)
    }
  }

  /** Can commands be sent now (and be written to the socket before `send` returns)? */
  get ready(): boolean {
    return !this.closed && this.client.status === 'ready'
  }

  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener)
    return () => this.readyListeners.delete(listener)
  }

  onError(listener: (error: PolytrackError) => void): () => void {
    this.errorListeners.add(listener)
    return () => this.errorListeners.delete(listener)
  }

  /** Sends a command (call it only while `ready`). */
  send(command: string, args: (string | number)[]): Promise<unknown> {
    return this.client.call(command, args) as Promise<unknown>
  }

  /** Runs a script: EVAL the first time on this connection, EVALSHA after; EVAL again on NOSCRIPT. */
  run(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    const epoch = this.epoch
    if (this.loaded.get(script.name) !== epoch) {
      this.loaded.set(script.name, epoch)
      return this.send('EVAL', [script.body, keys.length, ...keys, ...args])
    }
    return this.send('EVALSHA', [script.sha, keys.length, ...keys, ...args]).catch((error: unknown) => {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
      return this.send('EVAL', [script.body, keys.length, ...keys, ...args])
    })
  }

  /** Reports a connection problem once (again only after the connection was ready, or when it changes). */
  report(error: Error): void {
    if (this.closed) return
    const reason = describeConnectionError(error)
    if (reason === this.lastReported) return
    this.lastReported = reason
    const auth = /WRONGPASS|NOAUTH|NOPERM|invalid password|AUTH/i.test(error.message)
    const message = auth
      ? `Redis at ${this.where} refused the credentials (${reason}); messages are kept in memory (bounded by maxBufferBytes) until it accepts them`
      : `${this.wasReady ? 'lost the connection to' : 'cannot reach'} Redis at ${this.where} (${reason}); messages are kept in memory (bounded by maxBufferBytes) until it is back`
    const wrapped = new PolytrackError(auth ? 'spool_auth' : 'spool_connection', message, { cause: error })
    for (const listener of [...this.errorListeners]) listener(wrapped)
  }

  /**
   * Stops listening; when the spool created the client, quits it (QUIT, bounded by `budget`) and
   * then disconnects. A client the user gave is left as it is.
   */
  async close(budget: Promise<void>): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.readyListeners.clear()
    this.errorListeners.clear()
    if (!this.owned) {
      this.detach()
      return
    }
    const client = this.client
    client.on('error', () => undefined) // late socket errors after quit must not surface as unhandled
    if (client.status === 'ready') await Promise.race([client.quit().catch(() => undefined), budget])
    client.disconnect()
    this.detach()
  }
}

/** A short reason for a connection error, without anything secret (ioredis messages hold none; cut to one line). */
function describeConnectionError(error: Error): string {
  const first = (error.message || error.name || 'error').split('\n')[0] as string
  return first.length > 200 ? `${first.slice(0, 200)}…` : first
}
