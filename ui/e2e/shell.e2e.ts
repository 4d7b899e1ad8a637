import { expect, test } from '@playwright/test';

import { login, shot } from './support';

test('alice signs in on Keycloak\'s page and sees the portal shell', async ({ page }) => {
  await login(page, 'alice');
  await expect(page.getByTestId('user-menu')).toContainText(/alice/i);
  const menu = page.locator('nav, [role="menu"]').first();
  await expect(menu.locator('a[href="/requests/new"]')).toBeVisible();
  await expect(menu.locator('a[href="/requests"]')).toBeVisible();
  await expect(menu.locator('a[href="/resources"]')).toBeVisible();
  await shot(page, 'shell-alice');
});
