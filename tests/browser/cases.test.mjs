// Two service journeys in headless Chromium, as the people of the demo walk them: a cross-border
// mediation from application to settlement in traditional Chinese (the enterprise applies, the
// centre records the other party's acceptance and appoints the Hong Kong mediator, who holds the
// sessions and records the settlement, and the centre closes), and a watch alert escalated into a
// rights-assistance case in simplified Chinese, its opposition deadline the case's first. The demo's
// Hong Kong mediator declared a past engagement by the applicant: appointing her takes consent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { shots, signIn, startDemo } from './demo.mjs';

const ENTERPRISE = 'chen.jing@haiying.demo';
const STAFF = 'staff@zhichan.demo';
const MEDIATOR = 'wong.kawai@experts.demo';

let demo, browser, baseUrl;

before(async () => {
  demo = await startDemo();
  ({ browser, baseUrl } = demo);
});

after(async () => {
  await demo?.stop();
});

/// Presses the step button `to` on a case page and waits for the page it leads back to.
async function step(page, to) {
  await page.getByTestId(`to-${to}`).click();
  await page.waitForURL(/\/cases\/\d+\?saved=1$/);
}

test('a mediation runs from application to settlement, in traditional Chinese', async () => {
  const { context: applicant, page } = await signIn(browser, baseUrl, ENTERPRISE, 'zh-Hant');
  await page.goto(`${baseUrl}/cases/new`);
  assert.match(await page.locator('main').innerText(), /線上諮詢[\s\S]*跨境調解/);
  await page.getByTestId('service-mediation').check();
  await page.fill('input[name=title]', '前經銷商在香港搶註 HAIYING 商標');
  await page.fill('textarea[name=summary]', '港通貿易在香港以自己名義申請註冊本公司的 HAIYING 商標，希望透過調解取回。');
  await page.fill('input[name=respondent_name]', '港通貿易（香港）有限公司');
  await page.selectOption('select[name=respondent_region]', 'hong_kong');
  await page.selectOption('select[name=language]', 'cantonese');
  await page.getByTestId('submit-case').click();
  await page.waitForURL(/\/cases\/\d+\?saved=1$/);
  const caseUrl = page.url().replace(/\?saved=1$/, '');
  const reference = await page.getByTestId('reference').innerText();
  assert.match(reference, /^MED-\d{6}$/);
  assert.equal(await page.getByTestId('state').innerText(), '已申請');
  assert.match(await page.getByTestId('next').innerText(), /等待對方當事人答覆是否同意調解/);
  assert.match(await page.getByTestId('facts').innerText(), /港通貿易（香港）有限公司（香港）/);
  assert.equal(await page.getByTestId('to-accepted').count(), 0, 'the applicant does not accept its own application');
  await page.screenshot({ path: join(shots, 'case-applied-zh-Hant.png'), fullPage: true });

  // The centre records that the other party accepted, and appoints the Hong Kong mediator.
  const { context: centre, page: staff } = await signIn(browser, baseUrl, STAFF, 'zh-Hant');
  await staff.goto(`${baseUrl}/cases?kind=mediation`);
  await staff.getByRole('link', { name: reference }).click();
  await step(staff, 'accepted');
  assert.equal(await staff.getByTestId('state').innerText(), '對方已同意');
  assert.match(await staff.getByTestId('deadlines').innerText(), /30 天目標：第 1 天（共 30 天）/);
  const mediator = await staff.locator('select[name=assignee] option', { hasText: '黃嘉慧' }).getAttribute('value');
  await staff.selectOption('select[name=assignee]', mediator);
  await staff.getByTestId('appoint-submit').click();
  await staff.waitForURL(/\/cases\/\d+\/assignee$/);
  // The Hong Kong mediator once advised the applicant (an orange tie): only with the parties' consent.
  assert.match(await staff.getByTestId('form-problem').innerText(), /不能指派此人/);
  await staff.selectOption('select[name=assignee]', mediator);
  await staff.check('input[name=consent]');
  await staff.getByTestId('appoint-submit').click();
  await staff.waitForURL(/\/cases\/\d+\?saved=1$/);
  assert.match(await staff.getByTestId('history').innerText(), /披露 黃嘉慧.*與當事人的關聯/);
  assert.equal(await staff.getByTestId('state').innerText(), '已指定調解員');
  assert.match(await staff.getByTestId('assignee').innerText(), /黃嘉慧/);

  // The mediator finds the case on the home work queue and holds the sessions.
  const { context: panel, page: mediation } = await signIn(browser, baseUrl, MEDIATOR, 'zh-Hant');
  assert.match(await mediation.getByTestId('queue').innerText(), new RegExp(reference));
  assert.equal(await mediation.locator('nav.areas a[href="/watch"]').count(), 0, 'no watch in a mediator\'s navigation');
  await mediation.screenshot({ path: join(shots, 'home-mediator-zh-Hant.png'), fullPage: true });
  await mediation.getByTestId('queue-cases').getByRole('link', { name: reference }).click();
  await step(mediation, 'in_session');
  assert.equal(await mediation.getByTestId('state').innerText(), '調解中');
  await step(mediation, 'settled');
  assert.equal(await mediation.getByTestId('state').innerText(), '已和解');
  assert.equal(await mediation.getByTestId('to-closed').count(), 0, 'the centre closes');

  await staff.goto(caseUrl);
  await step(staff, 'closed');
  assert.equal(await staff.getByTestId('state').innerText(), '已結案');

  await page.goto(caseUrl);
  const history = await page.getByTestId('history').innerText();
  assert.match(history, /對方同意調解[\s\S]*指派 黃嘉慧[\s\S]*調解開始[\s\S]*雙方簽署和解協議[\s\S]*調解案件結案/);
  assert.doesNotMatch(history, /披露/, 'the disclosure is internal');
  assert.match(await page.getByTestId('integrity').innerText(), /記錄完整：\d+ 條記錄均已核驗/);
  assert.match(await page.getByTestId('next').innerText(), /調解案件已結案/);
  await page.screenshot({ path: join(shots, 'case-settled-zh-Hant.png'), fullPage: true });
  await Promise.all([applicant.close(), centre.close(), panel.close()]);
});

