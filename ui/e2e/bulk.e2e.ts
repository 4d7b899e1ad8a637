import { expect, test } from '@playwright/test';

import { Api, login, selectRow, shot, unique } from './support';

test('bob bulk-approves three requests from his inbox', async ({ page }) => {
  const alice = await Api.as(page.request, 'alice');
  const bob = await Api.as(page.request, 'bob');
  const requests = [];
  for (let i = 0; i < 3; i++) {
    requests.push(await alice.submitVm(unique(`bulk${i}`), `e2e-bulk-${i}`));
  }
  const tasks = [];
  for (const request of requests) {
    tasks.push(await bob.awaitTask(request));
  }

  await login(page, 'bob', '/inbox');
  const inbox = page.getByTestId('inbox');
  await expect(inbox).toBeVisible();
  for (const task of tasks) {
    const row = inbox.locator(`tr[data-row-key="${task}"]`);
    await expect(row).toBeVisible();
    await selectRow(row);
  }
  await shot(page, 'inbox-bulk-selected');
  await page.getByTestId('bulk-approve').click();
  // the confirmation, with an optional comment
  await page.getByTestId('bulk-comment').fill('Approved together');
  await page.getByTestId('bulk-approve-confirm').click();
  const results = page.getByTestId('bulk-results');
  await expect(results).toBeVisible();
  await expect(results.locator('[data-outcome="APPROVED"]')).toHaveCount(3);
  await expect(results.locator('[data-outcome]:not([data-outcome="APPROVED"])')).toHaveCount(0);
  await shot(page, 'bulk-results');

  for (const request of requests) {
    await expect.poll(async () => alice.status(request), { timeout: 30_000 }).not.toBe('PENDING_APPROVAL');
  }
});
