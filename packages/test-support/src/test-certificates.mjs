// TLS certificates made with openssl for a test or a benchmark run: a CA, a server certificate for
// 127.0.0.1 and localhost, and a client certificate, all signed by that CA, in a temporary
// directory. Plain JavaScript, so that the benchmark (run by node, no build) imports it too.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Whether openssl is on the PATH (`openssl version` exits 0).
 * @returns {boolean}
 */
export function hasOpenssl() {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0
}

/**
 * Runs openssl in `dir` with `args`; throws with its stderr when it exits non-zero.
 * @param {string} dir
 * @param {string[]} args
 */
function openssl(dir, args) {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`)
}

/**
 * Makes `<name>.key` (a new RSA 2048 key) and `<name>.crt` in `dir`: a certificate for `subject`
 * with the X.509 v3 `extensions` (openssl extfile lines), valid two days, signed by the CA whose
 * `ca.crt` and `ca.key` are in `dir`. Leaves `<name>.csr` and `<name>.ext` beside them.
 * @param {string} dir
 * @param {{ name: string, subject: string, extensions: string[] }} certificate
 */
export function signCertificate(dir, { name, subject, extensions }) {
  writeFileSync(join(dir, `${name}.ext`), extensions.map((line) => `${line}\n`).join(''))
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject])
  const sign = ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial']
  openssl(dir, [...sign, '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`])
}

/**
 * Makes, in a new temporary directory (`polytrack-redis-tls-…`, left for the caller to remove), a
 * self-signed CA and two certificates it signed: a server certificate (CN localhost, subjectAltName
 * IP 127.0.0.1 and DNS localhost, serverAuth) and a client certificate (clientAuth). Returns their
 * PEM texts. Throws when openssl is missing or fails.
 * @returns {import('./test-certificates.d.mts').TestCertificates}
 */
export function makeCertificates() {
  const dir = mkdtempSync(join(tmpdir(), 'polytrack-redis-tls-'))
  const ca = ['-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Polytrack Test CA']
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', ...ca])
  const leaf = ['basicConstraints=CA:FALSE', 'keyUsage=digitalSignature,keyEncipherment']
  signCertificate(dir, {
    name: 'server',
    subject: '/CN=localhost',
    extensions: ['subjectAltName=IP:127.0.0.1,DNS:localhost', ...leaf, 'extendedKeyUsage=serverAuth'],
  })
  signCertificate(dir, { name: 'client', subject: '/CN=polytrack-client', extensions: [...leaf, 'extendedKeyUsage=clientAuth'] })
  const read = (name) => readFileSync(join(dir, name), 'utf8')
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