test('a watch alert is escalated into a rights-assistance case, in simplified Chinese', async () => {
  const { context, page } = await signIn(browser, baseUrl, ENTERPRISE, 'zh-Hans');
  await page.goto(`${baseUrl}/alerts`);
  const links = await page.locator('tr[data-testid=alert-row] td:nth-child(2) a').evaluateAll(
    (anchors) => anchors.map((a) => a.getAttribute('href')));
  let alertUrl;
  for (const href of links) {
    await page.goto(`${baseUrl}${href}`);
    if (await page.getByTestId('escalate').count() && await page.getByTestId('deadline').count()) {
      alertUrl = page.url();
      break;
    }
  }
  assert.ok(alertUrl, 'the demo has an alert with an opposition deadline to escalate');
  const due = (await page.getByTestId('deadline').locator('time').innerText()).trim();
  await page.getByTestId('escalate-submit').click();
  await page.waitForURL(/\/cases\/\d+\?saved=1$/);
  const reference = await page.getByTestId('reference').innerText();
  assert.match(reference, /^RA-\d{6}$/);
  assert.match(await page.locator('h1').innerText(), /海外维权援助/);
  const first = page.getByTestId('case-deadline').first();
  assert.match(await first.innerText(), /异议截止 · /);
  assert.equal((await first.locator('time').innerText()).trim(), due, 'the alert\'s deadline is the case\'s first');
  await page.screenshot({ path: join(shots, 'case-escalated-zh-Hans.png'), fullPage: true });

  await page.goto(alertUrl);
  assert.match(await page.getByTestId('alert-case').innerText(), /RA-\d{6}/);
  assert.equal(await page.getByTestId('escalate').count(), 0, 'escalated once');
  await page.goto(`${baseUrl}/`);
  assert.match(await page.getByTestId('queue-cases').innerText(), new RegExp(reference));
  await context.close();
});
