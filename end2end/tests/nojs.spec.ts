import { test, expect, DEMO } from './helpers';

// The same public journey with JavaScript disabled: plain HTML links and forms must do it all.
test.use({ javaScriptEnabled: false });

test('the public journey works without JavaScript', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('due-count')).toBeVisible();
  await page.getByRole('link', { name: '政策文件' }).first().click();
  await expect(page.locator('h1')).toHaveText('政策文件');
  // Filter by interpretation status with the plain GET form.
  await page.getByLabel('解读情况').selectOption('with_policy');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/interpretation=with_policy/);
  const cards = page.locator('.policy-card');
  expect(await cards.count()).toBeGreaterThan(0);
  await expect(cards.locator('.badge').first()).toHaveText('解读同步发布');
  await cards.locator('h3 a').first().click();
  await expect(page.locator('.interpretation').first()).toBeVisible();
  await expect(page.locator('.badge')).toHaveText('解读同步发布');
  // Timeliness dashboard with its server-rendered chart.
  await page.goto('/timeliness');
  await expect(page.locator('svg.month-chart')).toBeVisible();
  await expect(page.locator('table.counts').first()).toContainText('%');
});

test('login, a form error and logout work without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(DEMO.editor.username);
  await page.getByLabel('密码').fill('wrong password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  await expect(page.getByLabel('用户名')).toHaveValue(DEMO.editor.username);
  await page.getByLabel('密码').fill(DEMO.editor.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/staff/);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('status')).toContainText('您已退出登录');
});
