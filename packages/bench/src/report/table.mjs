/** A throughput table (paced or burst), as aligned text (stdout) and as Markdown (docs). */
import { rateText } from '../lib/args.mjs'
import { cpuPerEvent, healthy } from './summarize.mjs'

const fmt = (x, d = 0) =>
  typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–'
const spread = (s, scale = 1, d = 2) => (s ? `${fmt(s.median / scale, d)} (${fmt(s.min / scale, d)}–${fmt(s.max / scale, d)})` : '–')

/** Rows of cells: client, wall s, CPU s, CPU/event µs, × floor, peak RSS MB, requests, received, status. */
export function tableRows(rows) {
  const floor = cpuPerEvent(rows.find((r) => r.kind === 'floor'))
  return rows.map((r) => {
    if (r.status === 'unavailable') return [r.name, '–', '–', '–', '–', '–', '–', '–', `unavailable: ${r.reason}`]
    const per = cpuPerEvent(r)
    return [
      r.name,
      spread(r.wallMs, 1000),
      spread(r.cpuMs, 1000),
      r.cpuPerEventUs ? `${fmt(per, 1)} (${fmt(r.cpuPerEventUs.min, 1)}–${fmt(r.cpuPerEventUs.max, 1)})` : '–',
      per && floor ? `${fmt(per / floor, 2)}×` : '–',
      spread(r.rssMb, 1, 0),
      fmt(r.requests?.median),
      `${fmt(r.received?.median)} / ${fmt(r.expected)}`,
      healthy(r) ? (r.status === 'baseline' ? 'baseline (sends nothing)' : 'ok') : `${r.status.toUpperCase()}: ${r.problems.join('; ')}`,
    ]
  })
}

export const HEADERS = ['client', 'wall s', 'CPU s', 'CPU/event µs', '× floor', 'peak RSS MB', 'requests', 'received / expected', 'status']

/** `rate` = events/s offered to each client (0 = flat out, the burst table). */
export function formatTable(rows, events, rate) {
  const body = tableRows(rows).map((cells) => cells.map((c, i) => (i === 8 ? c.slice(0, 90) : c)))
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)))
  const line = (cells) => cells.map((c, i) => (i === 0 || i === 8 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  const what = rate > 0 ? `offered at ${rateText(rate)}` : 'burst: flat out, backlog included'
  return [
    `${events.toLocaleString('en-US')} track events per client, ${what}; median (min–max)`,
    line(HEADERS),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ].join('\n')
}

export function markdownTable(rows) {
  const esc = (c) => String(c).replace(/\|/g, '\\|')
  return [
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map((_, i) => (i === 0 || i === 8 ? '---' : '---:')).join('|')}|`,
    ...tableRows(rows).map((cells) => `| ${cells.map(esc).join(' | ')} |`),
  ].join('\n')
}
