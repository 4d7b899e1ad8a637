import { expect, test } from '@playwright/test';

import { Api, login, shot } from './support';

test('olga sees the hosts and the incidents', async ({ page }) => {
  await login(page, 'olga', '/ops/hosts');
  const menu = page.locator('[role="menu"]').first();
  await expect(menu.locator('a[href="/ops/hosts"]')).toBeVisible();
  await expect(menu.locator('a[href="/ops/incidents"]')).toBeVisible();
  const hosts = page.getByTestId('hosts');
  await expect(hosts).toBeVisible();
  for (const host of ['demo-x86-1', 'demo-arm-1', 'demo-gpu-1']) {
    await expect(hosts).toContainText(host);
  }
  await shot(page, 'hosts');

  await menu.locator('a[href="/ops/incidents"]').click();
  await expect(page).toHaveURL(/\/ops\/incidents/);
  await expect(page.getByTestId('incidents')).toBeVisible();
  await shot(page, 'incidents');
});

test('alice gets no operator menu, no operator page, and the operator API answers 403', async ({ page }) => {
  await login(page, 'alice');
  await expect(page.locator('a[href^="/ops/"]')).toHaveCount(0);
  await expect(page.locator('a[href^="/camunda"]')).toHaveCount(0);

  await page.goto('/ops/hosts');
  await expect(page.locator('.ant-result-404')).toBeVisible();
  await expect(page.getByTestId('hosts')).toHaveCount(0);
  await shot(page, 'ops-hosts-alice');

  const alice = await Api.as(page.request, 'alice');
  expect((await alice.get('/api/hosts')).status).toBe(403);
  expect((await alice.get('/api/reconciliation/findings')).status).toBe(403);
});
