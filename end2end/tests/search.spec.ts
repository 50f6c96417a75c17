import { test, expect, expectAccessible } from './helpers';

// Search from the header box, narrow by a facet, open a result: with and without JavaScript.
for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('a reader searches in Traditional script, filters by type and opens a policy', async ({ page }) => {
      await page.goto('/policies');
      const box = page.getByRole('search').first();
      await box.getByLabel('全站搜索').fill('政策性文件解讀');
      await box.getByRole('button', { name: '搜索' }).click();
      await expect(page).toHaveURL(/\/search\?q=/);
      await expect(page.locator('h1')).toHaveText('搜索');
      await expect(page.locator('.result-count')).toContainText(/找到 \d+ 条结果/);
      // The matched words are marked in the snippets.
      await expect(page.locator('.search-hits mark').first()).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(page, 'search results');

      // Narrow to policies: every result is a policy.
      const kinds = page.getByRole('complementary', { name: '筛选' });
      await kinds.getByRole('link', { name: '政策文件' }).click();
      await expect(page).toHaveURL(/kind=policy/);
      const badges = page.locator('.search-hits .badge');
      await expect(badges.first()).toHaveText('政策文件');
      for (const b of await badges.all()) await expect(b).toHaveText('政策文件');
      await expect(page.getByRole('link', { name: '取消此筛选' })).toBeVisible();

      // A query with nothing to find suggests dropping the filter.
      await page.getByLabel('搜索政策、解读、征求意见和公众意见').fill('完全不存在的词语组合乙丙丁');
      await page.getByRole('button', { name: '搜索' }).last().click();
      await expect(page.getByText('没有找到相关内容。')).toBeVisible();
      await page.getByRole('link', { name: '去掉筛选条件再搜索' }).click();
      await expect(page).not.toHaveURL(/kind=/);
      if (javaScriptEnabled) await expectAccessible(page, 'search without results');

      if (javaScriptEnabled) {
        // Results follow the typing (the input is an island), and the address stays shareable.
        const input = page.getByLabel('搜索政策、解读、征求意见和公众意见');
        await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
        await input.fill('');
        await input.pressSequentially('秒批', { delay: 50 });
        await expect(page).toHaveURL(/q=%E7%A7%92%E6%89%B9/);
        await expect(page.locator('.search-hits mark').first()).toHaveText(/秒批/);
        await expect(input).toBeFocused();
        // The new count is announced to screen readers, and the title follows the results.
        await expect(page.locator('#search-announce')).toHaveText(/\d/);
        await expect(page).toHaveTitle(/搜索/);
      }

      // Syntax the parser cannot read is searched as plain words, never an error page.
      await page.goto('/search?q=' + encodeURIComponent('"政策 AND (解读'));
      await expect(page.locator('h1')).toHaveText('搜索');

      // One wrong character: approximate results, said so.
      await page.goto('/search?q=' + encodeURIComponent('高龄老人津帖'));
      await expect(page.locator('.approximate')).toContainText('字词相近');
      await expect(page.locator('.search-hits mark').first()).toHaveText(/高龄老人津/);

      await page.goto('/search?q=' + encodeURIComponent('政策性文件解读工作规定'));
      await page.locator('.search-hits h3 a').first().click();
      await expect(page.locator('h1')).toContainText('政策性文件解读工作规定');
    });
  });
}
