import { test, expect, DEMO, login } from './helpers';
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every page type's HTML, as the server sends it (not the browser's DOM), passes the Nu Html
// Checker (npm vnu-jar, run with the machine's Java) without an error: pages for GETs, and
// forms shown again with their errors in answer to a POST.
const VNU = require.resolve('vnu-jar/build/dist/vnu.jar');

type Source = { what: string; html: string };

async function get(page: Page, path: string): Promise<Source> {
  const response = await page.request.get(path);
  expect([200, 403, 404], path).toContain(response.status());
  return { what: path, html: await response.text() };
}

/** Clicks a form's button and keeps the HTML the server answers the POST with. */
async function postAnswer(page: Page, what: string, submit: () => Promise<void>): Promise<Source> {
  const answer = page.waitForResponse(r => r.request().method() === 'POST' && r.request().resourceType() === 'document');
  await submit();
  const response = await answer;
  return { what, html: await response.text() };
}

function validate(sources: Source[]) {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-vnu-'));
  const files = sources.map((s, i) => {
    const file = join(dir, `${i}.html`);
    writeFileSync(file, s.html);
    return file;
  });
  const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--stdout', ...files], { encoding: 'utf8' });
  expect(run.error, 'java runs the checker').toBeUndefined();
  const { messages } = JSON.parse(run.stdout) as { messages: { type: string; url?: string; message: string; lastLine?: number; extract?: string }[] };
  const errors = messages.map(m => {
    const index = Number((m.url ?? '').match(/(\d+)\.html$/)?.[1]);
    return `${sources[index]?.what ?? m.url}: ${m.message} (${m.extract ?? ''})`;
  });
  expect(errors, 'Nu Html Checker errors').toEqual([]);
  expect(messages.length).toBe(0);
}

test('public pages are valid HTML', async ({ page }) => {
  await page.goto('/search?kind=policy&q=' + encodeURIComponent('深圳市政策性文件解读工作规定'));
  const policy = (await page.locator('.search-hits a[href^="/policies/"]').first().getAttribute('href'))!;
  await page.goto(policy);
  const department = (await page.locator('.policy-meta a[href^="/departments/"]').first().getAttribute('href'))!;
  const paths = [
    '/', '/policies', '/policies?department=zwfw&interpretation=due', policy, `${policy}/articles/4`,
    `${policy}/changes`, department, '/timeliness', '/statistics', '/statistics?department=zwfw',
    '/statistics/annual', '/consultations', '/consultations/1', '/consultations/1?article=general',
    '/consultations/2/report', '/comments/status', '/comments/receipt/HY-2026-000001', '/subscribe',
    '/unsubscribe?token=0000', '/comments/verify?token=0000', '/subscriptions/confirm?token=0000',
    '/login', '/no-such-page', '/search', '/search?q=' + encodeURIComponent('政府信息公开'),
    '/search?q=' + encodeURIComponent('高龄老人津帖'),
  ];
  const sources: Source[] = [];
  for (const path of paths) sources.push(await get(page, path));
  // The other languages and the reading mode.
  for (const switchTo of ['/lang/zh-Hant?back=/', '/lang/en?back=/consultations/1', '/reading-mode/elder?back=/policies']) {
    await page.goto(switchTo);
    sources.push({ what: switchTo, html: (await (await page.request.get(page.url())).text()) });
  }
  await page.goto('/lang/zh-Hans?back=/');
  await page.goto('/reading-mode/standard?back=/');
  // The comment form shown again with its errors.
  await page.goto('/consultations/1');
  sources.push(await postAnswer(page, 'comment form with errors', () =>
    page.getByRole('button', { name: '提交意见' }).click()));
  validate(sources);
});

test('staff pages are valid HTML', async ({ page }) => {
  const sources: Source[] = [];
  await login(page, DEMO.drafter);
  for (const path of ['/staff', '/staff/policies/new', '/staff/consultations', '/staff/consultations/new',
    '/staff/consultations/1/decisions']) {
    sources.push(await get(page, path));
  }
  await page.goto('/staff');
  const staffPolicy = (await page.locator('.policy-card h3 a').first().getAttribute('href'))!;
  sources.push(await get(page, staffPolicy));
  sources.push(await get(page, `${staffPolicy}/edit`));
  sources.push(await get(page, `${staffPolicy}/interpretations/new`));
  await page.goto('/staff/policies/new');
  sources.push(await postAnswer(page, 'new policy form with errors', () =>
    page.getByRole('button', { name: '保存' }).click()));
  await page.goto('/staff/consultations/new');
  sources.push(await postAnswer(page, 'new consultation form with errors', () =>
    page.getByRole('button', { name: '保存' }).click()));
  await page.getByRole('button', { name: '退出登录' }).click();

  await login(page, DEMO.admin);
  for (const path of ['/staff', '/admin/calendar', '/admin/users', '/admin/audit', '/staff/moderation',
    '/staff/consultations/1/paper-comments/new']) {
    sources.push(await get(page, path));
  }
  await page.goto('/admin/users');
  sources.push(await postAnswer(page, 'account form with errors', () =>
    page.getByRole('button', { name: '新建账号' }).click()));
  validate(sources);
});
