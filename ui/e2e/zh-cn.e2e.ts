import { expect, test, type Browser, type Page } from '@playwright/test';

import { Api, login, shot, unique } from './support';

/**
 * The zh-CN UI: a browser whose language is zh-CN gets the Chinese catalogues on every page, and no English is left
 * in what it shows — Latin-letter words are allowed only for ids and values (anything with a digit, '-', '_', '.',
 * '/', '=' or '@'), product names and units, and names that come from the data (users, tenants, projects, hosts, the
 * image catalogue). Each page is checked softly: one run lists the leftovers of every page.
 */
const ALLOWED = new Set([
  'Stackgate', 'Kubernetes', 'GPU', 'GPUs', 'vCPU', 'vCPUs', 'CPU', 'GiB', 'MiB', 'TiB', 'GB', 'MB', 'TB', 'ID', 'IP',
  'DNS', 'SSH', 'BPMN', 'DMN', 'Camunda', 'Cockpit', 'libvirt', 'KVM', 'QEMU', 'SLA', 'EUR', 'USD', 'CNY', 'UTC',
  'YAML', 'JSON', 'API', 'URL', 'URI', 'Debian', 'Ubuntu', 'openEuler', 'LTS', 'Linux', 'PCI', 'cloud-init', 'kubectl',
  'Keycloak', 'x86_64', 'aarch64', 'Demo', 'OpenSSL', 'PEM', 'CSV', 'XLSX', 'PDF', 'Excel',
]);

/** Words the data brings: demo users, tenant and project names, host names and labels, org units. */
async function dataWords(page: Page): Promise<Set<string>> {
  const words = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') {
      value.split(/[^A-Za-z0-9_./@-]+/).filter(Boolean).forEach(word => words.add(word));
    } else if (Array.isArray(value)) {
      value.forEach(add);
    } else if (value && typeof value === 'object') {
      Object.entries(value).forEach(([key, item]) => { add(key); add(item); });
    }
  };
  for (const user of ['alice', 'bob', 'olga', 'dave', 'maya', 'carol', 'admin']) {
    words.add(user).add(user[0].toUpperCase() + user.slice(1));
  }
  const olga = await Api.as(page.request, 'olga');
  const tenants = (await olga.get('/api/tenants')).body;
  add(tenants);
  for (const tenant of (Array.isArray(tenants) ? tenants : tenants?.items ?? []) as { id?: string; tenantId?: string }[]) {
    add((await olga.get(`/api/tenants/${tenant.id ?? tenant.tenantId}/projects`)).body);
  }
  add((await olga.get('/api/hosts')).body);
  // the image catalogue's descriptions (stackgate.compute.images) are configuration, not the UI's text
  add((await (await Api.as(page.request, 'alice')).get('/api/catalogue')).body);
  return words;
}

/** The Latin-letter words the page shows (visible text and placeholders), outside the BPMN diagram's own labels. */
async function latinWords(page: Page): Promise<{ word: string; context: string }[]> {
  return page.evaluate(() => {
    const found: { word: string; context: string }[] = [];
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // the diagram's labels are the process model's own names (processes/*.bpmn), not the UI's catalogue; the
      // avatar's letters are the user's initials ("AD" for Alice Demo), data as the name beside it is; what is marked
      // translate="no" is not language (the audit page's PEM key, OpenSSL commands, recorded JSON)
      if (!parent || parent.closest('[data-testid="bpmn-diagram"], .ant-avatar-string, [translate="no"], script, style, noscript')
        || !parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
        continue;
      }
      texts.push(node.textContent ?? '');
    }
    document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')
      .forEach(input => { if (input.checkVisibility() && !input.value) texts.push(input.placeholder); });
    for (const text of texts) {
      for (const match of text.matchAll(/[A-Za-z0-9_./@:=-]*[A-Za-z][A-Za-z0-9_./@:=-]*/g)) {
        found.push({ word: match[0], context: text.trim().slice(0, 120) });
      }
    }
    return found;
  });
}

