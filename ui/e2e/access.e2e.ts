import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

import { Api, login, shot, unique } from './support';

// Accessibility of every page: axe-core's WCAG 2.1 A and AA rules, the pages at a phone's width, and the keyboard
// alone from the skip link to an approval.

const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The page's WCAG violations as one line each (rule, impact, the first elements it names); none expected. */
async function violations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const result = await new AxeBuilder({ page }).withTags(wcag).analyze();
  return result.violations.map(violation => `${violation.id} (${violation.impact}): ${violation.help} — `
    + violation.nodes.slice(0, 3).map(node => node.target.join(' ')).join(' | '));
}

/** Opens a page of the signed-in user and waits for what marks it drawn. */
async function open(page: Page, path: string, drawn: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId(drawn).first()).toBeVisible();
}

/** The pages of each demo user, with what marks each drawn; ids filled in by the first test. */
const pages = {
  alice: [
    ['/requests/new', 'catalogue-vm'],
    ['/requests/new/vm', 'request-form'],
    ['/requests', 'status'],
    ['REQUEST', 'request-page'],
    ['/resources', 'resources'],
    ['/settings/notifications', 'notification-settings-form'],
  ],
  bob: [
    ['/inbox', 'inbox'],
    ['TASK', 'decision'],
  ],
  maya: [
    ['/audit', 'audit'],
    ['/dashboards', 'chart'],
  ],
  olga: [
    ['/ops/hosts', 'hosts'],
    ['/ops/incidents', 'incidents'],
    ['/ops/findings', 'findings'],
    ['/ops/tenants-config', 'tenants-config'],
  ],
} as const;

let requestId = '';
let taskId = '';

function resolve(path: string): string {
  return path === 'REQUEST' ? `/requests/${requestId}` : path === 'TASK' ? `/inbox/${taskId}` : path;
}

test.beforeAll(async ({ request }) => {
  const alice = await Api.as(request, 'alice');
  requestId = await alice.submitVm(unique('a11y'), 'accessibility check');
  taskId = await (await Api.as(request, 'bob')).awaitTask(requestId);
});

for (const [user, paths] of Object.entries(pages)) {
  test(`${user}'s pages break none of axe's WCAG 2.1 A/AA rules`, async ({ page }) => {
    await login(page, user, resolve(paths[0][0]));
    const found: string[] = [];
    for (const [path, drawn] of paths) {
      await open(page, resolve(path), drawn);
      found.push(...(await violations(page)).map(line => `${path}: ${line}`));
    }
    expect(found).toEqual([]);
  });
}

test.describe('at a phone\'s width (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const [user, paths] of Object.entries(pages)) {
    test(`${user}'s pages fit without sideways scrolling, the menu opens from the header`, async ({ page }) => {
      await login(page, user, resolve(paths[0][0]));
      for (const [path, drawn] of paths) {
        await open(page, resolve(path), drawn);
        // wide tables scroll inside their own box; the page itself never does
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} is wider than the phone by ${overflow} px`).toBeLessThanOrEqual(0);
        await shot(page, `phone-${user}-${resolve(path).split('/').filter(Boolean).slice(0, 2).join('-')}`);
      }
      await page.getByRole('button', { name: /menu/i }).click();
      const drawer = page.locator('.ant-drawer-open');
      await expect(drawer.locator(`a[href="${user === 'olga' ? '/ops/hosts' : '/requests'}"]`)).toBeVisible();
    });
  }
});

test('the keyboard alone: skip link first, focus shown, bob approves from the decision screen', async ({ page }) => {
  const alice = await Api.as(page.request, 'alice');
  const bob = await Api.as(page.request, 'bob');
  const request = await alice.submitVm(unique('keys'), 'keyboard check');
  const task = await bob.awaitTask(request);
  await login(page, 'bob', `/inbox/${task}`);
  await expect(page.getByTestId('decision')).toBeVisible();

  // the first Tab reaches the skip link, shown on focus; Enter puts the focus on the page's content
  // (a fresh load: the focus starts at the top of the document)
  await page.reload();
  await expect(page.getByTestId('decision')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  await expect(skip).toBeFocused();
  expect((await skip.boundingBox())?.x ?? -1, 'the skip link is on screen when focused').toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Enter');
  await expect(page.locator('#content')).toBeFocused();

  // Tab on to the comment, type it, Tab on to Approve: every stop shows where the focus is
  const comment = page.locator('textarea[data-testid="decision-comment"], [data-testid="decision-comment"] textarea').first();
  const approve = page.getByTestId('approve');
  const unmarked: string[] = [];
  for (const target of [comment, approve]) {
    for (let presses = 0; presses < 80 && !(await target.evaluate(element => element === document.activeElement)); presses++) {
      await page.keyboard.press('Tab');
      const marked = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) {
          return true;
        }
        const style = getComputedStyle(element);
        return (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none'
          || element.matches('input, textarea, [role="combobox"]');
      });
      if (!marked) {
        unmarked.push(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? ''));
      }
    }
    await expect(target).toBeFocused();
    if (target === comment) {
      await page.keyboard.type('Approved with the keyboard alone');
    }
  }
  expect(unmarked, 'elements that take the focus without showing it').toEqual([]);
  await page.keyboard.press('Enter');
  const confirm = page.locator('.ant-popconfirm:visible .ant-btn-primary, .ant-modal:visible .ant-btn-primary').first();
  if (await confirm.isVisible().catch(() => false)) {
    await confirm.focus();
    await page.keyboard.press('Enter');
  }
  await expect.poll(async () => alice.status(request), { timeout: 30_000 }).not.toBe('PENDING_APPROVAL');
  const history = (await alice.get(`/api/requests/${request}`)).body;
  expect(JSON.stringify(history)).toContain('Approved with the keyboard alone');
  await shot(page, 'keyboard-approved');
});
