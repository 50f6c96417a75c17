import { test, expect, DEMO, login } from './helpers';
import type { Page } from '@playwright/test';

// An injection corpus (OWASP filter-evasion cases and more) in user-writable fields, each
// rendered in Chromium with JavaScript on: the test fails if any script runs (every payload
// calls alert, which would open a dialog) or the page is refused something by its CSP.
const CORPUS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '<a href="javascript:alert(1)">点我</a>',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<body onload=alert(1)>',
  'javascript:alert(1)',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=`javascript:alert(1)`>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><script>alert&#40;1&#41;</script>',
  '<object data="javascript:alert(1)">',
  '<input autofocus onfocus=alert(1)>',
  '{{constructor.constructor(\'alert(1)\')()}}',
  '%3Cscript%3Ealert(1)%3C/script%3E',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
];

function watch(page: Page): string[] {
  const ran: string[] = [];
  page.on('dialog', async d => {
    ran.push(`${page.url()}: ${d.message()}`);
    await d.dismiss();
  });
  return ran;
}

test('search queries never run as script', async ({ page }) => {
  const ran = watch(page);
  for (const payload of CORPUS) {
    await page.goto('/search?q=' + encodeURIComponent(payload));
    await expect(page.locator('h1')).toHaveText('搜索');
  }
  // Typed into the box as well (results follow the typing).
  await page.getByLabel('搜索政策、解读、征求意见和公众意见').fill(CORPUS[1]);
  await page.waitForTimeout(600);
  expect(ran).toEqual([]);
});

test('a comment form shown again with its errors keeps the text as text', async ({ page }) => {
  const ran = watch(page);
  await page.goto('/consultations/1');
  for (const payload of CORPUS.slice(0, 8)) {
    await page.getByLabel(/意见内容/).fill(`建议：${payload}`);
    await page.getByLabel(/署名/).fill(payload.slice(0, 40));
    await page.getByLabel(/电子邮箱/).fill('not-an-address');
    await page.getByRole('button', { name: '提交意见' }).click();
    await expect(page.locator('.error-summary')).toBeVisible();
    await expect(page.getByLabel(/意见内容/)).toHaveValue(`建议：${payload}`);
  }
  expect(ran).toEqual([]);
});

test('policy and interpretation fields written by staff render as text or sanitized HTML', async ({ page }) => {
  const ran = watch(page);
  await login(page, DEMO.drafter);
  await page.goto('/staff/policies/new');
  const title = `注入测试 ${CORPUS[5]}`;
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('文号').fill(CORPUS[1]);
  await page.getByLabel('成文日期').fill('2026-11-20');
  await page.getByLabel('正文').fill(CORPUS.map((p, i) => `第${i + 1}条 ${p}`).join('\n'));
  // Not a document number: the form comes back with everything typed, as text.
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expect(page.getByLabel('文号')).toHaveValue(CORPUS[1]);
  await page.getByLabel('文号').fill('深府〔2026〕77号');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('h1')).toContainText('注入测试');
  // The same text, as HTML: sanitized.
  await page.getByRole('link', { name: '添加解读材料' }).click();
  await page.getByLabel('解读形式').selectOption('text');
  await page.getByLabel('标题').fill(CORPUS[0]);
  await page.getByLabel('正文').fill(`<p>说明</p>${CORPUS.join('')}`);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.interpretation h3').last()).toHaveText(CORPUS[0]);
  await page.getByRole('link', { name: '添加解读材料' }).click();
  await page.getByLabel('解读形式').selectOption('qa');
  await page.getByLabel('标题').fill(CORPUS[2]);
  await page.getByLabel('问答内容').fill(`问：【第一条】${CORPUS[4]}\n答：${CORPUS[6]}`);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.interpretation h3').last()).toHaveText(CORPUS[2]);
  // The article's notes open, with the payloads inside.
  await page.locator('details.article-notes summary').first().click();
  await page.reload();
  expect(ran).toEqual([]);
});

test('consultation fields, file names and a published comment render as text, in every language', async ({ page }) => {
  test.setTimeout(120_000);
  const ran = watch(page);
  const stamp = Date.now();
  // Shenzhen's date: the consultation opens today and runs 30 days.
  const day = (offset: number) => new Date(stamp + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  await login(page, DEMO.drafter);
  await page.goto('/staff/consultations/new');
  const title = `注入测试意见征集 ${stamp} ${CORPUS[5]}`;
  await page.getByLabel('标题').fill(title);
  await page.getByLabel(/征求意见稿/).fill(CORPUS.map((p, i) => `第${i + 1}条 ${p}`).join('\n'));
  await page.getByLabel(/起草说明/).fill(CORPUS.join('\n'));
  await page.getByLabel('开始日期').fill(day(0));
  await page.getByLabel(/截止日期/).fill(day(30));
  // A file name is written by the citizen's or the drafter's computer: payloads without `/`
  // (a path separator, cut off with what precedes it).
  await page.locator('#f-attachments').setInputFiles([
    { name: '"><img src=x onerror=alert(1)>.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') },
    { name: "<svg onload=alert(2)>说明'.pdf", mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
  ]);
  await page.getByRole('button', { name: '保存' }).click();
  // Released at once: the public page, with the attachments listed by name (the characters
  // a file name may not hold are left out of it).
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('.attachments, body').first()).toContainText('onerror=alert(1).pdf');
  const consultation = page.url();
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.goto('/consultations');
  await expect(page.getByRole('link', { name: title })).toBeVisible();

  // A letter entered by an administrator, with the payloads in its text and name; the
  // moderation queue shows it, then it is published.
  await login(page, DEMO.admin);
  await page.goto(`${new URL(consultation).pathname}`.replace('/consultations/', '/staff/consultations/') + '/paper-comments/new');
  const body = `来信 ${stamp}：${CORPUS.join(' ')}`;
  await page.getByLabel('意见内容').fill(body);
  await page.getByLabel(/署名/).fill(CORPUS[1].slice(0, 40));
  await page.getByLabel('来信人同意公开其意见').check();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').first()).toContainText('意见已录入');
  await page.goto('/staff/moderation');
  const item = page.locator('li.comment').filter({ hasText: `来信 ${stamp}` });
  await expect(item.locator('.comment-body').first()).toHaveText(body);
  await item.getByRole('button', { name: /^公开/ }).click();
  await expect(page.getByRole('status').first()).toContainText('已处理');
  await page.getByRole('button', { name: '退出登录' }).click();

  await page.goto(consultation);
  await expect(page.locator('.comment-list')).toContainText(`来信 ${stamp}`);
  // The same pages in Traditional Chinese and English.
  for (const lang of ['zh-Hant', 'en']) {
    await page.goto(`/lang/${lang}?back=${encodeURIComponent(new URL(consultation).pathname)}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('.comment-list')).toContainText(`来信 ${stamp}`);
    await page.goto('/search?q=' + encodeURIComponent(`注入测试意见征集 ${stamp}`));
    await page.goto('/consultations');
  }
  await page.goto('/lang/zh-Hans?back=/');
  expect(ran).toEqual([]);
});
