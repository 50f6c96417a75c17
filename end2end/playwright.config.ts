import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. The server is the real `huiyin` binary on a
// fresh SQLite database with the demo content (scripts/e2e-server.sh).
const port = Number(process.env.HUIYIN_E2E_PORT ?? 3100);
// Where the test SMTP server (aiosmtpd, started by scripts/e2e-server.sh) keeps the mail.
process.env.HUIYIN_E2E_MAILDIR ??= `/tmp/huiyin-e2e-mail-${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `bash ../scripts/e2e-server.sh ${port}`,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
