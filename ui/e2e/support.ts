import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** The demo users of the dev realm have the password `<username>-demo`. */
export function password(user: string): string {
  return `${user}-demo`;
}

/**
 * Signs in as `user` on Keycloak's own login page: opens `path`, which sends the browser to Keycloak, and comes back
 * to `path` (the portal restores it from the OIDC state) with the shell drawn.
 */
export async function login(page: Page, user: string, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.locator('#username')).toBeVisible();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password(user));
  await page.locator('#kc-login').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await expect(page).toHaveURL(url => url.pathname === path.split('?')[0] || path === '/');
}

/** A screenshot of the whole page in test-results/screenshots/<name>.png (kept as an artefact of the run). */
export async function shot(page: Page, name: string): Promise<void> {
  const folder = join(test.info().config.rootDir, '..', 'test-results', 'screenshots');
  mkdirSync(folder, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** Checks an Ant Design Table row's selection box. */
export async function selectRow(row: Locator): Promise<void> {
  await row.locator('.ant-table-selection-column input[type="checkbox"]').check();
}

/**
 * Gives a form field (Ant Design: the input's id is the field's name path joined by '_') a value, whatever its kind:
 * a Select (picks the option whose label contains `value`), a Radio.Group (the option labelled `value`), an
 * InputNumber, an input or a textarea.
 * A field the form does not show is left alone when `optional`.
 */
export async function setField(page: Page, id: string, value: string, optional = false): Promise<void> {
  const input = page.locator(`[id="${id}"]`);
  if (optional && (await input.count()) === 0) {
    return;
  }
  await expect(input).toBeAttached();
  const select = page.locator('.ant-select').filter({ has: input });
  if ((await select.count()) > 0) {
    const shown = (await select.first().locator('.ant-select-selection-item, .ant-select-content-value').allInnerTexts()).join(' ');
    if (shown.includes(value)) {
      return;
    }
    await select.first().click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect(options.first()).toBeVisible();
    const byTitle = options.filter({ hasText: value });
    await (await byTitle.count() > 0 ? byTitle.first() : options.first()).click();
    return;
  }
  if (await input.evaluate(element => element.classList.contains('ant-radio-group'))) {
    await input.locator('label').filter({ hasText: value }).first().click();
    return;
  }
  await input.fill(value);
}

// ------------------------------------------------------------------------------------------------ the API, as a user

export interface Task {
  id: string;
  request?: { id?: string };
  requestId?: string;
}

/** The API as one demo user: a token from Keycloak's token endpoint (direct grant on the portal client, dev realm). */
export class Api {
  private constructor(private readonly http: APIRequestContext, readonly user: string, private readonly token: string) {}

  static async as(http: APIRequestContext, user: string): Promise<Api> {
    const config = await (await http.get('/api/public/config')).json() as { issuer: string; clientId: string };
    const response = await http.post(`${config.issuer}/protocol/openid-connect/token`, {
      form: { grant_type: 'password', client_id: config.clientId, username: user, password: password(user), scope: 'openid' },
    });
    expect(response.ok(), `a token for ${user}: ${await response.text()}`).toBeTruthy();
    return new Api(http, user, (await response.json()).access_token as string);
  }

  async get(path: string): Promise<{ status: number; body: any }> {
    const response = await this.http.get(path, { headers: this.headers() });
    return { status: response.status(), body: await response.json().catch(() => null) };
  }

  async post(path: string, data: unknown): Promise<{ status: number; body: any }> {
    const response = await this.http.post(path, { headers: this.headers(), data });
    return { status: response.status(), body: await response.json().catch(() => null) };
  }

  /** Submits a small VM in acme/web (one approval level: engineering's managers, i.e. bob); its request id. */
  async submitVm(name: string, justification = 'e2e-check'): Promise<string> {
    const answer = await this.post('/api/requests', {
      tenant: 'acme', project: 'web', type: 'vm', justification,
      spec: { name, arch: 'x86_64', vcpus: 1, memoryMiB: 2048, diskGiB: 10, image: 'debian-12' },
    });
    expect(answer.status, `submit ${name}: ${JSON.stringify(answer.body)}`).toBe(201);
    return answer.body.id as string;
  }

  async status(requestId: string): Promise<string> {
    return (await this.get(`/api/requests/${requestId}`)).body?.status as string;
  }

  /** Waits until the request reaches `wanted` (fails at once on FAILED/REJECTED/CANCELLED). */
  async awaitStatus(requestId: string, wanted: string, timeout = 90_000): Promise<void> {
    await expect.poll(async () => {
      const status = await this.status(requestId);
      return ['FAILED', 'REJECTED', 'CANCELLED'].includes(status) && status !== wanted ? `${status} (final)` : status;
    }, { timeout, intervals: [500, 1000] }).toBe(wanted);
  }

  /** The open task of this user for the request, once the engine has made it. */
  async awaitTask(requestId: string, timeout = 60_000): Promise<string> {
    let found: string | undefined;
    await expect.poll(async () => {
      const answer = await this.get(`/api/tasks?requestId=${encodeURIComponent(requestId)}&size=50`);
      const tasks = (Array.isArray(answer.body) ? answer.body : answer.body?.items ?? []) as Task[];
      found = tasks.find(task => (task.request?.id ?? task.requestId) === requestId)?.id;
      return found;
    }, { timeout, intervals: [500, 1000], message: `${this.user}'s task for request ${requestId}` }).toBeTruthy();
    return found!;
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, Accept: 'application/json, application/problem+json' };
  }
}

/** A name no earlier run against the same app has used (a VM name: lowercase DNS label). */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
