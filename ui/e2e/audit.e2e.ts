import { expect, test } from '@playwright/test';

import { Api, login, shot, unique } from './support';

// The audit log in Chromium: maya (auditor of acme) searches it, sees acme's rows only, verifies the chain and opens
// a row; alice (a requester) is offered no audit page and the API refuses her.

let acmeRequest = '';

test.beforeAll(async ({ request }) => {
  // a request in each tenant: acme's is maya's to see, globex's is not
  acmeRequest = await (await Api.as(request, 'alice')).submitVm(unique('audit'), 'audit check');
  const dave = await Api.as(request, 'dave');
  const globex = await dave.post('/api/requests', {
    tenant: 'globex', project: 'shop', type: 'vm', justification: 'audit check',
    spec: { name: unique('audit-globex'), arch: 'x86_64', vcpus: 1, memoryMiB: 2048, diskGiB: 10, image: 'debian-12' },
  });
  expect(globex.status, JSON.stringify(globex.body)).toBe(201);
  // the API itself shows globex's rows exist (to the platform admin), so their absence below is the scope
  const admin = await Api.as(request, 'admin');
  await expect.poll(async () => (await admin.get(`/api/audit?subject=${globex.body.id}`)).body?.total ?? 0).toBeGreaterThan(0);
});

test('maya searches the audit log by action family and sees acme\'s rows only', async ({ page }) => {
  await login(page, 'maya', '/requests');
  await page.getByTestId('nav-audit').click();
  const audit = page.getByTestId('audit');
  await expect(audit).toBeVisible();
  await expect(page.locator('tr.ant-table-row').first()).toBeVisible();

  // the action family select: requests
  await page.getByTestId('audit-action-filter').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Requests' }).click();
  await expect(page).toHaveURL(/action=request\./);
  const rows = page.locator('tr.ant-table-row[data-row-key]');
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-action"]').first()).toHaveAttribute('data-action', /^request\./);
  const actions = await page.locator('[data-testid="audit-action"]').evaluateAll(
    cells => cells.map(cell => cell.getAttribute('data-action')));
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.filter(action => !action?.startsWith('request.'))).toEqual([]);
  const tenants = await page.locator('[data-testid="audit-tenant"]').evaluateAll(
    cells => cells.map(cell => cell.getAttribute('data-tenant')));
  expect(tenants.length).toBe(actions.length);
  expect(tenants.filter(tenant => tenant !== 'acme')).toEqual([]);
  // alice's new request is among them (newest first), its row links to the request page
  const submitted = page.locator(`[data-testid="audit-request-link"][href="/requests/${acmeRequest}"]`).first();
  await expect(submitted).toBeVisible();

  // the filter survives a reload (it lives in the URL)
  await page.reload();
  await expect(page.locator('[data-testid="audit-action"]').first()).toHaveAttribute('data-action', /^request\./);

  // a row opened: the details JSON and the row's place in the chain
  const row = page.locator('tr.ant-table-row').filter({ has: page.locator(`[href="/requests/${acmeRequest}"]`) }).first();
  const sequence = await row.getAttribute('data-row-key');
  await row.locator('.ant-table-row-expand-icon').click();
  const details = page.locator(`[data-testid="audit-details"][data-sequence="${sequence}"]`);
  await expect(details).toBeVisible();
  await expect(details.getByTestId('audit-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(details.getByTestId('audit-prev-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(details.getByTestId('audit-details-json')).toContainText('{');
  await shot(page, 'audit-maya-requests');

  // the chain verified on demand: valid, with its head
  const verify = page.getByTestId('audit-verify');
  await expect(verify).not.toHaveAttribute('data-valid', /.+/);
  await page.getByTestId('audit-verify-now').click();
  await expect(verify).toHaveAttribute('data-valid', 'true', { timeout: 60_000 });
  await expect(verify).toContainText(/[0-9a-f]{64}/);

  // the public key to check the checkpoints offline
  await expect(page.getByTestId('audit-pem')).toContainText('BEGIN PUBLIC KEY');
  await expect(page.getByTestId('audit-offline')).toContainText('openssl pkeyutl -verify');
  await shot(page, 'audit-maya-verified');
});

test('alice has no audit page: no menu entry, and the API answers 403', async ({ page }) => {
  await login(page, 'alice', '/requests');
  await expect(page.locator('a[href="/requests"]').first()).toBeVisible();
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  await expect(page.locator('a[href="/audit"]')).toHaveCount(0);
  const alice = await Api.as(page.request, 'alice');
  expect((await alice.get('/api/audit')).status).toBe(403);
  expect((await alice.get('/api/audit/verify')).status).toBe(403);
  // the page, asked for by its address, shows the server's refusal
  await page.goto('/audit');
  await expect(page.getByTestId('audit')).toBeVisible();
  await expect(page.locator('.ant-alert-error')).toHaveCount(1);
  await expect(page.locator('.ant-alert-error')).toContainText('You may not do this.');
  await expect(page.locator('tr.ant-table-row')).toHaveCount(0);
  await expect(page.getByTestId('audit-verify')).toHaveCount(0);
});
