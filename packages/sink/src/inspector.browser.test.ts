/**
 * The inspector page in a real headless browser: Debian's Chromium driven by playwright-core.
 * Without /usr/bin/chromium the test fails under CI (which installs it) and is skipped elsewhere.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSink } from './start-sink.js'
import { basic, post, posthogItem, trackMessage } from './test-utils.js'
import type { Sink } from './types.js'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const SCREENSHOT = fileURLToPath(new URL('../test-results/inspector.png', import.meta.url))
const SECRETS = {
  segment: 'wk_live_segment_secret',
  rudder: 'wk_live_rudder_secret',
  posthog: 'phc_live_secret',
  inPayload: 'sk_live_in_payload',
}

describe('inspector page in headless Chromium', () => {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) {
      it('needs Chromium', () => {
        throw new Error(`${CHROMIUM} is missing: CI must install it (.ci/run: apt-get install -y chromium)`)
      })
    } else {
      it.skip(`needs ${CHROMIUM} (apt-get install -y chromium)`, () => undefined)
    }
    return
  }

  let sink: Sink
  let userDataDir: string
  let context: BrowserContext
  let browser: Browser | undefined
  let page: Page
  const problems: string[] = []

  beforeAll(async () => {
    sink = await startSink()
    userDataDir = await mkdtemp(join(tmpdir(), 'sink-inspector-'))
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
    })
    browser = context.browser() ?? undefined
    page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('request', (request) => {
      if (!request.url().startsWith(sink.url)) problems.push(`external request: ${request.url()}`)
    })
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await sink?.close()
    if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true })
  })

  const rows = (): ReturnType<Page['locator']> => page.locator('#rows .row')

  it('shows messages sent after the page opened, filters them, and shows masked details', async () => {
    await page.goto(sink.inspectorUrl)
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 10_000 })
    await expect(page.locator('#status').textContent()).resolves.toBe('live')
    expect(await rows().count()).toBe(0)

    // Sent after the page opened: they must arrive over the event stream.
    const xss = '<img src=x onerror="window.__xss=1">'
    await post(
      `${sink.urlFor('segment')}/v1/batch`,
      {
        batch: [
          trackMessage({ type: 'identify', userId: 'alice', event: undefined, traits: { plan: 'pro', email: 'alice@example.com' } }),
          trackMessage({
            userId: 'alice',
            event: 'Order Completed',
            properties: { total: 42.5, currency: 'EUR', api_key: SECRETS.inPayload },
          }),
        ],
      },
      { key: SECRETS.segment },
    )
    await post(
      `${sink.urlFor('rudderstack')}/v1/batch`,
      {
        batch: [
          trackMessage({ userId: 'bob', event: xss }),
          trackMessage({ type: 'page', userId: 'bob', event: undefined, name: 'Pricing' }),
        ],
      },
      { key: SECRETS.rudder },
    )
    await post(`${sink.urlFor('posthog')}/batch/`, {
      api_key: SECRETS.posthog,
      batch: [
        posthogItem({ event: 'Checkout Started', distinct_id: 'carol', properties: { cart: 3 } }),
        posthogItem({ event: '$pageview', distinct_id: 'carol', properties: { $current_url: 'https://shop.example/cart', title: 'Cart' } }),
      ],
    })
    await post(`${sink.urlFor('hightouch')}/v1/track`, trackMessage({ userId: 'dave', event: 'Trial Started' }), { key: 'ht_key' })
    await post(
      `${sink.urlFor('customerio')}/v1/batch`,
      { batch: [trackMessage({ type: 'group', userId: 'erin', event: undefined, groupId: 'acme', traits: { seats: 12 } })] },
      { key: 'cio_key' },
    )

    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(8)
    await expect.poll(() => page.locator('#count-posthog').textContent()).toBe('2')
    await expect.poll(() => page.locator('#count-segment').textContent()).toBe('2')
    expect(await rows().first().getAttribute('data-vendor')).toBe('customerio') // newest first

    // Untrusted text is shown as text, never parsed as HTML.
    await expect(page.locator('#rows .row[data-vendor="rudderstack"] .summary').first().textContent()).resolves.toBe('Pricing')
    expect(await page.locator('#rows .summary', { hasText: '<img src=x' }).count()).toBe(1)
    expect(await page.locator('#rows img').count()).toBe(0)
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined()

    // Vendor filter.
    await page.selectOption('#vendor-filter', 'posthog')
    await expect.poll(() => rows().count()).toBe(2)
    expect(new Set(await rows().evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-vendor'))))).toEqual(new Set(['posthog']))
    // Search (combined with the vendor filter, then alone).
    await page.fill('#search', 'checkout')
    await expect.poll(() => rows().count()).toBe(1)
    await expect(rows().first().locator('.summary').textContent()).resolves.toBe('Checkout Started')
    await page.selectOption('#vendor-filter', '')
    await page.fill('#search', 'EUR')
    // Wait for the new search's result itself: "checkout" alone also left exactly one row.
    const onlyRowVendor = async () => ((await rows().count()) === 1 ? rows().first().getAttribute('data-vendor') : null)
    await expect.poll(onlyRowVendor).toBe('segment')
    // Type and user filters.
    await page.fill('#search', '')
    await page.selectOption('#type-filter', 'page')
    await expect.poll(() => rows().count()).toBe(2)
    await page.fill('#user-filter', 'carol')
    await expect.poll(() => rows().count()).toBe(1)
    await page.selectOption('#type-filter', '')
    await page.fill('#user-filter', '')
    await expect.poll(() => rows().count()).toBe(8)

    // A message arriving while filtered appears only when it matches.
    await page.selectOption('#vendor-filter', 'hightouch')
    await post(
      `${sink.urlFor('segment')}/v1/batch`,
      { batch: [trackMessage({ userId: 'frank', event: 'Signed Up' })] },
      { key: SECRETS.segment },
    )
    await expect.poll(() => page.locator('#count-segment').textContent()).toBe('3')
    expect(await rows().count()).toBe(1)
    await page.selectOption('#vendor-filter', '')
    await expect.poll(() => rows().count()).toBe(9)

    // Details: spec view beside the payload, headers, keys masked.
    await page.locator('#rows .row', { hasText: 'Order Completed' }).click()
    await expect.poll(() => page.locator('#payload-json').textContent()).toContain('"Order Completed"')
    const payload = (await page.locator('#payload-json').textContent()) as string
    expect(JSON.parse(payload)).toMatchObject({ userId: 'alice', properties: { total: 42.5, api_key: '****' } })
    expect(JSON.parse((await page.locator('#spec-json').textContent()) as string)).toMatchObject({
      type: 'track',
      event: 'Order Completed',
    })
    const headers = (await page.locator('#headers').textContent()) as string
    expect(headers).toContain('authorizationBasic ****')
    expect(headers).toContain('content-typeapplication/json')
    expect(await page.locator('#rows .row.selected').count()).toBe(1)

    const html = await page.content()
    for (const secret of [...Object.values(SECRETS), basic(SECRETS.segment).slice(6), basic(SECRETS.rudder).slice(6)]) {
      expect(html, secret).not.toContain(secret)
    }

    mkdirSync(join(SCREENSHOT, '..'), { recursive: true })
    await page.screenshot({ path: SCREENSHOT })
    expect(existsSync(SCREENSHOT)).toBe(true)
    expect(problems).toEqual([])
  })

  it('clears the list when the sink is reset', async () => {
    expect(await rows().count()).toBeGreaterThan(0)
    sink.reset()
    await expect.poll(() => rows().count()).toBe(0)
    await expect.poll(() => page.locator('#count-segment').textContent()).toBe('0')
    await expect(page.locator('#rows .empty').textContent()).resolves.toContain('Waiting for messages')
  })
})
