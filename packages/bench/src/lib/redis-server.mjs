/**
 * Starts a throw-away redis-server (Debian's package) on a free loopback port for the spool mode;
 * resolves with `{ url, tls?, stop }`, or `undefined` when redis-server (or, for `{ tls: true }`,
 * openssl) is not installed. With TLS it makes a CA and a server certificate with openssl and
 * serves TLS only; `tls` then holds the client options (`{ ca }`).
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function startRedisServer(options = {}) {
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined
  if (options.tls && spawnSync('openssl', ['version']).status !== 0) return undefined
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-bench-redis-'))
  const args = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]
  let tls
  if (options.tls) {
    const ssl = (...a) => {
      const r = spawnSync('openssl', a, { cwd: dir, encoding: 'utf8' })
      if (r.status !== 0) throw new Error(`openssl ${a[0]} failed: ${r.stderr}`)
    }
    ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=bench CA')
    writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n')
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1')
    ssl(
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
      '1',
      '-extfile',
      'server.ext',
    )
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
      '--tls-auth-clients',
      'no',
    )
    tls = { ca: readFileSync(join(dir, 'ca.crt'), 'utf8') }
  } else {
    args.push('--port', String(port))
  }
  const child = spawn('redis-server', args, { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    if (await canConnect(port)) break
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url: `${options.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    tls,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A loopback port that was free a moment ago (nothing listens on it now). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}
