import type { PolytrackError } from '@polytrack/core'
import type { Cluster, Redis } from 'ioredis'
import type { LuaScript } from './lua-scripts.js'
import { RedisSpoolError } from './redis-spool-error.js'

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
  private readonly changeListeners = new Set<() => void>()
  private lastReported: string | undefined
  private wasReady: boolean
  /** No connection attempt has ended yet (neither ready nor failed). */
  private firstAttempt: boolean
  private closed = false

  constructor(
    client: RedisClient,
    owned: boolean,
    private readonly where: string,
  ) {
    this.client = client
    this.owned = owned
    this.wasReady = client.status === 'ready'
    this.firstAttempt =
      client.status === 'connecting' || client.status === 'connect' || client.status === 'wait' || client.status === 'reconnecting'
    const onReady = (): void => {
      if (this.closed) return
      this.epoch++
      this.wasReady = true
      this.lastReported = undefined
      this.firstAttempt = false
      for (const listener of [...this.readyListeners]) listener()
      this.changed()
    }
    const onError = (error: Error): void => {
      this.firstAttempt = false
      this.report(error)
      this.changed()
    }
    const onClose = (): void => {
      this.firstAttempt = false
      this.changed()
    }
    const onEnd = (): void => {
      this.firstAttempt = false
      if (!this.closed && this.owned) this.report(new Error('the connection ended'))
      this.changed()
    }
    client.on('ready', onReady)
    client.on('error', onError)
    client.on('close', onClose)
    client.on('end', onEnd)
    this.detach = () => {
      client.off('ready', onReady)
      client.off('error', onError)
      client.off('close', onClose)
      client.off('end', onEnd)
    }
  }

  /** Can commands be sent now (and be written to the socket before `send` returns)? */
  get ready(): boolean {
    return !this.closed && this.client.status === 'ready'
  }

  /**
   * The client is still on its first connection attempt (neither ready nor failed yet): whether
   * an earlier backlog exists is about to be known.
   */
  get connecting(): boolean {
    return !this.closed && this.firstAttempt && this.client.status !== 'ready'
  }

  /** Calls `listener` after any change of the connection (ready, error, close, end). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  private changed(): void {
    for (const listener of [...this.changeListeners]) listener()
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
    const wrapped = new RedisSpoolError(auth ? 'auth' : 'connection', message, { cause: error })
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
    this.changed()
    this.changeListeners.clear()
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
