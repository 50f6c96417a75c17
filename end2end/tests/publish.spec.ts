import { test, expect, DEMO, dueCount, login, logout } from './helpers';

for (const javaScriptEnabled of [true, false]) {
test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
test.use({ javaScriptEnabled });

test('a drafter publishes a policy with a Q&A, an editor signs it off, the public sees both', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(String(e)));
  const title = `关于做好政策解读同步发布工作的通知（${Date.now()}）`;

  await login(page, DEMO.drafter);
  await page.getByRole('link', { name: '新建政策文件' }).click();
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('文号').fill('深府办函〔2026〕88号');
  await page.getByLabel('成文日期').fill('2026-11-20');
  await page.getByLabel('正文').fill('第一条 为做好政策解读工作，制定本通知。\n第二条 政策解读材料与政策文件同步发布。\n第三条 本通知自发布之日起施行。');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');

  await page.getByRole('link', { name: '添加解读材料' }).click();
  await page.getByLabel('解读形式').selectOption('qa');
  await page.getByLabel('标题').fill('《通知》政策问答');
  await page.getByLabel('问答内容').fill('问：解读什么时候发布？\n答：与政策文件同步发布，最迟不超过3个工作日。');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  await page.getByRole('button', { name: /提交审签/ }).click();
  await expect(page.getByRole('status')).toContainText('已提交审签');
  await logout(page);

  await login(page, DEMO.editor);
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '审签通过并发布' }).click();
  await expect(page.getByRole('status')).toContainText('已发布');
  await logout(page);

  await page.goto('/policies');
  await page.getByRole('link', { name: title }).click();
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('.badge')).toHaveText('解读同步发布');
  await expect(page.locator('.qa')).toContainText('解读什么时候发布？');
  await expect(page.locator('#art-2')).toContainText('同步发布');
  expect(errors).toEqual([]);
});
});
}

test('the counter of due interpretations goes down when the interpretation is published', async ({ page }) => {
  const before = await dueCount(page);
  expect(before).toBeGreaterThan(0);
  await login(page, DEMO.drafter);
  // A policy still within its deadline (overdue ones do not count as "due").
  const due = page.locator('section[aria-labelledby="due-h"] .policy-card').filter({ has: page.locator('.badge-due') }).first().locator('h3 a');
  await due.click();
  await page.getByRole('link', { name: '添加解读材料' }).click();
  await page.getByLabel('解读形式').selectOption('text');
  await page.getByLabel('标题').fill('文字解读');
  await page.getByLabel('正文').fill('本文件的主要内容与适用范围说明。');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  expect(await dueCount(page)).toBe(before - 1);
});
