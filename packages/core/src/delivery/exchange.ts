/** One plain HTTP exchange that is not a batch: a flag source's requests, for example. */
export interface ExchangeRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
}

/** Bounds of one exchange. */
export interface ExchangeOptions {
  /** Ends the exchange (e.g. the client is closing). */
  signal: AbortSignal
  /** The whole exchange, answer body included, in ms. */
  timeoutMs: number
  /** The largest answer body read; a larger one is a `too-large` failure. */
  maxResponseBytes: number
}

/** What an exchange came to: an answer (any status), or why there was none. */
export type ExchangeResult =
  | {
      kind: 'response'
      status: number
      /** Response headers, names in lower case. */
      headers: Readonly<Record<string, string>>
      /** The body as UTF-8 text (empty for 204/304). */
      body: string
    }
  | {
      kind: 'failure'
      failure: 'timeout' | 'aborted' | 'network' | 'too-large'
      /** What happened, without the request's URL or headers (they may hold keys). */
      message: string
    }
