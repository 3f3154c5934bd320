import { connect, type Socket } from 'node:net'
import { ConfigError } from '../errors.js'
import { encodeCommand, RespError, RespParser, type RespValue } from './resp.js'

/** Where and how to reach Redis. */
export interface RedisConnectionOptions {
  /** `redis://[[user]:password@]host[:port][/db]`. Overrides host, port, password, username and db. */
  url?: string
  host?: string
  port?: number
  username?: string
  password?: string
  db?: number
  /**
   * Commands not yet answered (written, or held while reconnecting), in bytes. Over it, new
   * commands are refused (the spool then refuses appends: `spool-full`). Default 64 MiB.
   */
  maxBufferBytes?: number
  /** First reconnect delay, in ms; doubles up to `maxReconnectDelayMs`. Default 50. */
  reconnectDelayMs?: number
  /** Longest reconnect delay, in ms. Default 2,000. */
  maxReconnectDelayMs?: number
}

export type ReplyCallback = (error: Error | undefined, reply: RespValue) => void

const PING = encodeCommand(['PING'])

interface Pending {
  buffer: Buffer
  callback: ReplyCallback
}

/**
 * A minimal pipelined RESP2 client over node:net. Commands are written to the socket at once when
 * connected and answered in order; while (re)connecting they are held, in order, in a bounded
 * buffer. Commands written but unanswered when the connection drops are written again after the
 * reconnect (at-least-once: a lost reply cannot lose a command, though it may run twice).
 */
export class RedisConnection {
  readonly host: string
  readonly port: number
  private readonly username: string | undefined
  private readonly password: string | undefined
  private readonly db: number
  private readonly maxBufferBytes: number
  private readonly baseDelay: number
  private readonly maxDelay: number
  private socket: Socket | undefined
  private connected = false
  private closed = false
  private parser = new RespParser()
  /** Commands written (or to write) and not yet answered, in order. */
  private readonly pending: Pending[] = []
  /** How many of `pending` (from the front) went out on the current socket. */
  private written = 0
  /** Replies still expected for the handshake (AUTH, SELECT) on the current socket. */
  private handshakeReplies = 0
  private pendingBytes = 0
  private attempts = 0
  private reconnectTimer: NodeJS.Timeout | undefined
  private readonly readyWaiters: { resolve: () => void; reject: (error: Error) => void }[] = []
  private readonly idleWaiters: (() => void)[] = []
  /** The last connection error, for diagnostics. */
  lastError: Error | undefined
  /** Connections made (1 after the first connect). */
  connects = 0

