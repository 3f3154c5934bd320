/**
 * Plain-data HTTP answers and the one function that writes them to a socket.
 */
import type { ServerResponse } from 'node:http'

/** An HTTP answer as data. */
export interface HttpAnswer {
  status: number
  contentType: string
  body: string
  headers?: Record<string, string>
}

/** A JSON answer. */
export function jsonAnswer(status: number, value: unknown, headers?: Record<string, string>): HttpAnswer {
  const answer: HttpAnswer = { status, contentType: 'application/json', body: JSON.stringify(value) }
  if (headers !== undefined) answer.headers = headers
  return answer
}

/** A plain-text answer. */
export function textAnswer(status: number, body: string): HttpAnswer {
  return { status, contentType: 'text/plain; charset=utf-8', body }
}

/** Writes `answer` to `res` (no-op when the response was already started or the socket is gone). */
export function sendAnswer(res: ServerResponse, answer: HttpAnswer): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(answer.status, {
    'content-type': answer.contentType,
    'content-length': Buffer.byteLength(answer.body),
    ...answer.headers,
  })
  res.end(answer.body)
}