async function expectChineseOnly(page: Page, name: string, allowed: Set<string>): Promise<void> {
  await shot(page, `zh-CN-${name}`);
  const words = await latinWords(page);
  const leftovers = words.filter(({ word }) => {
    const bare = word.replace(/[.:]+$/, '');
    return !/[0-9_./@=-]/.test(bare) && !ALLOWED.has(bare) && !allowed.has(bare);
  });
  expect.soft(leftovers.map(({ word, context }) => `${word}   in "${context}"`), `English left on ${name} (${page.url()})`)
    .toEqual([]);
}

async function zhPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  return context.newPage();
}

test('the zh-CN UI shows no English on the portal, inbox, operator, audit, dashboard and settings pages', async ({ browser }) => {
  let page = await zhPage(browser);
  const allowed = await dataWords(page);
  const alice = await Api.as(page.request, 'alice');
  const requestId = await alice.submitVm(unique('zh'), 'e2e-zh-1');
  allowed.add(requestId);

  await login(page, 'alice', '/requests/new');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('catalogue-vm')).toBeVisible();
  await expectChineseOnly(page, 'catalogue', allowed);
  await page.getByTestId('catalogue-vm').click();
  await expect(page.getByTestId('request-form')).toBeVisible();
  await expectChineseOnly(page, 'request-form', allowed);
  await page.goto('/requests');
  await expect(page.locator(`tr[data-row-key="${requestId}"]`)).toBeVisible();
  await expectChineseOnly(page, 'my-requests', allowed);
  await page.goto(`/requests/${requestId}`);
  await expect(page.getByTestId('request-page')).toBeVisible();
  await expect(page.getByTestId('bpmn-diagram')).toHaveAttribute('data-ready', 'true');
  await expectChineseOnly(page, 'request-page', allowed);
  await page.goto('/resources');
  await expect(page.getByTestId('resources')).toBeVisible();
  await expectChineseOnly(page, 'my-resources', allowed);
  await page.goto('/settings/notifications');
  await expect(page.getByTestId('notification-settings-form')).toBeVisible();
  await expectChineseOnly(page, 'notification-settings', allowed);
  await page.context().close();

  page = await zhPage(browser);
  const task = await (await Api.as(page.request, 'bob')).awaitTask(requestId);
  await login(page, 'bob', '/inbox');
  await expect(page.locator(`tr[data-row-key="${task}"]`)).toBeVisible();
  await expectChineseOnly(page, 'inbox', allowed);
  await page.goto(`/inbox/${task}`);
  await expect(page.getByTestId('decision')).toBeVisible();
  await expectChineseOnly(page, 'decision', allowed);
  await page.context().close();

  page = await zhPage(browser);
  await login(page, 'olga', '/ops/hosts');
  await expect(page.getByTestId('hosts')).toBeVisible();
  await expectChineseOnly(page, 'hosts', allowed);
  await page.goto('/ops/incidents');
  await expect(page.getByTestId('incidents')).toBeVisible();
  await expectChineseOnly(page, 'incidents', allowed);
  await page.context().close();

  page = await zhPage(browser);
  await login(page, 'maya', '/audit');
  await expect(page.getByTestId('audit')).toBeVisible();
  await expect(page.locator('tr.ant-table-row').first()).toBeVisible();
  await page.getByTestId('audit-verify-now').click();
  await expect(page.getByTestId('audit-verify')).toHaveAttribute('data-valid', 'true', { timeout: 60_000 });
  await page.locator('tr.ant-table-row .ant-table-row-expand-icon').first().click();
  await expect(page.getByTestId('audit-details').first()).toBeVisible();
  await expectChineseOnly(page, 'audit', allowed);
  await page.goto('/dashboards');
  await expect(page.getByTestId('chart-cost').getByTestId('chart')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('chart-table').first()).toBeVisible();
  await expectChineseOnly(page, 'dashboards', allowed);
  await page.context().close();
});
