import { expect, test, type Page } from '@playwright/test';

import { login, shot } from './support';

const KIND = 'REQUEST_APPROVED';

function kind(page: Page) {
  return page.getByTestId('notification-settings-form').locator(`input[type="checkbox"][value="${KIND}"]`);
}

async function save(page: Page): Promise<void> {
  const saved = page.waitForResponse(response => response.url().endsWith('/api/notifications/preferences')
    && response.request().method() === 'PUT');
  await page.getByTestId('save-settings').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('settings-saved')).toBeVisible();
}

test('alice mutes a kind of notification from the bell, and it stays muted after a reload', async ({ page }) => {
  await login(page, 'alice', '/requests');
  await page.getByTestId('notification-bell').click();
  await page.getByTestId('notification-settings-link').click();
  await expect(page).toHaveURL(url => url.pathname === '/settings/notifications');
  await expect(page.getByTestId('notification-settings-form')).toBeVisible();
  await expect(kind(page)).toBeChecked();

  await kind(page).uncheck();
  await save(page);
  await page.reload();
  await expect(page.getByTestId('notification-settings-form')).toBeVisible();
  await expect(kind(page)).not.toBeChecked();
  await shot(page, 'notification-settings');

  // leave the data as found: the other tests expect alice to be told
  await kind(page).check();
  await save(page);
  await page.reload();
  await expect(kind(page)).toBeChecked();
});
