/**
 * The inspector: one self-contained HTML page (inline CSS and JS, no external resources) that
 * shows each vendor's received messages live from `GET /_sink/events`.
 */
import { createHash } from 'node:crypto'
import type { HttpAnswer } from './http-response.js'
import { INSPECTOR_SCRIPT } from './inspector-script.js'
import { inspectorCss } from './inspector-style.js'

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`
}

/** The page's HTML around its stylesheet `css`. */
function pageHtml(css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Polytrack sink · inspector</title>
<style>${css}</style>
</head>
<body>
<header>
  <h1>Polytrack sink <span>· inspector</span></h1>
  <span id="total" class="total"></span>
  <span id="notice" class="notice" role="status"></span>
  <span id="status" class="status">connecting…</span>
</header>
<nav id="counters" class="counters" aria-label="Messages per vendor"></nav>
<div class="filters" role="search">
  <select id="vendor-filter" aria-label="Vendor"><option value="">All vendors</option></select>
  <select id="type-filter" aria-label="Type"><option value="">All types</option></select>
  <input id="user-filter" type="text" placeholder="User id" aria-label="User id" autocomplete="off">
  <input id="search" type="search" placeholder="Search payloads…" aria-label="Search" autocomplete="off">
  <span id="shown" class="shown"></span>
</div>
<main>
  <section class="panel" aria-label="Messages">
    <div class="list-head"><span>Time</span><span>Vendor</span><span>Type</span><span>User</span><span>Event / name</span></div>
    <div id="rows" class="rows"></div>
  </section>
  <section id="detail" class="panel detail" aria-label="Message detail"></section>
</main>
<script>${INSPECTOR_SCRIPT}</script>
</body>
</html>
`
}

/**
 * Content-Security-Policy of a page with stylesheet `css`: only its own inline style and script
 * (by hash) and same-origin connections (the event stream).
 */
function pageCsp(css: string): string {
  return [
    "default-src 'none'",
    `style-src ${sha256(css)}`,
    `script-src ${sha256(INSPECTOR_SCRIPT)}`,
    "connect-src 'self'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * The answer to `GET /` and `GET /_sink/inspector`. `colors` (vendor name → CSS colour) come from
 * the vendor declarations; the page learns the vendors themselves from the event stream.
 */
export function inspectorAnswer(colors: Readonly<Record<string, string>>): HttpAnswer {
  const css = inspectorCss(colors)
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: pageHtml(css),
    headers: {
      'content-security-policy': pageCsp(css),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  }
}
