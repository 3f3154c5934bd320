/** A horizontal bar chart of CPU µs per event per client, as a hand-made SVG string. */
import { cpuPerEvent, healthy } from './summarize.mjs'

const COLORS = { baseline: '#d1d5db', floor: '#6b7280', polytrack: '#2563eb', multiplex: '#7c3aed', official: '#f97316' }
const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export function cpuChartSvg(rows, { title }) {
  const bars = rows.filter((r) => cpuPerEvent(r) !== undefined)
  const max = Math.max(...bars.map((r) => r.cpuPerEventUs.max), 1)
  const left = 230
  const width = 900
  const plot = width - left - 120
  const rowH = 26
  const top = 48
  const height = top + bars.length * rowH + 58
  const x = (v) => left + (v / max) * plot
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="600">${escape(title)}</text>`,
    `<text x="${left}" y="40" fill="#555">CPU time (user + sys) per track event, µs — median bar, min–max whisker; lower is better</text>`,
  ]
  bars.forEach((r, i) => {
    const y = top + i * rowH
    const per = cpuPerEvent(r)
    const color = COLORS[r.kind] ?? '#999'
    const flag = healthy(r) ? '' : ' ⚠'
    out.push(`<text x="${left - 8}" y="${y + 17}" text-anchor="end">${escape(r.name + flag)}</text>`)
    out.push(`<rect x="${left}" y="${y + 5}" width="${Math.max(1, x(per) - left).toFixed(1)}" height="16" fill="${color}"/>`)
    out.push(
      `<line x1="${x(r.cpuPerEventUs.min).toFixed(1)}" x2="${x(r.cpuPerEventUs.max).toFixed(1)}" y1="${y + 13}" y2="${y + 13}" stroke="#111" stroke-width="1.5"/>`,
    )
    out.push(`<text x="${(x(r.cpuPerEventUs.max) + 6).toFixed(1)}" y="${y + 17}">${per.toFixed(1)} µs</text>`)
  })
  const legendY = top + bars.length * rowH + 24
  let lx = left
  for (const [kind, color] of Object.entries(COLORS)) {
    out.push(
      `<rect x="${lx}" y="${legendY - 11}" width="12" height="12" fill="${color}"/><text x="${lx + 16}" y="${legendY}">${kind}</text>`,
    )
    lx += 110
  }
  out.push(
    `<text x="${left}" y="${legendY + 20}" fill="#555">baseline = the workload alone, nothing sent; ⚠ = not every event delivered, or failures reported</text>`,
  )
  out.push('</svg>')
  return `${out.join('\n')}\n`
}
