// What the browser tests share: the demo platform (`zhichan serve --demo` on a free local port
// over a fresh data directory) and headless Chromium, and signing in as one of the demo's people.
// Needs the zhichan binary (ZHICHAN_BIN, default ../../target/debug/zhichan) and Debian's
// chromium (CHROMIUM, default /usr/bin/chromium). Screenshots go to ../../target/browser/.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const root = resolve(import.meta.dirname, '../..');
export const shots = join(root, 'target/browser');
// The demo's searchable registers come from the real samples beside the repository, when present.
export const samples = join(root, '../shared/data');
export const withoutSamples = !existsSync(samples) && `skipped: the real samples (${samples}) are not beside the repository`;
/// The password of every demo account.
export const DEMO_PASSWORD = 'zhichan-demo-2026';

/// Starts the demo server and the browser; `stop()` ends both and removes the data directory.
export async function startDemo() {
  const binary = process.env.ZHICHAN_BIN ?? join(root, 'target/debug/zhichan');
  mkdirSync(shots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'zhichan-browser-'));
  const server = spawn(binary, ['serve', '--demo', '--demo-data', samples, '--bind', '127.0.0.1:0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ZHICHAN_DATABASE_URL: '' },
  });
  const baseUrl = await new Promise((resolveUrl, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) { clearTimeout(timer); resolveUrl(match[1]); }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const stop = async () => {
    await browser?.close();
    server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, browser, stop };
}

/// A new browser context signed in as `email`, its pages in `lang` (saved on the account).
export async function signIn(browser, baseUrl, email, lang, viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ locale: lang, viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForURL(`${baseUrl}/`);
  await page.click(`button[data-lang=${lang}]`);
  await page.waitForLoadState();
  return { context, page };
}
