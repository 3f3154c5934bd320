// Starts real redis-server processes (Debian package `redis-server`, 6.2 or newer) on free ports in
// temporary directories, for the tests: plain, TLS (with a CA, server and client certificates made
// by openssl in the test) and Sentinel. `redisTests()` fails with a clear message in CI when
// redis-server is missing, and skips locally.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, it } from 'vitest'

/** Is redis-server on PATH? */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0
}

/** Is openssl on PATH (for the TLS tests)? */
export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0
}

/**
 * `describe` for tests that need redis-server: skipped locally when it is missing, a failing test
 * in CI (`CI` set), where .ci/run installs it.
 */
export function describeRedis(name: string, body: () => void, needs: { openssl?: boolean } = {}): void {
  const missing = !hasRedisServer() ? 'redis-server' : needs.openssl && !hasOpenssl() ? 'openssl' : undefined
  if (missing !== undefined && process.env.CI) {
    describe(name, () => {
      it(`needs ${missing}`, () => {
        throw new Error(
          `${missing} is not installed: .ci/run installs it (apt-get install redis-server openssl); install it to run the Redis spool tests`,
        )
      })
    })
    return
  }
  describe.skipIf(missing !== undefined)(name, body)
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Certificates for a TLS test: a CA, a server certificate for 127.0.0.1/localhost, a client certificate. */
export interface TestCertificates {
  dir: string
  ca: string
  caPath: string
  serverCert: string
  serverKey: string
  clientCert: string
  clientKey: string
}

/** Makes a CA and certificates signed by it with openssl, in a temporary directory. */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-redis-tls-'))
  const run = (...args: string[]): void => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`)
  }
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=Polytrack Test CA',
  )
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  )
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost')
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  )
  writeFileSync(
    join(dir, 'client.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
  )
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=polytrack-client')
  run(
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'client.crt',
    '-days',
    '2',
    '-extfile',
    'client.ext',
  )
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8')
  return {
    dir,
    ca: read('ca.crt'),
    caPath: join(dir, 'ca.crt'),
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCert: read('client.crt'),
    clientKey: read('client.key'),
  }
}

/** A running redis-server. */
export interface RedisServer {
  port: number
  dir: string
  /** `redis://127.0.0.1:<port>` (or `rediss://` for a TLS server). */
  url: string
  /** Stops it (keeping its directory); `signal` SIGKILL for a crash, SIGSTOP/SIGCONT to freeze it. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /** Starts it again on the same port and directory (its AOF is replayed). */
  restart(): Promise<void>
  /** Freezes it (SIGSTOP): connections stay open, nothing is answered. `resume()` thaws it. */
  pause(): void
  resume(): void
  stop(): Promise<void>
}

export interface StartOptions {
  /** Extra arguments for redis-server. */
  args?: string[]
  /** Serve TLS only (no plain port) with these certificates; `requireClientCert` asks for one. */
  tls?: { certs: TestCertificates; requireClientCert?: boolean }
  /** `requirepass`. */
  password?: string
  /** Listen on this port (else a free one). */
  port?: number
}

/** Starts redis-server (`--appendonly yes --appendfsync always`) on a free port; resolves once it accepts connections. */
export async function startRedis(options: StartOptions = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-redis-'))
  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port ?? (await freePort())
    const args = serverArgs(port, dir, options)
    try {
      let child = await launch('redis-server', args)
      const handle: RedisServer = {
        port,
        dir,
        url: `${options.tls ? 'rediss' : 'redis'}://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}`,
        async kill(signal = 'SIGTERM') {
          if (child.exitCode !== null || child.signalCode !== null) return
          const exited = new Promise((resolve) => child.once('exit', resolve))
          if (signal !== 'SIGCONT') child.kill('SIGCONT')
          child.kill(signal)
          await exited
        },
        async restart() {
          await handle.kill()
          child = await launch('redis-server', args)
        },
        pause() {
          child.kill('SIGSTOP')
        },
        resume() {
          child.kill('SIGCONT')
        },
        async stop() {
          await handle.kill()
          rmSync(dir, { recursive: true, force: true })
        },
      }
      return handle
    } catch (error) {
      lastError = error
    }
  }
  rmSync(dir, { recursive: true, force: true })
  throw lastError
}

function serverArgs(port: number, dir: string, options: StartOptions): string[] {
  const args = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir]
  if (options.tls) {
    const { certs, requireClientCert } = options.tls
    writeFileSync(join(dir, 'server.crt'), certs.serverCert)
    writeFileSync(join(dir, 'server.key'), certs.serverKey)
    writeFileSync(join(dir, 'ca.crt'), certs.ca)
    args.push(
      '--port',
      '0',
      '--tls-port',
      String(port),
      '--tls-cert-file',
      join(dir, 'server.crt'),
      '--tls-key-file',
      join(dir, 'server.key'),
      '--tls-ca-cert-file',
      join(dir, 'ca.crt'),
    )
    args.push('--tls-auth-clients', requireClientCert ? 'yes' : 'no')
  } else {
    args.push('--port', String(port))
  }
  if (options.password) args.push('--requirepass', options.password)
  return [...args, ...(options.args ?? [])]
}

/** A Sentinel watching one master (and the master itself). */
export interface SentinelSetup {
  master: RedisServer
  sentinelPort: number
  name: string
  stop(): Promise<void>
}

/** Starts a master and one `redis-server --sentinel` monitoring it under `name`. */
export async function startSentinel(name = 'polytrack'): Promise<SentinelSetup> {
  const master = await startRedis()
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-sentinel-'))
  const port = await freePort()
  const config = join(dir, 'sentinel.conf')
  writeFileSync(
    config,
    `port ${port}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor ${name} 127.0.0.1 ${master.port} 1\nsentinel down-after-milliseconds ${name} 5000\n`,
  )
  const child = await launch('redis-server', [config, '--sentinel'], /Sentinel ID is|monitor master/)
  return {
    master,
    sentinelPort: port,
    name,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
      await master.stop()
    },
  }
}

function launch(command: string, args: string[], ready: RegExp = /Ready to accept connections/): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const onData = (data: Buffer): void => {
      output += data.toString()
      if (ready.test(output)) {
        child.stdout?.off('data', onData)
        child.stdout?.resume()
        child.off('exit', onExit)
        resolve(child)
      }
    }
    const onExit = (code: number | null): void =>
      reject(new Error(`${command} exited (${code}) before it was ready: ${output.slice(-500)}`))
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
    child.once('error', reject)
    child.once('exit', onExit)
  })
}

/**
 * Starts a redis-server and an admin client on it before the enclosing describe block's tests, and
 * disconnects and stops them after (vitest hooks). Read `redis` and `admin` inside the tests.
 */
export function useRedis(): { readonly redis: RedisServer; readonly admin: Redis } {
  const state = {} as { redis: RedisServer; admin: Redis }
  beforeAll(async () => {
    state.redis = await startRedis()
    state.admin = new Redis(state.redis.port, '127.0.0.1')
  })
  afterAll(async () => {
    state.admin?.disconnect()
    await state.redis?.stop()
  })
  return state
}