  constructor(options: RedisConnectionOptions) {
    let { host = '127.0.0.1', port = 6379, username, password, db = 0 } = options
    if (options.url !== undefined) {
      let url: URL
      try {
        url = new URL(options.url)
      } catch {
        throw new ConfigError('spool.redis.url', `is not a URL: ${options.url}`)
      }
      if (url.protocol !== 'redis:') throw new ConfigError('spool.redis.url', 'must start with redis:// (TLS is not supported)')
      host = url.hostname || host
      port = url.port ? Number(url.port) : 6379
      if (url.username) username = decodeURIComponent(url.username)
      if (url.password) password = decodeURIComponent(url.password)
      const path = url.pathname.replace(/^\//, '')
      if (path) db = Number(path)
    }
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ConfigError('spool.redis.port', 'must be a TCP port')
    if (!Number.isInteger(db) || db < 0) throw new ConfigError('spool.redis.db', 'must be a database number')
    this.host = host
    this.port = port
    this.username = username
    this.password = password
    this.db = db
    this.maxBufferBytes = options.maxBufferBytes ?? 64 * 1024 * 1024
    this.baseDelay = options.reconnectDelayMs ?? 50
    this.maxDelay = options.maxReconnectDelayMs ?? 2000
    this.open()
  }

  /** Is a connection up and usable (handshake answered)? */
  get isConnected(): boolean {
    return this.connected
  }

  /** Bytes of commands not answered yet. */
  get bufferedBytes(): number {
    return this.pendingBytes
  }

  /** Resolves once connected (at once if connected); rejects when closed first. */
  ready(): Promise<void> {
    if (this.connected) return Promise.resolve()
    if (this.closed) return Promise.reject(new Error('redis connection closed'))
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }))
  }

  /**
   * Sends a command: written to the socket before this returns when connected, held otherwise.
   * Returns `false` (and never calls back) when the buffer is full or the connection is closed.
   */
  send(args: readonly (string | number)[], callback: ReplyCallback): boolean {
    if (this.closed) return false
    const buffer = encodeCommand(args)
    if (this.pendingBytes + buffer.length > this.maxBufferBytes) return false
    this.pending.push({ buffer, callback })
    this.pendingBytes += buffer.length
    if (this.connected && this.socket) {
      if (this.written === this.pending.length - 1) {
        this.socket.ref()
        this.socket.write(buffer)
        this.written++
      }
    } else {
      this.reconnectTimer?.ref()
    }
    return true
  }

  /** Sends a command and resolves with its reply (rejects on an error reply or when refused). */
  command(args: readonly (string | number)[]): Promise<RespValue> {
    return new Promise((resolve, reject) => {
      const sent = this.send(args, (error, reply) => (error ? reject(error) : resolve(reply)))
      if (!sent) reject(new Error(this.closed ? 'redis connection closed' : 'redis command buffer full'))
    })
  }

  /** Resolves once every command sent so far is answered, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs)
      this.idleWaiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  /** Closes the socket; commands not answered yet are abandoned (their callbacks get an error). */
  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.socket?.destroy()
    this.socket = undefined
    this.connected = false
    const error = new Error('redis connection closed')
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error)
    for (const item of this.pending.splice(0)) item.callback(error, null)
    this.pendingBytes = 0
    for (const waiter of this.idleWaiters.splice(0)) waiter()
  }

  private open(): void {
    const socket = connect({ host: this.host, port: this.port, noDelay: true })
    this.socket = socket
    this.parser = new RespParser()
    this.written = 0
    this.connected = false
    this.handshakeReplies = 0
    socket.on('connect', () => {
      if (this.socket !== socket) return
      this.connects++
      const handshake: Buffer[] = []
      if (this.password !== undefined) {
        handshake.push(encodeCommand(this.username === undefined ? ['AUTH', this.password] : ['AUTH', this.username, this.password]))
      }
      if (this.db !== 0) handshake.push(encodeCommand(['SELECT', this.db]))
      // The last handshake reply (PING) says whether the server is usable (not still loading its data).
      handshake.push(PING)
      this.handshakeReplies = handshake.length
      socket.write(Buffer.concat(handshake))
    })
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return
      let replies: RespValue[]
      try {
        replies = this.parser.feed(chunk)
      } catch (error) {
        this.lastError = error as Error
        socket.destroy()
        return
      }
      for (const reply of replies) this.onReply(reply)
    })
    socket.on('error', (error) => {
      this.lastError = error
    })
    socket.on('close', () => {
      if (this.socket !== socket) return
      this.connected = false
      this.socket = undefined
      if (this.closed) return
      const delay = Math.min(this.maxDelay, this.baseDelay * 2 ** Math.min(this.attempts, 16))
      this.attempts++
      this.reconnectTimer = setTimeout(() => this.open(), delay)
      // Hold the process open only while commands wait.
      if (this.pending.length === 0) this.reconnectTimer.unref()
    })
  }

  /** The handshake is done: everything unanswered goes out again, in order. */
  private onReady(socket: Socket): void {
    this.attempts = 0
    this.connected = true
    this.written = this.pending.length
    if (this.pending.length > 0) socket.write(Buffer.concat(this.pending.map((p) => p.buffer)))
    else socket.unref()
    for (const waiter of this.readyWaiters.splice(0)) waiter.resolve()
  }

  private onReply(reply: RespValue): void {
    if (this.handshakeReplies > 0) {
      this.handshakeReplies--
      const socket = this.socket
      if (socket === undefined) return
      if (reply instanceof RespError) {
        this.lastError = reply
        if (this.handshakeReplies === 0 && /^(LOADING|BUSY|MASTERDOWN)/.test(reply.message)) {
          // Still loading its data set: ask again shortly, holding every command until then.
          this.handshakeReplies = 1
          setTimeout(() => {
            if (this.socket === socket) socket.write(PING)
          }, this.baseDelay).unref()
        } else {
          socket.destroy() // AUTH or SELECT refused: try again later (lastError says why)
        }
        return
      }
      if (this.handshakeReplies === 0) this.onReady(socket)
      return
    }
    const item = this.pending.shift()
    if (item === undefined) return
    this.written--
    this.pendingBytes -= item.buffer.length
    if (reply instanceof RespError) item.callback(reply, null)
    else item.callback(undefined, reply)
    if (this.pending.length === 0) {
      this.socket?.unref()
      for (const waiter of this.idleWaiters.splice(0)) waiter()
    }
  }
}
