import { defineConfig } from '@playwright/test';

// Browser tests (e2e/*.e2e.ts) against a running Stackgate and its Keycloak: BrowserIT (./mvnw verify) starts the
// packaged app and passes its URL in STACKGATE_E2E_BASE_URL; by hand, against `./mvnw spring-boot:run -pl app`:
//   npm run e2e            (default base URL http://127.0.0.1:8080)
// They drive Debian's Chromium (apt-get install chromium): Playwright never downloads a browser here.
const baseURL = process.env.STACKGATE_E2E_BASE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  // screenshots of the pages go to test-results/screenshots/; Playwright's own artefacts (failure screenshots,
  // traces) here — it empties this folder at every run
  outputDir: 'test-results/playwright',
  // one app, one database: the flows build on each other's data, one worker keeps them apart and the machine calm
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  globalTimeout: 15 * 60_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.STACKGATE_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking'],
    },
    actionTimeout: 20_000,
    navigationTimeout: 60_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
