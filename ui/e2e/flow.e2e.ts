import { expect, test, type Page } from '@playwright/test';

import { Api, login, setField, shot, unique } from './support';

// One VM request from alice's form to bob's decision to alice's resources; each test builds on the one before.
test.describe.configure({ mode: 'serial' });

const vmName = unique('web');
let requestId = '';

/** Confirms an Ant Design Popconfirm or confirmation Modal if the click opened one. */
async function confirmIfAsked(page: Page): Promise<void> {
  const confirm = page.locator('.ant-popconfirm:visible .ant-btn-primary, .ant-modal-confirm:visible .ant-btn-primary, .ant-modal:visible .ant-modal-footer .ant-btn-primary');
  try {
    await confirm.first().waitFor({ state: 'visible', timeout: 1_500 });
    await confirm.first().click();
  } catch {
    // nothing asked
  }
}

test('alice signs in on Keycloak\'s page and submits a VM request from the form', async ({ page }) => {
  await login(page, 'alice', '/requests/new');
  await expect(page.getByTestId('catalogue-vm')).toBeVisible();
  await shot(page, 'catalogue');

  await page.getByTestId('catalogue-vm').click();
  await expect(page).toHaveURL(/\/requests\/new\/vm/);
  const form = page.getByTestId('request-form');
  await expect(form).toBeVisible();
  await setField(page, 'tenant', 'acme', true);
  await setField(page, 'project', 'Web shop', true);
  await setField(page, 'spec_name', vmName);
  await setField(page, 'spec_arch', 'x86_64', true);
  await setField(page, 'spec_vcpus', '2');
  await setField(page, 'spec_image', 'debian-12', true);
  await setField(page, 'justification', 'Shop frontend for the spring campaign');
  const preview = page.getByTestId('request-preview');
  await expect(preview).toHaveAttribute('data-approval-levels', '1');
  await shot(page, 'request-form');

  await page.getByTestId('submit-request').click();
  await confirmIfAsked(page);
  const requestPage = page.getByTestId('request-page');
  await expect(requestPage).toBeVisible();
  requestId = (await requestPage.getAttribute('data-request-id')) ?? '';
  expect(requestId, 'the request page names the new request').not.toBe('');
  await expect(page).toHaveURL(new RegExp(`/requests/${requestId}$`));
  await expect(requestPage).toHaveAttribute('data-status', /SUBMITTED|PENDING_APPROVAL/);
  await shot(page, 'request-submitted');

  const alice = await Api.as(page.request, 'alice');
  const submitted = (await alice.get(`/api/requests/${requestId}`)).body;
  expect(submitted.spec.name).toBe(vmName);
  expect(submitted.spec.vcpus).toBe(2);
});

test('bob finds it in his inbox, opens the decision screen and approves it', async ({ page }) => {
  test.skip(!requestId, 'no request was submitted');
  const bob = await Api.as(page.request, 'bob');
  const taskId = await bob.awaitTask(requestId);

  await login(page, 'bob', '/inbox');
  const inbox = page.getByTestId('inbox');
  await expect(inbox).toBeVisible();
  const row = inbox.locator(`tr[data-row-key="${taskId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(vmName);
  await shot(page, 'inbox');

  const link = row.locator(`a[href$="/inbox/${taskId}"]`);
  await ((await link.count()) > 0 ? link.first() : row.locator('td').nth(1)).click();
  await expect(page).toHaveURL(new RegExp(`/inbox/${taskId}$`));
  const decision = page.getByTestId('decision');
  await expect(decision).toBeVisible();
  await expect(decision).toContainText(vmName);
  await page.getByTestId('decision-comment').locator('textarea').or(page.locator('textarea[data-testid="decision-comment"]'))
    .first().fill('Fine for the campaign');
  await shot(page, 'decision');
  await page.getByTestId('approve').click();
  await confirmIfAsked(page);

  const alice = await Api.as(page.request, 'alice');
  await expect.poll(async () => alice.status(requestId), { timeout: 30_000 }).not.toBe('PENDING_APPROVAL');
  await shot(page, 'decision-done');
});

test('alice sees it COMPLETED, the diagram at its end and the VM under My resources', async ({ page }) => {
  test.skip(!requestId, 'no request was submitted');
  const alice = await Api.as(page.request, 'alice');
  await alice.awaitStatus(requestId, 'COMPLETED', 120_000);

  await login(page, 'alice', `/requests/${requestId}`);
  const requestPage = page.getByTestId('request-page');
  await expect(requestPage).toHaveAttribute('data-request-id', requestId);
  await expect(requestPage).toHaveAttribute('data-status', 'COMPLETED');
  await expect(requestPage.getByTestId('status').first()).toHaveAttribute('data-status', 'COMPLETED');
  const diagram = page.getByTestId('bpmn-diagram');
  await expect(diagram).toHaveAttribute('data-ready', 'true');
  await expect(diagram.locator('.djs-element[data-element-id="RequestCompleted"]')).toHaveClass(/\bsg-completed\b/);
  await expect(diagram.locator('.sg-active')).toHaveCount(0);
  await shot(page, 'request-completed');

  await page.goto('/requests');
  const mine = page.locator(`tr[data-row-key="${requestId}"]`);
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId('status')).toHaveAttribute('data-status', 'COMPLETED');
  await shot(page, 'my-requests');

  const vm = (await alice.get('/api/resources?kind=vm&size=200')).body.items
    .find((resource: { requestId?: string }) => resource.requestId === requestId);
  expect(vm, 'the API lists the VM').toBeTruthy();
  await page.goto('/resources');
  const resources = page.getByTestId('resources');
  await expect(resources).toBeVisible();
  const vmRow = resources.locator(`tr[data-row-key="${vm.id}"]`);
  await expect(vmRow).toBeVisible();
  await expect(vmRow).toContainText(vmName);
  await shot(page, 'my-resources');
});

test('dave (globex) opening acme\'s request sees "not found"', async ({ page }) => {
  test.skip(!requestId, 'no request was submitted');
  await login(page, 'dave', `/requests/${requestId}`);
  await expect(page.locator('.ant-result-404')).toBeVisible();
  await expect(page.locator('.ant-result-404')).toContainText('Not found');
  await expect(page.getByTestId('request-page')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(vmName);
  const dave = await Api.as(page.request, 'dave');
  expect((await dave.get(`/api/requests/${requestId}`)).status).toBe(404);
  await shot(page, 'not-found-dave');
});
