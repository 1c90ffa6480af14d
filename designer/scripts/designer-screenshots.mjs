// Takes the designer's screenshots in docs/screenshots/ with headless Debian Chromium (playwright-core):
//   node scripts/designer-screenshots.mjs [baseUrl] [outDir]
// against a running server with the demo data (dotnet run --project src/WorkflowHost.Server). As admin it first
// publishes a version 2 of marriage-registration (the appraisal's budget changed) through the designer API, so the
// history and the diff have two versions; then, as owner, it visits the list, the editor (a user task selected, the
// budget warning), the task form editor, the publish dialog, token simulation, a read-only version and the diff.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const base = process.argv[2] ?? 'http://localhost:5080';
const out = resolve(process.argv[3] ?? new URL('../../docs/screenshots', import.meta.url).pathname);
mkdirSync(out, { recursive: true });
const key = 'marriage-registration';

async function api(user, method, path, body, type = 'application/json') {
  const login = await fetch(base + '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userName: user, password: user }) });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const r = await fetch(base + path, { method, headers: { 'Content-Type': type, Cookie: cookie }, body });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text;
}

const history = JSON.parse(await api('admin', 'GET', `/api/designer/definitions/${key}/history`));
if (history.length < 2) {
  const v1 = await api('admin', 'GET', `/api/definitions/${key}/versions/${history[0].version}`);
  const v2 = v1.replace('id="verify" name="Xác minh điều kiện (Verify conditions)" camunda:candidateGroups="officer" wh:unit="competent" wh:workingDays="4" wh:stepBudget="P4D"',
    'id="verify" name="Xác minh điều kiện (Verify conditions)" camunda:candidateGroups="officer" wh:unit="competent" wh:workingDays="3" wh:stepBudget="P3D"');
  if (v2 === v1) throw new Error('the verify task was not found in version 1');
  await api('admin', 'POST', `/api/designer/drafts/${key}/publish`, JSON.stringify({ xml: v2, changeNote: 'Xác minh rút xuống 3 ngày làm việc (verification shortened to 3 working days)' }));
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const shot = async (name) => { await page.waitForTimeout(600); await page.screenshot({ path: `${out}/${name}.png` }); console.log(`${out}/${name}.png`); };
await page.goto(base + '/#/signin');
await page.getByLabel('Tên đăng nhập').fill('owner');
await page.getByLabel('Mật khẩu').fill('owner');
await page.getByRole('button', { name: 'Đăng nhập' }).click();
await page.waitForURL(/#\/designer$/);
await shot('designer-list');

await page.goto(`${base}/#/designer/${key}`);
const el = (id) => page.locator(`[data-testid=canvas] .djs-element[data-element-id="${id}"]`);
await el('appraise').waitFor();
await page.locator('[data-testid=canvas] svg[data-element-id]').click({ position: { x: 900, y: 520 } });
const box = await el('appraise').boundingBox();
await el('appraise').click({ position: { x: box.width / 2, y: box.height - 8 } });
const wh = page.locator('[data-group-id="group-workflowhost"] .bio-properties-panel-group-header');
if (!(await wh.getAttribute('class')).includes('open')) await wh.click();
await shot('designer-editor');

await page.getByTestId('edit-form').click();
await page.getByTestId('form-editor').locator('.fjs-palette-field').first().waitFor();
await shot('designer-form-editor');
await page.keyboard.press('Escape');

await page.getByTestId('publish').click();
await page.getByLabel('Nội dung thay đổi (ghi chú)').fill('Thêm biểu mẫu cho bước thẩm định');
await shot('designer-publish');
await page.keyboard.press('Escape');

await page.getByRole('button', { name: 'Mô phỏng luồng' }).click();
await page.locator('[data-testid=canvas] .djs-overlay .bts-context-pad, [data-testid=canvas] .bts-context-pad').first().click().catch(() => undefined);
await page.waitForTimeout(1500);
await shot('designer-simulation');
await page.getByRole('button', { name: 'Mô phỏng luồng' }).click();

await page.goto(`${base}/#/designer/${key}/v/1`);
await page.getByTestId('viewer').locator('.djs-element').first().waitFor();
await shot('designer-version');

await page.goto(`${base}/#/designer/${key}/diff/1/2`);
await page.getByTestId('diff-list').waitFor();
await shot('designer-diff');

await page.getByRole('button', { name: 'EN' }).click();
await page.goto(`${base}/#/designer/${key}`);
await el('appraise').waitFor();
await shot('designer-editor-en');
await browser.close();
