import { test, expect, expectAccessible } from './helpers';
import type { Page } from '@playwright/test';

// 逐条解读: the demo's 《深圳市政策性文件解读工作规定》 ties its Q&A to articles 3–9.
async function openRulesPolicy(page: Page) {
  await page.goto('/search?kind=policy&q=' + encodeURIComponent('深圳市政策性文件解读工作规定'));
  await page.locator('.search-hits a[href^="/policies/"]').first().click();
  await expect(page.locator('h1')).toHaveText('深圳市政策性文件解读工作规定');
}

for (const javaScriptEnabled of [true, false]) {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    test.describe(`article interpretation, ${viewport.width}px, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      test.use({ viewport, javaScriptEnabled });

      test('each article shows its interpretation, collapsed, beside it or below it', async ({ page }) => {
        await openRulesPolicy(page);
        const block = page.locator('.article-block.has-notes').filter({ has: page.locator('#art-4') });
        const notes = block.locator('details.article-notes');
        await expect(notes.locator('summary')).toContainText('解读（1）');
        await expect(notes.locator('.note-list')).toBeHidden();
        await notes.locator('summary').click();
        await expect(notes.locator('.note-list')).toBeVisible();
        await expect(notes).toContainText('政策解读材料什么时候公布？');
        const text = await block.locator('.article-text').boundingBox();
        const box = await notes.boundingBox();
        if (viewport.width >= 1200) {
          expect(box!.x).toBeGreaterThan(text!.x + text!.width - 1);
        } else {
          expect(box!.y).toBeGreaterThanOrEqual(text!.y + text!.height - 1);
        }
        // axe runs as a script: checked where scripts run.
        if (javaScriptEnabled) await expectAccessible(page, 'policy page with article notes open');
        // The interpretation quotes the article it explains and links back to it.
        const quote = page.locator('.interpretation .article-quotes a[href="#art-4"]');
        await expect(quote).toHaveText('第四条');
        // A link to this article with its interpretation.
        await notes.getByRole('link', { name: '本条及解读的链接' }).click();
        await expect(page).toHaveURL(/\/articles\/4$/);
        await expect(page.locator('h1')).toContainText('第四条');
        await expect(page.getByRole('heading', { name: '第四条的解读' })).toBeVisible();
        await expect(page.locator('.note-list')).toContainText('最迟不超过政策性文件公布后3个工作日');
        if (javaScriptEnabled) await expectAccessible(page, 'article page');
        await page.getByRole('link', { name: /下一条/ }).click();
        await expect(page).toHaveURL(/\/articles\/5$/);
        await page.getByRole('link', { name: '返回政策全文' }).click();
        await expect(page).toHaveURL(/#art-5$/);
      });
    });
  }
}

// 征求意见稿与正式文本对照: the same demo policy came out of a consultation.
for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
  test.describe(`what changed from the draft, ${viewport.width}px`, () => {
    test.use({ viewport });

    test('the policy links to its changes: removed, added and edited articles marked', async ({ page }) => {
      await openRulesPolicy(page);
      await page.getByRole('link', { name: '正式文本与征求意见稿相比有哪些变化' }).click();
      await expect(page.locator('h1')).toContainText('征求意见稿与正式文本对照');
      await expect(page.locator('.changes-summary')).toHaveText(
        '修改 1 条，新增 1 条，删除 1 条，仅序号变化 4 条，未修改 4 条。');
      const edited = page.locator('.change.changed');
      await expect(edited.locator('h2')).toContainText('第四条（征求意见稿第五条）');
      await expect(edited.locator('del')).toContainText('5');
      await expect(edited.locator('ins')).toContainText('3');
      await expect(page.locator('.change.removed h2')).toContainText('征求意见稿第三条');
      // Which comments led to it, linked into the report.
      await expect(edited.locator('.prompted')).toContainText('由 1 条意见促成');
      await expect(edited.locator('.prompted a')).toHaveAttribute('href', /\/report#c-HY-2025-900001$/);
      await expectAccessible(page, 'what changed');
      // Printed, the site's header and the way back are left out.
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.site-header')).toBeHidden();
      await expect(page.locator('.change.changed del')).toBeVisible();
      await page.emulateMedia({ media: 'screen' });
      // The consultation names its final text and how far the draft moved.
      await page.getByRole('link', { name: /深圳市政策性文件解读工作规定（征求意见稿）/ }).click();
      await expect(page.locator('.origin')).toContainText('修改 1 条，新增 1 条，删除 1 条');
      await expectAccessible(page, 'consultation that led to a policy');
    });
  });
}
