import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

import { Api, login, shot, unique } from './support';

// The dashboards in Chromium: maya (auditor of acme) sees every chart drawn with its table, and downloads a report
// as CSV (fetched with her token); alice is offered no dashboards and the reports API refuses her.

const CHARTS = ['requests', 'lead-times', 'sla', 'approvers', 'quota', 'arch', 'cost'];

let requestId = '';

test.beforeAll(async ({ request }) => {
  // one request of this month decided by bob: the requests, lead-times and approver charts have something to draw
  const alice = await Api.as(request, 'alice');
  requestId = await alice.submitVm(unique('dash'), 'dashboards check');
  const bob = await Api.as(request, 'bob');
  const task = await bob.awaitTask(requestId);
  const approved = await bob.post(`/api/tasks/${task}/approve`, { comment: 'dashboards check' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(204);
  await expect.poll(async () => alice.status(requestId), { timeout: 30_000 }).not.toBe('PENDING_APPROVAL');
});

test('maya sees every chart drawn with its table, and downloads a report as CSV', async ({ page }) => {
  await login(page, 'maya', '/requests');
  await page.getByTestId('nav-dashboards').click();
  await expect(page.getByTestId('dashboards')).toBeVisible();

  for (const id of CHARTS) {
    const card = page.getByTestId(`chart-${id}`);
    await expect(card, id).toBeVisible();
    const chart = card.getByTestId('chart');
    await expect(chart, `${id} drawn`).toHaveAttribute('data-ready', 'true');
    await expect(chart, `${id} named`).toHaveAttribute('aria-label', /\w{3,}/);
    await expect(chart.locator('canvas'), `${id} canvas`).toHaveCount(1);
    await expect(card.getByTestId('chart-table').locator('table'), `${id} table`).toBeVisible();
  }

  // this month's request is in the requests table, bob in the approver load
  const requests = page.getByTestId('chart-requests').getByTestId('chart-table');
  const thisMonth = new Date().toISOString().slice(0, 7);
  await expect(requests.locator(`tr[data-row-key="${thisMonth}"]`)).toBeVisible();
  await expect(page.getByTestId('chart-approvers').getByTestId('chart-table').locator('tr[data-row-key="bob"]')).toBeVisible();
  await shot(page, 'dashboards-maya');

  // the filters live in the URL
  await page.getByTestId('period-preset').getByText('This month').click();
  await expect(page).toHaveURL(new RegExp(`from=${thisMonth}&to=${thisMonth}|to=${thisMonth}&from=${thisMonth}`));
  await expect(page.getByTestId('chart-requests').getByTestId('chart-table').locator('tbody tr.ant-table-row')).toHaveCount(1);

  // a download: this month's requests report as CSV, with the column keys as its header row, acme's rows only
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('chart-requests').getByTestId('download-csv').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^stackgate-requests-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  expect(csv.split(/\r?\n/)[0]).toMatch(/^tenant,project,type,status,count/);
  expect(csv).toContain('acme');
  expect(csv).not.toContain('globex');
});

test('alice has no dashboards: no menu entry, and the reports API answers 403', async ({ page }) => {
  await login(page, 'alice', '/requests');
  await expect(page.locator('a[href="/requests"]').first()).toBeVisible();
  await expect(page.getByTestId('nav-dashboards')).toHaveCount(0);
  const alice = await Api.as(page.request, 'alice');
  expect((await alice.get('/api/reports/requests')).status).toBe(403);
  // the page, asked for by its address, shows the server's refusal once, and no chart
  await page.goto('/dashboards');
  await expect(page.getByTestId('dashboards')).toBeVisible();
  await expect(page.locator('.ant-alert-error')).toHaveCount(1);
  await expect(page.locator('.ant-alert-error')).toContainText('You may not do this.');
  await expect(page.getByTestId('chart')).toHaveCount(0);
});
