/** Certificates for a TLS test: a CA, a server certificate for 127.0.0.1/localhost, a client certificate (PEM texts). */
export interface TestCertificates {
  /** The temporary directory holding them (the caller removes it). */
  dir: string
  /** The CA certificate. */
  ca: string
  /** Path of the CA certificate, `<dir>/ca.crt`. */
  caPath: string
  serverCert: string
  serverKey: string
  clientCert: string
  clientKey: string
}

/** Whether openssl is on the PATH (`openssl version` exits 0). */
export function hasOpenssl(): boolean

/** What {@link signCertificate} makes. */
export interface CertificateRequest {
  /** File name stem: `<name>.key` and `<name>.crt` are written. */
  name: string
  /** The subject, e.g. `/CN=localhost`. */
  subject: string
  /** X.509 v3 extension lines (openssl extfile syntax), e.g. `extendedKeyUsage=serverAuth`. */
  extensions: string[]
}

/**
 * Makes `<name>.key` (a new RSA 2048 key) and `<name>.crt` in `dir`: a certificate for `subject`
 * with the X.509 v3 `extensions`, valid two days, signed by the CA whose `ca.crt` and `ca.key` are
 * in `dir`. Throws with openssl's stderr when it fails.
 */
export function signCertificate(dir: string, certificate: CertificateRequest): void

/**
 * Makes, in a new temporary directory (left for the caller to remove), a self-signed CA and two
 * certificates it signed: a server certificate (CN localhost, subjectAltName IP 127.0.0.1 and DNS
 * localhost, serverAuth) and a client certificate (clientAuth). Throws when openssl is missing or fails.
 */
export function makeCertificates(): TestCertificates
