import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, expect, DEMO, expectAccessible, login } from './helpers';

// The demo consultation on open government data closed three days ago; its four published
// comments (two of them one near-duplicate group) wait for answers.
const maildir = process.env.HUIYIN_E2E_MAILDIR!;
const TITLE = /政务数据共享开放管理办法/;

/** The newest mail to `to` in the test SMTP server's mailbox, decoded. */
async function mailTo(to: string, containing: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    for (const sub of ['new', 'cur']) {
      const dir = path.join(maildir, sub);
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir)) {
        const raw = fs.readFileSync(path.join(dir, f), 'utf8');
        if (!raw.includes(`To: ${to}`)) continue;
        const [head, ...rest] = raw.split(/\r?\n\r?\n/);
        const body = rest.join('\n\n');
        let text = body;
        if (/Content-Transfer-Encoding: base64/i.test(head)) text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
        else if (/quoted-printable/i.test(head)) {
          text = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
        }
        if (text.includes(containing)) return text;
      }
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`no mail to ${to} containing ${containing} in ${maildir}`);
}

async function openWorkspace(page: import('@playwright/test').Page) {
  await page.goto('/staff/consultations');
  await page.getByRole('link', { name: new RegExp(`答复意见.*${TITLE.source}`) }).click();
  await expect(page.locator('h1')).toContainText('答复意见');
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the drafting department answers one comment, then a whole group; the report waits for the last', async ({ page }) => {
    await login(page, DEMO.drafter);
    await openWorkspace(page);
    await expect(page.locator('.lead')).toContainText('已公开意见 4 条，尚未答复 4 条');

    // "Not adopted" needs a reason: the form says so and keeps the choice.
    await page.getByLabel(/选择意见 HY-\d{4}-700003/).check();
    await page.getByLabel('未采纳', { exact: true }).check();
    await page.getByRole('button', { name: '答复所选意见' }).click();
    await expect(page.locator('.error-summary')).toContainText('须填写答复理由');
    await expect(page.getByLabel('未采纳', { exact: true })).toBeChecked();

    await page.getByLabel(/选择意见 HY-\d{4}-700003/).check();
    await page.getByLabel('答复理由').fill('开放目录按年度更新，与国家要求一致。');
    await page.getByRole('button', { name: '答复所选意见' }).click();
    await expect(page.getByRole('status').first()).toContainText('已答复 1 条意见');
    await expect(page.locator('.lead')).toContainText('尚未答复 3 条');

    // The near-duplicate group at once.
    await page.getByRole('link', { name: '近似意见一组，共 2 条' }).first().click();
    await page.getByLabel(/答复整组相似意见（2 条）/).check();
    await page.getByLabel('部分采纳', { exact: true }).check();
    await page.getByLabel('答复理由').fill('将在第二条中列明不共享的情形，公布频次另行规定。');
    await page.getByRole('button', { name: '答复所选意见' }).click();
    await expect(page.getByRole('status').first()).toContainText('已答复 2 条意见');

    // Publishing is refused while one comment has no answer, with a way to it.
    await page.getByRole('button', { name: '发布采纳情况报告' }).click();
    await expect(page.locator('.error-summary')).toContainText('还有 1 条已公开的意见未答复');
    await page.getByRole('link', { name: '查看未答复的意见' }).click();
    await expect(page.locator('.comment-list .comment')).toHaveCount(1);
  });
});

test('with JavaScript: the last answer, the report, the commenter\'s mail and status page', async ({ page }) => {
  await login(page, DEMO.drafter);
  await openWorkspace(page);
  await expectAccessible(page, 'adoption workspace');
  // The publish guard's answer, shown on the workspace.
  await page.getByRole('button', { name: '发布采纳情况报告' }).click();
  await expect(page.locator('.error-summary')).toContainText('还有 1 条已公开的意见未答复');
  await expectAccessible(page, 'adoption workspace with an error');
  await openWorkspace(page);
  await page.getByLabel('只看未答复').check();
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page.locator('.comment-list .comment')).toHaveCount(1);
  await page.getByLabel(/选择意见 HY-\d{4}-700004/).check();
  await page.getByLabel('采纳', { exact: true }).check();
  await page.getByRole('button', { name: '答复所选意见' }).click();
  await expect(page.getByRole('status').first()).toContainText('已答复 1 条意见');

  await page.getByRole('button', { name: '发布采纳情况报告' }).click();
  await expect(page.locator('h1')).toContainText('采纳情况报告');
  await expect(page.getByRole('status').first()).toContainText('采纳情况报告已发布');
  await expect(page.locator('.figures')).toContainText('公开意见');
  await expect(page.locator('svg.outcome-chart')).toBeVisible();
  await expect(page.locator('.report .comment')).toHaveCount(4);
  await expectAccessible(page, 'adoption report');

  // The first commenter's mail links straight to their comment's decision.
  const mail = await mailTo('awaiting1@example.test', '采纳情况');
  const link = mail.match(/https?:\/\/\S+\/consultations\/\d+\/report\?page=1#c-(HY-\d{4}-\d+)/)!;
  await page.goto(link[0]);
  const entry = page.locator(`#c-${link[1]}`);
  await expect(entry).toContainText('部分采纳');
  await expect(entry).toContainText('将在第二条中列明不共享的情形');

  // And their status page shows it.
  await page.goto('/comments/status');
  await page.getByLabel(/受理编号/).fill(link[1]);
  await page.getByLabel('提交意见时填写的电子邮箱').fill('awaiting1@example.test');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('.status-result')).toContainText('部分采纳');
  await expectAccessible(page, 'status page with a decision');
});

test('the published demo report prints cleanly and is accessible on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/consultations');
  await page.getByRole('link', { name: /政府信息公开工作规定/ }).first().click();
  await page.getByRole('link', { name: '采纳情况报告' }).first().click();
  await expect(page.locator('table')).toContainText('第三条');
  await expectAccessible(page, 'adoption report on a phone');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.report .comment').first()).toBeVisible();
});
