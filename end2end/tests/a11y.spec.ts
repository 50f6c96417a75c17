import { test, expect, DEMO, expectAccessible, login } from './helpers';

// Every page type gets an axe-core check, on a phone-sized and a desktop viewport.
const publicPages = ['/', '/policies', '/timeliness', '/login', '/no-such-page',
  '/consultations', '/consultations/1', '/comments/status', '/comments/receipt/HY-2026-000001',
  '/subscribe', '/unsubscribe?token=0000', '/consultations?department=zwfw',
  '/comments/verify?token=0000', '/subscriptions/confirm?token=0000', '/consultations/2/report',
  '/statistics', '/statistics?department=zwfw', '/statistics/annual',
  '/search', '/search?q=' + encodeURIComponent('政府信息公开'), '/search?q=' + encodeURIComponent('高龄老人津帖')];

for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
  test.describe(`accessibility at ${viewport.width}px`, () => {
    test.use({ viewport });

    test('public pages', async ({ page }) => {
      for (const path of publicPages) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
      await page.goto('/policies');
      const first = page.locator('.policy-card h3 a').first();
      await first.click();
      await expect(page.locator('h1')).toBeVisible();
      await expectAccessible(page, 'policy page');
      await page.locator('.policy-meta a').first().click();
      await expectAccessible(page, 'department page');
    });

    test('staff pages', async ({ page }) => {
      await login(page, DEMO.drafter);
      await expectAccessible(page, 'staff desk');
      await page.goto('/staff/policies/new');
      await expectAccessible(page, 'new policy form');
      // The form with errors, as the server shows it again.
      await page.getByRole('button', { name: '保存' }).click();
      await expect(page.locator('.error-summary')).toBeVisible();
      await expectAccessible(page, 'new policy form with errors');
      await page.goto('/staff');
      await page.locator('.policy-card h3 a').first().click();
      await expectAccessible(page, 'staff policy page');
      await page.goto('/staff/consultations/new');
      await expectAccessible(page, 'new consultation form');
      await page.getByRole('button', { name: '保存' }).click();
      await expect(page.locator('.error-summary')).toBeVisible();
      await expectAccessible(page, 'new consultation form with errors');
      await page.goto('/staff/consultations');
      await expectAccessible(page, 'staff consultations');
      await page.goto('/staff');
      await page.locator('.policy-card h3 a').first().click();
      const add = page.getByRole('link', { name: '添加解读材料' });
      if (await add.count()) {
        await add.click();
        await expectAccessible(page, 'interpretation form');
      }
    });

    test('admin and editor pages', async ({ page }) => {
      await login(page, DEMO.admin);
      await expectAccessible(page, 'admin desk with sign-off queue');
      // From November, next year's missing holiday schedule is announced on the desk.
      await expect(page.locator('.calendar-missing')).toContainText('节假日安排尚未录入');
      await page.goto('/admin/calendar');
      await expectAccessible(page, 'calendar admin');
      // A pasted notice, read into twelve months for checking (nothing saved).
      await page.getByLabel('粘贴国务院办公厅节假日安排通知').fill(
        '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n' +
        '二、春节：2月5日（周五）至12日（周五）放假调休，共8天。2月14日（周日）上班。');
      await page.getByRole('button', { name: '预览' }).click();
      await expect(page.getByRole('heading', { name: '2027 年安排预览' })).toBeVisible();
      await expect(page.locator('.year-grid table.month')).toHaveCount(12);
      await expect(page.getByLabel('节假日与调休')).toHaveValue(/2027-02-14,workday,春节/);
      await expectAccessible(page, 'calendar admin with a notice preview');
      await page.goto('/staff/moderation');
      await expectAccessible(page, 'moderation queue');
      // A redaction that does not match the text: the queue again, with the error.
      const redact = page.locator('.redact-form').first();
      await redact.getByRole('textbox').fill('不在原文中的文字');
      await redact.getByRole('button').click();
      await expect(page.locator('.error-summary')).toContainText('意见原文中没有这段文字');
      await expect(redact.getByRole('textbox')).toHaveValue('不在原文中的文字');
      await expectAccessible(page, 'moderation queue with an error');
      await page.goto('/staff/consultations/1/paper-comments/new');
      await expectAccessible(page, 'paper comment form');
      await page.getByLabel('意见内容').fill(`来信（${viewport.width}）：建议第六条给出过渡期。`);
      await page.getByLabel('来信人同意公开其意见').check();
      await page.getByRole('button', { name: '保存' }).click();
      await expect(page.getByRole('status').first()).toContainText('意见已录入');
      await page.goto('/admin/audit');
      await expect(page.locator('table.audit-log')).toContainText('录入纸质意见');
      await expectAccessible(page, 'audit log');
      await page.goto('/admin/users');
      await expectAccessible(page, 'account admin');
      await page.getByRole('button', { name: '新建账号' }).click();
      await expect(page.locator('.error-summary')).toBeVisible();
      await expectAccessible(page, 'account form with errors');
    });
  });
}

test('pages are in Chinese by default and switch to Traditional and English', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await page.getByRole('link', { name: '繁體中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await expect(page.getByRole('link', { name: '政策文件' }).first()).toBeVisible();
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Policies' }).first()).toBeVisible();
  await expectAccessible(page, 'home in English');
});

// 适老化: the elderly-friendly reading mode, switched in the header, passes axe too; and in
// both modes nothing needs horizontal scrolling at 320 px or at 200 % zoom (WCAG 1.4.10).
const reflowPages = ['/', '/policies', '/consultations/1', '/consultations/2/report', '/timeliness',
  '/search?q=' + encodeURIComponent('政府信息公开'), '/statistics', '/login'];

async function noHorizontalScroll(page: import('@playwright/test').Page, what: string) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${what}: page wider than the window`).toBeLessThanOrEqual(client + 1);
}

for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
  test.describe(`reading mode at ${viewport.width}px`, () => {
    test.use({ viewport });

    test('the switch turns it on, says so, keeps it, and axe passes', async ({ page }) => {
      await page.goto('/policies');
      await page.getByRole('link', { name: '长者模式' }).click();
      await expect(page).toHaveURL(/\/policies\?mode=on$/);
      await expect(page.locator('html')).toHaveClass(/elder/);
      await expect(page.getByRole('status').first()).toContainText('已开启长者模式');
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(size).toBeGreaterThanOrEqual(20);
      for (const path of reflowPages) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveClass(/elder/);
        await expectAccessible(page, `${path} in reading mode`);
      }
      await page.getByRole('link', { name: '退出长者模式' }).click();
      await expect(page.locator('html')).not.toHaveClass(/elder/);
      await expect(page.getByRole('status').first()).toContainText('已恢复标准模式');
    });
  });
}

// 320 px wide, and 1280 px at 200 % zoom (640 CSS pixels), in both modes.
for (const viewport of [{ width: 320, height: 640 }, { width: 640, height: 450 }]) {
  test.describe(`reflow at ${viewport.width} CSS px`, () => {
    test.use({ viewport });

    test('no page needs horizontal scrolling, in either mode', async ({ page, context }) => {
      for (const mode of ['standard', 'elder']) {
        await page.goto(`/reading-mode/${mode}?back=/`);
        for (const path of reflowPages) {
          await page.goto(path);
          await noHorizontalScroll(page, `${path} (${mode})`);
        }
      }
      await context.clearCookies();
    });
  });
}
