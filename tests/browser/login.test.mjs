// Signs in to the demo platform and switches languages in headless Chromium, as a person would
// (the demo server and browser: demo.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { shots, startDemo, withoutSamples } from './demo.mjs';

let demo, browser, baseUrl;

before(async () => {
  demo = await startDemo();
  ({ browser, baseUrl } = demo);
});

after(async () => {
  await demo?.stop();
});

test('a visitor signs in, switches language, and the choice is remembered', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();

  await page.goto(`${baseUrl}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
  assert.match(await page.locator('nav.areas').innerText(), /全球检索/);

  await page.getByRole('link', { name: '登录' }).click();
  await page.fill('input[name=email]', 'chen.jing@haiying.demo');
  await page.fill('input[name=password]', 'wrong-password');
  await page.click('#login-form button[type=submit]');
  assert.match(await page.locator('[role=alert]').innerText(), /邮箱或密码错误/);

  await page.fill('input[name=password]', 'zhichan-demo-2026');
  await page.click('#login-form button[type=submit]');
  await page.waitForURL(`${baseUrl}/`);
  assert.equal(await page.getByTestId('who').innerText(), '陈静');
  assert.match(await page.locator('.facts').innerText(), /深圳市海鹰电子科技有限公司/);
  await page.screenshot({ path: join(shots, 'home-zh-Hans.png'), fullPage: true });

  await page.click('button[data-lang=en]');
  await page.waitForLoadState();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.locator('nav.areas').innerText(), /Watch & alerts/);

  await page.click('button[data-lang=zh-Hant]');
  await page.waitForLoadState();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant');
  // The demo enterprise watches its brand; the demo's fictitious copies are waiting as alerts.
  await page.goto(`${baseUrl}/watch`);
  assert.match(await page.locator('main').innerText(), /海鹰 HAIYING/);
  await page.screenshot({ path: join(shots, 'watch-zh-Hant.png'), fullPage: true });
  await page.goto(`${baseUrl}/alerts`);
  const inbox = await page.locator('main').innerText();
  assert.match(inbox, /3020260417731/, 'the distributor registered the brand in Germany');
  assert.match(inbox, /HAI YING/, 'the pinyin filed in Brazil');
  assert.doesNotMatch(inbox, /KWONG WIK/, "another enterprise's alert");
  await page.screenshot({ path: join(shots, 'alerts-zh-Hant.png'), fullPage: true });
  await page.locator('a[href^="/alerts/"]', { hasText: /^HAIYING$/ }).click();
  await page.waitForURL(/\/alerts\/\d+/);
  assert.match(await page.getByTestId('watched').innerText(), /海鹰/);
  assert.match(await page.getByTestId('filing').innerText(), /Elektro Vertrieb Schmidt/);
  assert.match(await page.getByTestId('deadline').innerText(), /\d{4}-\d{2}-\d{2}/);
  // Every reason and signal is explained in the reader's language, not only labelled in it.
  assert.match(await page.getByTestId('reasons').innerText(), /異議期於 \d{4}-\d{2}-\d{2} 屆滿/);
  assert.match(await page.getByTestId('signals').innerText(), /Elektro Vertrieb Schmidt GmbH 是本企業申報的經銷商/);
  await page.screenshot({ path: join(shots, 'alert-zh-Hant.png'), fullPage: true });

  // A new browser for the same account gets the saved language without a cookie.
  const fresh = await browser.newContext({ locale: 'en-US' });
  const again = await fresh.newPage();
  await again.goto(`${baseUrl}/login`);
  await again.fill('input[name=email]', 'chen.jing@haiying.demo');
  await again.fill('input[name=password]', 'zhichan-demo-2026');
  await again.click('#login-form button[type=submit]');
  await again.waitForURL(`${baseUrl}/`);
  assert.equal(await again.getAttribute('html', 'lang'), 'zh-Hant');

  await page.getByRole('button', { name: '登出' }).click();
  await page.waitForURL(`${baseUrl}/`);
  assert.equal(await page.getByTestId('who').count(), 0);
  await context.close();
  await fresh.close();
});

test('a visitor searches from the box on every page, in traditional Chinese and by pinyin-free English', { skip: withoutSamples }, async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.fill('form.quick-search input[name=q]', '心理障礙');
  await page.click('form.quick-search button[type=submit]');
  await page.waitForURL(/\/search\?q=/);
  assert.ok(Number(await page.locator('[data-testid=total] strong').innerText()) >= 1);
  const first = page.getByTestId('hit').first();
  assert.match(await first.locator('mark').first().innerText(), /心理障碍/);
  await page.screenshot({ path: join(shots, 'search-zh-Hans.png'), fullPage: true });

  await page.fill('form.search-form input[name=q]', 'mark:mysql');
  await page.click('form.search-form button[type=submit]');
  await page.waitForLoadState();
  await page.getByTestId('hit').first().locator('a.hit-title').click();
  await page.waitForURL(/\/trademarks\/US\/78002299$/);
  assert.match(await page.locator('main').innerText(), /MYSQL/);

  await page.goto(`${baseUrl}/search?q=${encodeURIComponent('ti:(wireless')}`);
  assert.match(await page.getByTestId('query-error').innerText(), /\^/);
  await context.close();
});
