/**
 * A TCP port on 127.0.0.1 that was free a moment ago: bound to port 0, read, and released before
 * the promise resolves, so nothing listens on it now. Another process may take it in between: a
 * caller that starts a server on it retries with a new port when that fails.
 */
export function freePort(): Promise<number>
