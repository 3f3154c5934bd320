// Real redis-server processes (Debian package `redis-server`, 6.2 or newer) on free loopback ports
// in temporary directories: plain, TLS only, with a password, and a Sentinel watching a master.
// Plain JavaScript, so that the benchmark (run by node, no build) starts its Redis with it too.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port.mjs'

/**
 * Whether redis-server is on the PATH (`redis-server --version` exits 0).
 * @returns {boolean}
 */
export function hasRedisServer() {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0
}

/**
 * Starts redis-server on 127.0.0.1 in a new temporary directory and resolves once it accepts
 * connections (retrying on up to five free ports when one is taken meanwhile). See redis-server.d.mts.
 * @param {import('./redis-server.d.mts').StartOptions} [options]
 * @returns {Promise<import('./redis-server.d.mts').RedisServer>}
 */
export async function startRedis(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-redis-'))
  let lastError
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port ?? (await freePort())
    const args = serverArgs(port, dir, options)
    try {
      let child = await launch('redis-server', args)
      const auth = options.password ? `:${encodeURIComponent(options.password)}@` : ''
      /** @type {import('./redis-server.d.mts').RedisServer} */
      const handle = {
        port,
        dir,
        url: `${options.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${port}`,
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

/**
 * redis-server's arguments for {@link startRedis}.
 * @param {number} port
 * @param {string} dir
 * @param {import('./redis-server.d.mts').StartOptions} options
 * @returns {string[]}
 */
function serverArgs(port, dir, options) {
  const persistence = options.appendOnly === false ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'always']
  const args = ['--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir]
  if (options.tls) {
    const { certs, requireClientCert } = options.tls
    writeFileSync(join(dir, 'server.crt'), certs.serverCert)
    writeFileSync(join(dir, 'server.key'), certs.serverKey)
    writeFileSync(join(dir, 'ca.crt'), certs.ca)
    args.push('--port', '0', '--tls-port', String(port))
    args.push('--tls-cert-file', join(dir, 'server.crt'), '--tls-key-file', join(dir, 'server.key'))
    args.push('--tls-ca-cert-file', join(dir, 'ca.crt'), '--tls-auth-clients', requireClientCert ? 'yes' : 'no')
  } else {
    args.push('--port', String(port))
  }
  if (options.password) args.push('--requirepass', options.password)
  return [...args, ...(options.args ?? [])]
}

/**
 * Starts a master ({@link startRedis}) and one `redis-server --sentinel` monitoring it under
 * `name`; resolves once the Sentinel runs. See redis-server.d.mts.
 * @param {string} [name]
 * @returns {Promise<import('./redis-server.d.mts').SentinelSetup>}
 */
export async function startSentinel(name = 'polytrack') {
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

/**
 * Spawns `command` and resolves with the child once its output matches `ready`; rejects with the
 * end of its output when it exits first.
 * @param {string} command
 * @param {string[]} args
 * @param {RegExp} [ready]
 * @returns {Promise<import('node:child_process').ChildProcess>}
 */
function launch(command, args, ready = /Ready to accept connections/) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const onData = (data) => {
      output += data.toString()
      if (ready.test(output)) {
        child.stdout?.off('data', onData)
        child.stdout?.resume()
        child.off('exit', onExit)
        resolve(child)
      }
    }
    const onExit = (code) => reject(new Error(`${command} exited (${code}) before it was ready: ${output.slice(-500)}`))
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (data) => (output += data.toString()))
    child.once('error', reject)
    child.once('exit', onExit)
  })
}
