import { type Page } from '@playwright/test';
import { test, expect, DEMO, login } from './helpers';

// With JavaScript on: what was typed into a textarea comes back exactly, and inert, when the
// server shows a form again with its errors; no page raises a script error; links followed
// from page to page reach working pages.

const BREAKOUT =
  '</textarea><script>window.__pwned = 1; alert(1)</script><img src=x onerror="window.__pwned = 2; alert(2)">' +
  ' &#0000106;avascript:alert(3) &lt;b&gt;';

/** Records dialogs and uncaught page errors; the test asserts the list stays empty. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', async d => {
    problems.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  page.on('pageerror', e => problems.push(`pageerror on ${page.url()}: ${e.message}`));
  return problems;
}

/** Types the breakout into a textarea, switches off the browser's own checks so that the
 *  server sees the other fields empty or wrong, submits, and checks what comes back. */
async function breakoutRoundTrip(page: Page, problems: string[], field: string, button: string | RegExp) {
  const area = page.locator(`#f-${field}`);
  await area.fill(BREAKOUT);
  await page.evaluate(() => document.querySelectorAll('form').forEach(f => f.setAttribute('novalidate', '')));
  await area.locator('xpath=ancestor::form').getByRole('button', { name: button }).first().click();
  await expect(page.locator('.error-summary, [role=alert]').first()).toBeVisible();
  await expect(page.locator(`#f-${field}`)).toHaveValue(BREAKOUT);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(problems).toEqual([]);
}

test.describe('forms with a textarea, shown again with errors', () => {
  test('the public comment form', async ({ page }) => {
    const problems = watch(page);
    await page.goto('/consultations');
    await page.getByRole('link', { name: /秒批.*管理办法/ }).first().click();
    await breakoutRoundTrip(page, problems, 'body', '提交意见');
  });

  test('new policy, new interpretation and new consultation', async ({ page }) => {
    const problems = watch(page);
    await login(page, DEMO.drafter);
    await page.goto('/staff/policies/new');
    await breakoutRoundTrip(page, problems, 'body', '保存');
    await page.goto('/staff');
    await page.locator('.policy-card h3 a').first().click();
    const add = page.getByRole('link', { name: '添加解读材料' });
    await expect(add).toBeVisible();
    await add.click();
    await breakoutRoundTrip(page, problems, 'body', '保存');
    await page.goto('/staff/consultations/new');
    await breakoutRoundTrip(page, problems, 'draft_text', '保存');
  });

  test('paper comments and the calendar', async ({ page }) => {
    const problems = watch(page);
    await login(page, DEMO.admin);
    await page.goto('/staff/consultations/1/paper-comments/new');
    await breakoutRoundTrip(page, problems, 'body', '保存');
    await page.goto('/admin/calendar');
    await breakoutRoundTrip(page, problems, 'entries', '保存');
  });
});

test('error pages at POST addresses raise no script error', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/consultations');
  await page.getByRole('link', { name: /秒批.*管理办法/ }).first().click();
  // An expired form: the CSRF error page, shown at the POST's address.
  await page.context().clearCookies();
  await page.locator('#f-body').fill('过期表单的意见');
  await page.evaluate(() => document.querySelectorAll('form').forEach(f => f.setAttribute('novalidate', '')));
  await page.getByRole('button', { name: '提交意见' }).click();
  await expect(page.locator('h1')).toBeVisible();
  await expect(page).toHaveURL(/\/comments$/);
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('links followed from page to page reach every public page type', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/');

  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '政策文件' }).click();
  await expect(page.locator('h1')).toHaveText('政策文件');
  await page.locator('.policy-card h3 a').first().click();
  await expect(page.locator('.policy-meta')).toBeVisible();
  await page.locator('.policy-meta a').first().click();
  await expect(page).toHaveURL(/\/departments\//);
  await expect(page.locator('h1')).toBeVisible();
  await nav.getByRole('link', { name: '征求意见' }).click();
  await expect(page.locator('h1')).toHaveText('公开征求意见');
  await page.getByRole('link', { name: /秒批.*管理办法/ }).first().click();
  await expect(page.locator('h1')).toContainText('秒批');
  await expect(page.locator('#f-body')).toBeVisible();
  await nav.getByRole('link', { name: '解读时效' }).click();
  await expect(page.locator('svg.month-chart')).toBeVisible();
  await nav.getByRole('link', { name: '首页' }).click();
  await expect(page.getByTestId('due-count')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Something went wrong');
  expect(problems).toEqual([]);
});
