// The option tables of docs/configuration.md, as the configuration-doc test reads them: each table
// marked `<!-- config: id -->`, its option names and its defaults written as code spans.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('../../..', import.meta.url))

/** One markdown table: its header cells and its body rows (cells trimmed, escaped pipes kept). */
export interface Table {
  header: string[]
  rows: string[][]
}

/** The tables of `markdown` marked `<!-- config: id -->` on the line above them, by id. */
export function tables(markdown: string): Map<string, Table> {
  const found = new Map<string, Table>()
  const lines = markdown.split('\n')
  lines.forEach((line, i) => {
    const marker = /^<!-- config: ([\w-]+) -->$/.exec(line.trim())
    if (!marker) return
    const cells = (row: string) =>
      row
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim())
    const header = cells(lines[i + 1]!)
    const rows: string[][] = []
    for (let j = i + 3; j < lines.length && lines[j]!.trim().startsWith('|'); j++) rows.push(cells(lines[j]!))
    found.set(marker[1]!, { header, rows })
  })
  return found
}

/** The option name of a row: its first cell, a code span. Throws when the cell is anything else. */
export function optionName(cell: string): string {
  const match = /^`([^`]+)`$/.exec(cell)
  if (!match) throw new Error(`option cell is not a single code span: ${cell}`)
  return match[1]!
}

/** What {@link defaultValue} returns for a cell whose default is not written as a code span. */
export const NO_LITERAL = Symbol('no literal default')
/** A default cell: its first code span, as a JS literal or arithmetic (`10_000`, `'us'`, `32 * 1024`); none → NO_LITERAL. */
export function defaultValue(cell: string): unknown {
  const match = /`([^`]+)`/.exec(cell)
  if (!match || !cell.trim().startsWith('`')) return NO_LITERAL
  const source = match[1]!
  if (!/^(?:'[^']*'|true|false|[\d_ *+-]+)$/.test(source)) throw new Error(`default is not a literal: ${source}`)
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluates the docs' own example literal
  return new Function(`return (${source})`)() as unknown
}

/** The marked tables of docs/configuration.md, read once when this module loads. */
export const docTables = tables(readFileSync(join(repo, 'docs', 'configuration.md'), 'utf8'))
