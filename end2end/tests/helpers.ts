import { test as base, expect, type Page } from '@playwright/test';

/** Every test fails if any page it opened raised an uncaught script error (an island's panic
 *  shows up as `unreachable`) or was refused something by its Content-Security-Policy (an
 *  inline script, which the site never writes). Specs import `test` and `expect` from here. */
export const test = base.extend<{ noPageErrors: void }>({
  noPageErrors: [async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', m => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
    });
    await use();
    expect(errors, 'uncaught script errors in the page').toEqual([]);
  }, { auto: true }],
});
export { expect };
import AxeBuilder from '@axe-core/playwright';

/** Demo logins loaded by `huiyin seed-demo` (server/src/demo/content.rs). */
export const DEMO = {
  admin: { username: 'admin', password: 'huiyin-demo-admin' },
  editor: { username: 'editor', password: 'huiyin-demo-editor' },
  // The drafter whose department owns the demo policy that is currently due.
  drafter: { username: 'drafter.zwfw', password: 'huiyin-demo-zwfw' },
};

export async function login(page: Page, who: { username: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/staff/);
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** WCAG 2.1 A and AA rules of axe-core; any violation fails with its list. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(results.passes.length, `axe checked something on ${what}`).toBeGreaterThan(10);
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')})`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** The number in the home page's "interpretations due" counter. */
export async function dueCount(page: Page): Promise<number> {
  await page.goto('/');
  const text = await page.getByTestId('due-count').innerText();
  const m = text.match(/\d+/);
  if (!m) throw new Error(`no number in due counter: ${text}`);
  return Number(m[0]);
}
