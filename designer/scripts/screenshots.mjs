// Takes the screenshots in docs/screenshots/ with headless Debian Chromium (playwright-core, no browser download):
//   node scripts/screenshots.mjs [baseUrl] [outDir]
// baseUrl defaults to http://localhost:5080 (dotnet run --project src/WorkflowHost.Server, demo data seeded).
// The run walks the marriage-registration path: desk → receipt slip → dossier → inbox → task → lookup, then takes the
// main screens once more in English (*-en.png): sign-in, desk, task, dossier, lookup, and the process owner's and
// manager's instance list, instance viewer, migration, routing and designer list.
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
// A tiny API client with its own cookie, to seed demo dossiers and move one through its steps.
async function apiSession(user) {
  let cookie = '';
  const call = async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Cookie: cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = r.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} as ${user}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  await call('POST', '/api/auth/login', { userName: user, password: user === 'admin' ? 'admin' : user });
  return call;
}

async function completeStep(user, code, elementId, variables) {
  const call = await apiSession(user);
  for (let i = 0; i < 30; i++) {
    const tasks = await call('GET', `/api/tasks?view=queue&q=${encodeURIComponent(code)}`);
    const task = tasks.find((t) => t.dossierCode === code && t.elementId === elementId);
    if (task) {
      await call('POST', `/api/tasks/${task.id}/claim`);
      await call('POST', `/api/tasks/${task.id}/complete`, { variables });
      return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`no ${elementId} task for ${code}`);
}

const context = () => browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

async function signIn(page, user) {
  await page.goto(`${base}/#/signin`);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(user);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.user-name').waitFor();
}

try {
  // Demo dossiers from several applicants, so the inbox looks like a working day.
  const reception = await apiSession('reception.hai-chau');
  const demo = [
    ['Trần Thị Bích Ngọc', '1.000894', '048190002345', '0912 345 678'],
    ['Lê Hoàng Phúc', '1.000894', '048092003456', '0935 222 111'],
    ['Phạm Minh Đức', '9.900001', '048085004567', '0905 777 888'],
    ['Võ Thị Hạnh', '1.000894', '048195005678', '0236 3822 456'],
    ['Công ty TNHH Sông Hàn', '9.900001', '0401234567', '0236 3888 999'],
  ];
  for (const [name, procedureCode, idNumber, phone] of demo) {
    try {
      await reception('POST', '/api/dossiers', {
        procedureCode, receivingUnit: '20242', channel: 1, decision: 'accept',
        applicant: { type: name.startsWith('Công ty') ? 'organisation' : 'citizen', name, idNumber, phone, email: '' },
        subject: { unitCode: '20242', address: '', parcel: '' },
      });
    } catch (e) {
      console.warn(String(e));
    }
  }

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
  await page.locator('[role=option]').first().waitFor();
  await page.keyboard.press('Enter');
  await page.getByLabel('Họ và tên / Tên tổ chức').fill('Nguyễn Văn Bình');
  await page.getByLabel('Số định danh / CCCD').fill('048095001234');
  await page.getByLabel('Số điện thoại').fill('0905 123 456');
  await page.getByLabel('Địa chỉ').fill('15 Bạch Đằng, phường Hải Châu');
  await page.locator('[data-doc] input[type=file]').first().setInputFiles({ name: 'to-khai-dang-ky-ket-hon.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 demo') });
  await page.locator('[data-doc] input[type=checkbox]').nth(2).check();
  await page.getByTestId('appointment').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'desk', true);
  await page.getByTestId('confirm').click();
  await page.getByTestId('slip').waitFor();
  await page.getByTestId('qr').waitFor();
  await shot(page, 'slip-receipt', true);
  const code = await page.getByTestId('slip-code').innerText();
  // A supplement request and a refusal, with their slips.
  for (const [decision, name, slipName] of [['supplement', 'Trần Thị Thu', 'slip-supplement'], ['refuse', 'Lê Văn Cường', 'slip-refusal']]) {
    await page.goto(`${base}/#/desk`);
    await page.getByLabel('Tìm thủ tục theo mã hoặc tên').fill('1.000894');
    await page.locator('[role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('Họ và tên / Tên tổ chức').fill(name);
    await page.locator(`input[name=decision][value=${decision}]`).check();
    if (decision === 'refuse') await page.getByLabel('Lý do từ chối').fill('Hồ sơ thuộc thẩm quyền của cơ quan đại diện Việt Nam ở nước ngoài (một bên cư trú ở nước ngoài).');
    else await page.getByLabel('Ghi chú').fill('Bổ sung trước khi nộp lại; không phải nộp lại các giấy tờ đã có.');
    await page.getByTestId('confirm').click();
    await page.getByTestId('slip').waitFor();
    await shot(page, slipName, true);
  }
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
  await page.keyboard.press('Escape');
  await page.locator('body').press('?');
  await page.getByRole('dialog').waitFor();
  await shot(page, 'help');
  await ctx.close();

  // The same inbox in English, as the unit's manager sees it (read-only).
  ctx = await context();
  page = await ctx.newPage();
  await signIn(page, 'manager.hai-chau');
  await page.getByRole('button', { name: 'EN' }).click();
  await page.goto(`${base}/#/inbox/queue`);
  await page.locator('[data-task]').first().waitFor();
  await shot(page, 'inbox-manager-en');
  await page.getByRole('button', { name: 'VI' }).click();
  await ctx.close();

  // The dossier followed through (API), then its page and control slip.
  await completeStep('officer.hai-chau', code, 'appraise', { verificationNeeded: false, opinion: 'Đủ điều kiện đăng ký kết hôn.' });
  await completeStep('leader.hai-chau', code, 'approve', { approved: true, leaderNote: 'Đồng ý.' });
  await completeStep('reception.hai-chau', code, 'returnResult', { certificateNumber: 'KH-2026-0001' });
  ctx = await context();
  page = await ctx.newPage();
  await signIn(page, 'reception.hai-chau');
  await page.goto(`${base}/#/dossiers/${encodeURIComponent(code)}`);
  await page.locator('[data-status="10"]').waitFor();
  await shot(page, 'dossier', true);
  await page.goto(`${base}/#/dossiers/${encodeURIComponent(code)}/print/control`);
  await page.getByTestId('slip').waitFor();
  await shot(page, 'slip-control', true);
  await ctx.close();

  // Public lookup, signed out.
  ctx = await context();
  page = await ctx.newPage();
  await page.goto(`${base}/#/lookup/${encodeURIComponent(code)}`);
  await page.getByTestId('lookup-result').waitFor();
  await shot(page, 'lookup');
  await ctx.close();

  // English: the main screens once more, after the VI/EN switch in the header (kept in localStorage per session).
  const english = async (user) => {
    const c = await context();
    const p = await c.newPage();
    if (user) await signIn(p, user);
    else await p.goto(`${base}/#/signin`);
    await p.getByRole('button', { name: 'EN', exact: true }).click();
    return [c, p];
  };
  [ctx, page] = await english(null);
  await shot(page, 'signin-en');
  await page.goto(`${base}/#/lookup/${encodeURIComponent(code)}`);
  await page.getByTestId('lookup-result').waitFor();
  await shot(page, 'lookup-en');
  await ctx.close();

  [ctx, page] = await english('reception.hai-chau');
  await page.goto(`${base}/#/desk`);
  await page.getByLabel('Find a procedure by code or name').fill('marriage');
  await page.locator('[role=option]').first().waitFor();
  await page.keyboard.press('Enter');
  await page.getByLabel('Full name / organisation name').fill('Đỗ Minh Khoa');
  await page.getByLabel('ID number', { exact: true }).fill('048096007890');
  await page.getByLabel('Phone', { exact: true }).fill('0905 246 810');
  await page.getByTestId('appointment').waitFor();
  await page.getByTestId('desk-routing').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'desk-en', true);
  await page.goto(`${base}/#/dossiers/${encodeURIComponent(code)}`);
  await page.locator('[data-status="10"]').waitFor();
  await shot(page, 'dossier-en', true);
  await ctx.close();

  [ctx, page] = await english('officer.hai-chau');
  await page.goto(`${base}/#/inbox/queue`);
  await page.locator('[data-task] .task-link').first().click();
  await page.getByTestId('assignment').waitFor();
  await shot(page, 'task-en', true);
  await ctx.close();

  [ctx, page] = await english('owner');
  await page.goto(`${base}/#/instances`);
  await page.getByTestId('instance-table').waitFor();
  await shot(page, 'instances-en', true);
  await page.locator('[data-testid=instance-table] a[href^="#/instances/"]').first().click();
  await page.locator('[data-testid=diagram][data-state=ready]').waitFor();
  await shot(page, 'instance-viewer-en', true);
  await page.goto(`${base}/#/migrations`);
  await page.getByLabel('Procedure', { exact: true }).waitFor();
  await shot(page, 'migration-en');
  await page.goto(`${base}/#/routing`);
  await page.getByTestId('routing-table').waitFor();
  await page.getByTestId('try-run').click();
  await page.getByTestId('try-result').waitFor();
  await shot(page, 'routing-en', true);
  await page.goto(`${base}/#/designer`);
  await page.locator('a[href^="#/designer/"]').first().waitFor();
  await shot(page, 'designer-list-en');
  await ctx.close();
} finally {
  await browser.close();
}
