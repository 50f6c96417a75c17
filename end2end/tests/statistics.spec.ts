import { test, expect, expectAccessible } from './helpers';

// The statistics of the demo year, then the annual report laid out as the official tables,
// then its CSV: with and without JavaScript.
for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('a reader narrows the statistics to one department and downloads the annual tables', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('navigation', { name: /主导航|主要导航|Main/ }).getByRole('link', { name: '统计' }).click();
      await expect(page.locator('h1')).toHaveText('统计数据');
      const year = new Date().getFullYear().toString();
      await expect(page.getByRole('heading', { name: `${year}年概览` })).toBeVisible();
      await expect(page.locator('svg.bar-chart')).toHaveCount(2);

      await page.getByLabel('起草部门', { exact: true }).selectOption({ label: '市政务服务管理办公室' });
      await page.getByRole('button', { name: '查看' }).click();
      await expect(page).toHaveURL(/department=zwfw/);
      // The participation table has the one department's row, and no total row.
      const rows = page.locator('table.annual tbody tr');
      await expect(rows).toHaveCount(1);
      await expect(rows.first().locator('th')).toHaveText('市政务服务管理办公室');
      if (javaScriptEnabled) await expectAccessible(page, 'statistics of one department');

      await page.getByRole('link', { name: '年度报告统计表' }).click();
      await expect(page.locator('h1')).toContainText(`市政务服务管理办公室 · ${year}年政策解读与公众参与工作年度报告（统计表）`);
      await expect(page.getByRole('heading', { name: '一、主动公开政策文件及解读情况' })).toBeVisible();
      await expect(page.getByRole('columnheader', { name: '本年新公开数量' })).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(page, 'annual report');

      const href = await page.getByRole('link', { name: '下载统计表（CSV）' }).getAttribute('href');
      const csv = await page.request.get(href!);
      expect(csv.status()).toBe(200);
      const text = await csv.text();
      expect(text).toContain('三、公开征求意见及采纳情况');
      expect(text).toContain('市政务服务管理办公室,');
    });
  });
}
