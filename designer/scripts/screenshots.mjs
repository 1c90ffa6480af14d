// Takes the screenshots in docs/screenshots/ with headless Debian Chromium (playwright-core, no browser download):
//   node scripts/screenshots.mjs [baseUrl] [outDir]
// baseUrl defaults to http://localhost:5080 (dotnet run --project src/WorkflowHost.Server, demo data seeded).
// The run walks the marriage-registration path: desk → receipt slip → dossier → inbox → task → lookup.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const base = process.argv[2] ?? 'http://localhost:5080';
const out = resolve(process.argv[3] ?? new URL('../../docs/screenshots', import.meta.url).pathname);
mkdirSync(out, { recursive: true });
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
const shot = async (page, name, fullPage = false) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage });
  console.log(`${out}/${name}.png`);
};
const context = () => browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

async function signIn(page, user) {
  await page.goto(`${base}/#/signin`);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(user);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.user-name').waitFor();
}

try {
  // Sign-in, with the wrong-password error.
  let ctx = await context();
  let page = await ctx.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Tên đăng nhập').fill('reception.hai-chau');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.field-error').waitFor();
  await shot(page, 'signin');

  // Desk: marriage registration.
  await signIn(page, 'reception.hai-chau');
  await page.goto(`${base}/#/desk`);
  await page.getByLabel('Tìm thủ tục theo mã hoặc tên').fill('ket hon');
  await page.keyboard.press('Enter');
  await page.getByLabel('Họ và tên / Tên tổ chức').fill('Nguyễn Văn Bình');
  await page.getByLabel('Số định danh / CCCD').fill('048095001234');
  await page.getByLabel('Số điện thoại').fill('0905 123 456');
  await page.getByLabel('Địa chỉ').fill('15 Bạch Đằng, phường Hải Châu');
  await page.locator('[data-doc] input[type=checkbox]').first().check();
  await page.getByTestId('appointment').waitFor();
  await shot(page, 'desk');
  await page.getByTestId('confirm').click();
  await page.getByTestId('slip').waitFor();
  await page.getByTestId('qr').waitFor();
  await shot(page, 'slip-receipt', true);
  const code = await page.getByTestId('slip-code').innerText();
  await page.goto(`${base}/#/dossiers/${encodeURIComponent(code)}`);
  await page.getByTestId('dossier-facts').waitFor();
  await shot(page, 'dossier', true);
  await ctx.close();

  // Inbox and task page: the officer.
  ctx = await context();
  page = await ctx.newPage();
  await signIn(page, 'officer.hai-chau');
  await page.goto(`${base}/#/inbox/queue`);
  await page.locator('[data-task]').first().waitFor();
  await shot(page, 'inbox');
  await page.locator(`[data-dossier="${code}"] .task-link`).click();
  await page.getByTestId('assignment').waitFor();
  await shot(page, 'task', true);
  await ctx.close();

  // Public lookup, signed out.
  ctx = await context();
  page = await ctx.newPage();
  await page.goto(`${base}/#/lookup/${encodeURIComponent(code)}`);
  await page.getByTestId('lookup-result').waitFor();
  await shot(page, 'lookup');
  await ctx.close();
} finally {
  await browser.close();
}
