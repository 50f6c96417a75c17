import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, expect, DEMO, login, logout } from './helpers';

const maildir = process.env.HUIYIN_E2E_MAILDIR!;

/** Waits for a mail to `to` in the SMTP server's mailbox; returns its decoded text. */
async function mailTo(to: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    for (const sub of ['new', 'cur']) {
      const dir = path.join(maildir, sub);
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir)) {
        const raw = fs.readFileSync(path.join(dir, f), 'utf8');
        if (!raw.includes(`To: ${to}`)) continue;
        const [head, ...rest] = raw.split(/\r?\n\r?\n/);
        const body = rest.join('\n\n');
        if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
        if (/quoted-printable/i.test(head)) {
          return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
        }
        return body;
      }
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`no mail to ${to} in ${maildir}`);
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test.setTimeout(120_000);

  test('a citizen comments on article 3, verifies by email, an editor approves, the comment appears beside article 3', async ({ page }) => {
    const email = `citizen-${Date.now()}@example.test`;
    const text = `建议第三条写明即时审批的时限（${Date.now()}）`;
    await page.goto('/consultations');
    await page.getByRole('link', { name: /秒批.*管理办法/ }).first().click();
    await page.getByLabel('意见涉及的条款').selectOption({ label: '第三条' });
    await page.getByLabel(/意见内容/).fill(text);
    await page.getByLabel(/署名/).fill('测试市民');
    await page.getByLabel(/电子邮箱/).fill(email);
    await page.getByLabel(/我同意/).check();
    await page.getByRole('button', { name: '提交意见' }).click();
    await expect(page.locator('h1')).toHaveText('意见已收到');
    const tracking = (await page.getByTestId('tracking-number').innerText()).trim();
    expect(tracking).toMatch(/^HY-\d{4}-\d{6,}$/);

    const mail = await mailTo(email);
    const link = mail.match(/https?:\/\/\S+\/comments\/verify\?token=[0-9a-f]+/)![0];
    await page.goto(link);
    // The link only shows a button (mail scanners follow links); pressing it confirms.
    await page.getByRole('button', { name: '确认邮箱' }).click();
    await expect(page.getByRole('status').first()).toContainText('邮箱已确认');
    await page.getByLabel(/受理编号/).fill(tracking);
    await page.getByLabel('提交意见时填写的电子邮箱').fill(email);
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.locator('.status-result')).toContainText('已确认，待审核');

    await login(page, DEMO.editor);
    await page.goto('/staff/moderation');
    await page.getByRole('button', { name: `公开 ${tracking}`, exact: true }).click();
    await expect(page.getByRole('status').first()).toContainText('已处理');
    await logout(page);

    await page.goto('/consultations');
    await page.getByRole('link', { name: /秒批.*管理办法/ }).first().click();
    await page.locator('#art-3').locator('xpath=../..').getByRole('link', { name: /条意见/ }).click();
    await expect(page.locator('.comment-list')).toContainText(text);
    await expect(page.locator('.comment-list')).not.toContainText(email);
  });
});
