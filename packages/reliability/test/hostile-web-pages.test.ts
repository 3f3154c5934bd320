import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSink, type Sink } from '@polytrack/sink'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { httpServer, type TestServer } from './support/servers.js'

/**
 * Web pages attacking the local sink from a real Chromium (issue 15, item 5): a page of another
 * origin sends what a browser sends without a CORS preflight (no-cors fetches, text/plain and form
 * bodies) to wipe the records, inject faults and forge vendor events; a DNS-rebinding page reaches
 * the sink under its own host name to read what it recorded. The sink's own inspector page keeps
 * working. Chromium is Debian's, driven by playwright-core (as in the sink's inspector test).
 */
const CHROMIUM = '/usr/bin/chromium'
const ATTACKER_HOST = 'attacker.example'
const SECRET = 'wk_recorded_SECRET_5e1f'

describe('hostile web pages against the sink, in Chromium', () => {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) it('needs Chromium', () => expect.fail(`${CHROMIUM} is missing: CI must install it`))
    else it.skip(`needs ${CHROMIUM} (apt-get install -y chromium)`, () => undefined)
    return
  }

  let sink: Sink
  let attacker: TestServer
  let attackerPage = ''
  let userDataDir: string
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    sink = await startSink()
    // The attacker's site: another origin on this machine (another port), serving whatever page the test sets.
    attacker = await httpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage))
    userDataDir = await mkdtemp(join(tmpdir(), 'hostile-pages-'))
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      // attacker.example resolves to 127.0.0.1, as a rebinding DNS server would make it.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        `--host-resolver-rules=MAP ${ATTACKER_HOST} 127.0.0.1`,
      ],
    })
    page = context.pages()[0] ?? (await context.newPage())
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    await attacker?.close()
    await sink?.close()
    if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true })
  })

  beforeEach(async () => {
    sink.reset()
    const res = await fetch(`${sink.urlFor('segment')}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('k:').toString('base64')}` },
      body: JSON.stringify({
        batch: [{ type: 'track', userId: 'victim', event: 'Recorded', messageId: 'm-1', properties: { writeKey: SECRET } }],
      }),
    })
    expect(res.status).toBe(200)
  })

  /** Opens the attacker's page running `script`, and waits until it reports it is done. */
  async function runAttack(script: string): Promise<void> {
    attackerPage = `<!doctype html><html><body><script>(async () => { const sink = ${JSON.stringify(sink.url)}; ${script}; document.title = 'done' })()</script></body></html>`
    await page.goto(attacker.url)
    await page.waitForFunction('document.title === "done"', undefined, { timeout: 10_000 })
  }

  it('a page of another origin cannot wipe the records (no-cors POST /_sink/reset, also as a form)', async () => {
    await runAttack(`
      await fetch(sink + '/_sink/reset', { method: 'POST', mode: 'no-cors' }).catch(() => {})
      await fetch(sink + '/_sink/reset', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' }).catch(() => {})
      const frame = document.createElement('iframe'); frame.name = 'f'; document.body.append(frame)
      const form = Object.assign(document.createElement('form'), { method: 'POST', action: sink + '/_sink/reset', target: 'f' })
      document.body.append(form); form.submit()
      await new Promise((resolve) => frame.addEventListener('load', resolve))`)
    expect(sink.messages().map((m) => m.userId)).toEqual(['victim'])
  })

  it('a page of another origin cannot inject faults (text/plain POST /_sink/faults)', async () => {
    await runAttack(`
      await fetch(sink + '/_sink/faults', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ vendor: '*', steps: [{ status: 500 }, { status: 500 }] }) }).catch(() => {})`)
    const next = await fetch(`${sink.urlFor('segment')}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('k:').toString('base64')}` },
      body: JSON.stringify({ batch: [{ type: 'track', userId: 'legit', event: 'After', messageId: 'm-2' }] }),
    })
    expect(next.status).toBe(200)
  })

  it('a page of another origin cannot forge vendor events (no-cors text/plain to PostHog and Segment routes)', async () => {
    await runAttack(`
      const event = { event: 'forged', distinct_id: 'victim', properties: {}, uuid: 'f-1', timestamp: new Date().toISOString() }
      await fetch(sink + '/batch/', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ api_key: 'phc_x', batch: [event] }) }).catch(() => {})
      await fetch(sink + '/i/v0/e/', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ api_key: 'phc_x', batch: [event] }) }).catch(() => {})
      await fetch(sink + '/segment/v1/track', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ userId: 'victim', event: 'forged', writeKey: 'k' }) }).catch(() => {})`)
    expect(sink.messages().map((m) => m.userId)).toEqual(['victim'])
    expect(sink.messages({ vendor: 'posthog' })).toEqual([])
  })

  it('a DNS-rebinding page (the sink under the attacker’s host name) reads nothing', async () => {
    const direct = await page.goto(`http://${ATTACKER_HOST}:${sink.port}/_sink/messages`)
    expect(direct?.status()).toBe(403)
    expect(await page.content()).not.toContain('victim')
    // Same origin as far as the browser knows: a script on that page could read anything the sink serves.
    const read = await page.evaluate(async () => {
      const res = await fetch('/_sink/messages')
      return { status: res.status, text: await res.text() }
    })
    expect(read.status).toBe(403)
    expect(read.text).not.toContain('victim')
    expect(read.text).not.toContain(SECRET)
  })

  it('the sink’s own inspector page still works, and the records it serves are masked', async () => {
    await page.goto(sink.inspectorUrl)
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 10_000 })
    await expect.poll(() => page.locator('#rows .row').count(), { timeout: 10_000 }).toBe(1)
    expect(await page.content()).not.toContain(SECRET)
    const messages = await page.evaluate(async () => (await fetch('/_sink/messages')).text())
    expect(messages).toContain('victim')
    expect(messages).not.toContain(SECRET)
  })
})
