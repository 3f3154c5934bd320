import type { TestCertificates } from './test-certificates.mjs'

/** Whether redis-server is on the PATH (`redis-server --version` exits 0). */
export function hasRedisServer(): boolean

/** A running redis-server. */
export interface RedisServer {
  port: number
  /** Its working directory (AOF, certificates); removed by `stop()`. */
  dir: string
  /** `redis://127.0.0.1:<port>` (or `rediss://` for a TLS server), with the password when there is one. */
  url: string
  /** Stops it (keeping its directory); `signal` SIGKILL for a crash, SIGSTOP/SIGCONT to freeze it. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /** Starts it again on the same port and directory (its AOF is replayed). */
  restart(): Promise<void>
  /** Freezes it (SIGSTOP): connections stay open, nothing is answered. `resume()` thaws it. */
  pause(): void
  /** Thaws it after `pause()` (SIGCONT). */
  resume(): void
  /** Stops it and removes its directory. */
  stop(): Promise<void>
}

/** Options of {@link startRedis}. */
export interface StartOptions {
  /** Extra arguments for redis-server (after the others). */
  args?: string[]
  /** Serve TLS only (no plain port) with these certificates; `requireClientCert` asks for one. */
  tls?: { certs: TestCertificates; requireClientCert?: boolean }
  /** `requirepass`. */
  password?: string
  /** Listen on this port (else a free one). */
  port?: number
  /**
   * `true` (the default): every write is in the append-only file before it is answered
   * (`--appendonly yes --appendfsync always`), so `restart()` keeps it. `false`: no persistence at
   * all (`--appendonly no`), what the benchmark measures against.
   */
  appendOnly?: boolean
}

/**
 * Starts redis-server on 127.0.0.1 (with no RDB snapshots) in a new temporary directory and
 * resolves once it accepts connections, retrying on up to five free ports when one is taken
 * meanwhile; rejects when it cannot start. Stop it with `stop()`.
 */
export function startRedis(options?: StartOptions): Promise<RedisServer>

/** A Sentinel watching one master (and the master itself). */
export interface SentinelSetup {
  master: RedisServer
  sentinelPort: number
  /** The master's name for the Sentinel. */
  name: string
  /** Stops the Sentinel and the master and removes their directories. */
  stop(): Promise<void>
}

/** Starts a master ({@link startRedis}) and one `redis-server --sentinel` monitoring it under `name` (default `polytrack`). */
export function startSentinel(name?: string): Promise<SentinelSetup>
