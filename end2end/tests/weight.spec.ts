import { test, expect } from './helpers';
import type { Browser } from '@playwright/test';

// A first visit (empty cache) of each public page type downloads under 200 KB, compressed:
// the page, its stylesheet, and code only where the page has an island (app/src/islands.rs).
// A size check, not a timing check. It measures the bundle `make test-e2e` builds, the
// release one people get (`make site-release`); the figures go to docs/benchmarks.md.
const BUDGET = 200_000;

async function firstVisit(browser: Browser, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files: { url: string; bytes: number }[] = [];
  page.on('requestfinished', async request => {
    const sizes = await request.sizes();
    files.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBe(200);
  // The sizes of the last request are read asynchronously.
  await page.waitForTimeout(100);
  await context.close();
  return { total: files.reduce((sum, f) => sum + f.bytes, 0), files };
}

test('each page type downloads under 200 KB on a first visit', async ({ page, browser }) => {
  // Pages reached from the demo: the rules with their article notes and their comparison.
  await page.goto('/search?kind=policy&q=' + encodeURIComponent('深圳市政策性文件解读工作规定'));
  const policy = await page.locator('.search-hits a[href^="/policies/"]').first().getAttribute('href');
  await page.goto(policy!);
  const department = await page.locator('.policy-meta a[href^="/departments/"]').first().getAttribute('href');
  const paths = [
    '/', '/policies', policy!, `${policy}/articles/4`, `${policy}/changes`, department!,
    '/timeliness', '/statistics', '/statistics/annual',
    '/consultations', '/consultations/1', '/consultations/2/report', '/comments/status',
    '/subscribe', '/login',
    '/search?q=' + encodeURIComponent('政府信息公开'),
  ];
  const rows: string[] = [];
  for (const path of paths) {
    const { total, files } = await firstVisit(browser, path);
    rows.push(`| \`${path}\` | ${files.length} | ${(total / 1000).toFixed(1)} KB |`);
    expect(total, `${path}: ${JSON.stringify(files)}`).toBeLessThan(BUDGET);
    // Code is downloaded only for an island.
    const code = files.filter(f => /\.(js|wasm)(\?|$)/.test(f.url));
    if (!path.startsWith('/search')) expect(code, path).toEqual([]);
    else expect(code.length, path).toBeGreaterThan(0);
  }
  console.log(['| page | files | first visit |', '| --- | --- | --- |', ...rows].join('\n'));
});
