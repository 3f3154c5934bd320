// A loopback HTTPS front for the sink, for SDKs that refuse plain http with credentials (the
// official `mixpanel` package sends its API secret only over https). Self-signed certificate made
// by openssl for the run; the capture process trusts it (NODE_TLS_REJECT_UNAUTHORIZED is set by the caller).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Starts an HTTPS server on 127.0.0.1 forwarding every request to `target` (an http:// base URL). */
export async function startTlsProxy(target) {
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-tls-'))
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'],
    { stdio: 'ignore' },
  )
  const base = new URL(target)
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const forward = request({ host: base.hostname, port: base.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  rmSync(dir, { recursive: true, force: true })
  return { port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) }
}
