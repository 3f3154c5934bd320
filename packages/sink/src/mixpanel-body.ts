/**
 * The forms a Mixpanel ingestion body takes on the wire: a JSON array or object
 * (`application/json`), NDJSON (`application/x-ndjson`), a form with `data=` (base64 or plain JSON,
 * as the official `mixpanel` package posts batches), or `data=` in the query string of a GET (as
 * it sends single calls). Pure.
 */
import { isRecord } from './protocol-helpers.js'

/** How the records travelled. */
export type MixpanelBodyFormat = 'json' | 'ndjson' | 'form' | 'query'

/** Result of {@link decodeMixpanelRecords}. */
export type MixpanelRecords = { ok: true; records: unknown[]; format: MixpanelBodyFormat } | { ok: false; error: string }

function parseData(data: string): unknown {
  const text = /^\s*[[{]/.test(data) ? data : Buffer.from(data, 'base64').toString('utf8')
  return JSON.parse(text) as unknown
}

function asRecords(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value]
}

/** The records of one request, whatever its form. */
export function decodeMixpanelRecords(text: string, contentType: string | undefined, query: URLSearchParams): MixpanelRecords {
  try {
    const queryData = query.get('data')
    if (text.trim() === '' && queryData !== null) return { ok: true, records: asRecords(parseData(queryData)), format: 'query' }
    const type = (contentType ?? '').toLowerCase()
    if (type.includes('x-www-form-urlencoded')) {
      const data = new URLSearchParams(text).get('data')
      if (data === null) return { ok: false, error: 'form body has no data field' }
      return { ok: true, records: asRecords(parseData(data)), format: 'form' }
    }
    if (type.includes('ndjson')) {
      const lines = text.split('\n').filter((line) => line.trim() !== '')
      return { ok: true, records: lines.map((line) => JSON.parse(line) as unknown), format: 'ndjson' }
    }
    const json = JSON.parse(text) as unknown
    if (!Array.isArray(json) && !isRecord(json)) return { ok: false, error: 'body must be a JSON array or object' }
    return { ok: true, records: asRecords(json), format: 'json' }
  } catch (error) {
    return { ok: false, error: `body is not valid JSON: ${(error as Error).message}` }
  }
}
