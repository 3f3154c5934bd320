/**
 * The inspector page's stylesheet (inlined into the page; system fonts, light theme).
 */

/**
 * CSS of the inspector page. `colors` (vendor name → CSS colour, from the vendor declarations)
 * become the custom properties `--<vendor>` the page's script gives each vendor's badges and
 * counters; a vendor without one is grey.
 */
export function inspectorCss(colors: Readonly<Record<string, string>>): string {
  const vendorColors = Object.entries(colors)
    .map(([vendor, color]) => `--${vendor}: ${color};`)
    .join(' ')
  return String.raw`
:root {
  --bg: #f5f6f8; --panel: #ffffff; --line: #e3e6eb; --text: #1f2430; --muted: #6b7280;
  --accent: #2563eb; --sel: #eef4ff; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  ${vendorColors}
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text); background: var(--bg);
  display: grid; grid-template-rows: auto auto auto 1fr; height: 100vh; overflow: hidden;
}
header { display: flex; align-items: center; gap: 12px; padding: 12px 20px; background: var(--panel); border-bottom: 1px solid var(--line); }
header h1 { font-size: 16px; margin: 0; font-weight: 650; letter-spacing: -0.01em; }
header h1 span { color: var(--muted); font-weight: 500; }
.total { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
.status { display: inline-flex; align-items: center; gap: 6px; font-size: 12px; color: var(--muted); margin-left: auto; }
.status::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: #c0c4cc; }
.status.live::before { background: #16a34a; box-shadow: 0 0 0 3px #16a34a22; }
.status.down::before { background: #dc2626; }
.notice { font-size: 12px; color: #92400e; background: #fef3c7; border-radius: 6px; padding: 2px 8px; }
.notice:empty { display: none; }
.counters { display: flex; gap: 10px; padding: 12px 20px 0; flex-wrap: wrap; }
.counter {
  display: flex; flex-direction: column; min-width: 132px; padding: 8px 12px; border: 1px solid var(--line);
  border-left: 4px solid var(--vendor, var(--muted)); border-radius: 8px; background: var(--panel); cursor: pointer;
  font: inherit; text-align: left; color: inherit;
}
.counter:hover { border-color: #c9ced6; border-left-color: var(--vendor, var(--muted)); }
.counter.active { background: var(--sel); border-color: var(--accent); border-left-color: var(--vendor, var(--accent)); }
.counter .name { font-size: 12px; color: var(--muted); }
.counter .value { font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums; }
.filters { display: flex; gap: 8px; padding: 12px 20px; align-items: center; flex-wrap: wrap; }
.filters select, .filters input {
  font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: inherit;
}
.filters input[type=search] { min-width: 260px; }
.filters select:focus, .filters input:focus { outline: 2px solid #93b4f5; outline-offset: -1px; border-color: var(--accent); }
.shown { margin-left: auto; color: var(--muted); font-size: 12px; }
main { display: grid; grid-template-columns: minmax(460px, 5fr) 7fr; gap: 12px; padding: 0 20px 16px; min-height: 0; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; min-height: 0; display: flex; flex-direction: column; overflow: hidden; }
.list-head, .row { display: grid; grid-template-columns: 72px 118px 82px minmax(80px, 1fr) minmax(90px, 1.4fr); gap: 8px; padding: 7px 12px; align-items: center; }
.list-head { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); border-bottom: 1px solid var(--line); background: #fafbfc; }
.rows { overflow-y: auto; flex: 1; }
.row { border-bottom: 1px solid #f0f1f4; cursor: pointer; font-size: 13px; }
.row:hover { background: #f8fafc; }
.row.selected { background: var(--sel); box-shadow: inset 3px 0 0 var(--accent); }
.row > span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.time { color: var(--muted); font-variant-numeric: tabular-nums; font-family: var(--mono); font-size: 12px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 550; }
.vendor { color: var(--vendor); background: color-mix(in srgb, var(--vendor) 12%, white); }
.type { color: #374151; background: #eef0f3; }
.user { font-family: var(--mono); font-size: 12px; }
.empty { padding: 40px 20px; text-align: center; color: var(--muted); }
.detail { overflow-y: auto; padding: 14px 16px; gap: 12px; }
.detail h2 { font-size: 15px; margin: 0 0 2px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.meta { color: var(--muted); font-size: 12px; font-family: var(--mono); }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.block h3 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin: 0 0 6px; font-weight: 600; }
pre {
  margin: 0; padding: 10px 12px; background: #fafbfc; border: 1px solid var(--line); border-radius: 8px;
  font: 12px/1.5 var(--mono); overflow: auto; max-height: 46vh; white-space: pre-wrap; word-break: break-word;
}
.k { color: #9a3412; } .s { color: #166534; } .n { color: #1d4ed8; } .b { color: #7c3aed; } .z { color: #6b7280; }
table.headers { border-collapse: collapse; width: 100%; font: 12px/1.5 var(--mono); }
table.headers td { border-top: 1px solid #f0f1f4; padding: 3px 8px; vertical-align: top; word-break: break-all; }
table.headers td:first-child { color: var(--muted); width: 34%; }
.masked { color: #b45309; }
`
}
