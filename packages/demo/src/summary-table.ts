/** Renders rows of cells as a plain-text table with a header rule (no colours, fits a terminal). */
export function renderTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))]
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)))
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
  return [line(cells[0] ?? []), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

/** A one-line progress bar, e.g. `[██████░░░░] 60% 1200/2000 users`. */
export function progressBar(done: number, total: number, width = 30): string {
  const ratio = total === 0 ? 1 : done / total
  const filled = Math.round(ratio * width)
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} users`
}
