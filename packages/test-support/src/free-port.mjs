// A loopback port to start a server on, or to point a client at where nothing listens. Plain
// JavaScript, so that the benchmark (run by node, no build) imports it too.
import { createServer } from 'node:net'

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: bound to port 0, read, and released before
 * the promise resolves, so nothing listens on it now. Another process may take it in between: a
 * caller that starts a server on it retries with a new port when that fails.
 * @returns {Promise<number>}
 */
export function freePort() {
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
