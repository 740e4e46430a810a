// @ts-check
'use strict';

/**
 * Running the node from the editor against the sandbox (the first run with the default
 * expression, then a fixed ID and the output table), and the credential modal with its Test.
 */

const ed = require('./editor');

/** @typedef {import('./panels').Ctx & { sandbox: any, sandboxKey: string, customer: { customerId: string, attributes: Record<string, unknown> },
 *   credential: import('n8n-workflow').ICredentialType }} RunCtx */

/**
 * Behind the Manual Trigger the default `{{ $json.customerId }}` finds nothing: the error must say
 * what to do. Then a fixed ID of a seeded customer: the output table shows that profile.
 * @param {RunCtx} ctx
 * @param {string} getAction the nodes panel action of Profile → Get
 */
async function profileGet(ctx, getAction) {
	const { page, r, sandbox, customer } = ctx;
	await page.goto('/workflow/new');
	await ed.searchNodes(page, 'IMIconnect');
	await ed.openActions(page, ctx.node.displayName);
	await ed.addFromAction(page, getAction);
	const first = await ed.executeStep(page);
	await ctx.shot('first-run');
	const message = first.text.replace(/\s+/g, ' ');
	r.check('[D1] first run (Profile → Get, default Customer ID): the error names the input field “customerId” and says to map it',
		!first.ok && /customerId/.test(first.text) && /map|drag/i.test(first.text), `output panel: ${message.slice(0, 300)}`);

	sandbox.log.entries.length = 0;
	await ed.setFixed(page, 'customerId', customer.customerId);
	const run = await ed.executeStep(page);
	r.check(`run with Customer ID ${customer.customerId}: the node succeeds`, run.ok, run.text.replace(/\s+/g, ' ').slice(0, 300));
	const panel = page.getByTestId('output-panel');
	await panel.getByTestId('radio-button-table').click().catch(() => {});
	const table = await panel.locator('table').first().evaluate((t) => ({
		head: Array.from(t.querySelectorAll('thead th')).map((th) => /** @type {HTMLElement} */ (th).innerText.trim()),
		row: Array.from(t.querySelector('tbody tr')?.querySelectorAll('td') ?? []).map((td) => /** @type {HTMLElement} */ (td).innerText.trim()),
	})).catch(() => ({ head: /** @type {string[]} */ ([]), row: /** @type {string[]} */ ([]) }));
	const want = { customerId: customer.customerId, ...customer.attributes };
	const wrong = Object.entries(want).filter(([k, v]) => table.row[table.head.indexOf(k)] !== String(v)).map(([k]) => k);
	r.check('output table: one row with the profile’s fields as the sandbox holds them', wrong.length === 0, `columns ${table.head.join(', ')}; row ${table.row.join(' | ')}; differs: ${wrong.join(', ')}`);
	const requests = sandbox.log.entries.filter((/** @type {any} */ e) => /customerprofile/.test(String(e.path ?? e.url ?? '')));
	r.check('the editor’s run reached the sandbox (one GET /customerprofile)', requests.length === 1, `sandbox saw ${sandbox.log.entries.length} request(s)`);
	await ctx.shot('output-table');
}

/** The other IDs of decision 1: User ID and Device ID behind the Manual Trigger. @param {RunCtx} ctx */
async function otherIds(ctx) {
	const { page, r, states, customer } = ctx;
	const byUser = states.find((s) => s.values.resource === 'appProfile' && s.values.operation === 'deleteDevice' && s.values.lookupBy === 'userId');
	const byCustomer = states.find((s) => s.values.resource === 'appProfile' && s.values.operation === 'deleteDevice' && s.values.lookupBy === 'customerId');
	if (!byUser || !byCustomer) return;
	await ed.ensurePanel(page);
	for (const s of byUser.settings) await ed.selectOption(page, s.name, s.option);
	await ed.setFixed(page, 'appId', 'a_636035705699961900');
	const user = await ed.executeStep(page);
	r.check('[D1] first run by User ID: the error names “userId” and says to map it', !user.ok && /userId/.test(user.text) && /map|drag/i.test(user.text), user.text.replace(/\s+/g, ' ').slice(0, 300));
	for (const s of byCustomer.settings) await ed.selectOption(page, s.name, s.option);
	await ed.setFixed(page, 'customerId', customer.customerId);
	const device = await ed.executeStep(page);
	r.check('[D1] first run of Delete Device: the error names “deviceId” and says to map it', !device.ok && /deviceId/.test(device.text) && /map|drag/i.test(device.text), device.text.replace(/\s+/g, ' ').slice(0, 300));
}

/**
 * The credential modal (opened from the node): Test with the right key, the Region list, Base URL
 * with Custom URL, Test with a wrong key; the right key is put back.
 * @param {RunCtx} ctx
 */
async function credentialModal(ctx) {
	const { page, r } = ctx;
	await page.getByTestId('credential-edit-button').click();
	const modal = page.getByTestId('credential-edit-dialog');
	await modal.waitFor();
	const banner = () => modal.locator('[data-test-id^=credentials-config-container-test]').first();
	const success = /tested successfully/i;
	await modal.getByText(/tested successfully|couldn.t connect/i).first().waitFor({ timeout: 20_000 }).catch(() => {});
	r.check('[D4] credential Test, right key: “Connection tested successfully”', success.test(await banner().innerText().catch(() => '')), await modal.innerText());
	const retry = modal.getByRole('button', { name: /retry|test/i }).first();
	await retry.click();
	await page.waitForTimeout(1500);
	r.check('[D4] credential Test button (Retry), right key: success again', success.test(await banner().innerText().catch(() => '')));

	const regions = await ed.optionsOf(page, 'region');
	const legacy = regions.filter((n) => /tenant\.imiconnect\.io\b/.test(n));
	r.check('[D4] Region: the two tenant.imiconnect.io regions say “EMEA / rest of world” and “North America”',
		legacy.length === 2 && legacy.some((n) => /EMEA \/ rest of world/i.test(n)) && legacy.some((n) => /north america/i.test(n)), `options: ${legacy.join('; ')}`);
	const baseUrl = modal.getByTestId('baseUrl');
	const baseLabel = (await baseUrl.innerText().catch(() => '')).split('\n')[0];
	r.check('[D4] Region = Custom URL shows Base URL, marked required', (await baseUrl.isVisible()) && /\*/.test(baseLabel), `label: “${baseLabel}”`);

	const key = modal.getByTestId('parameter-input-apiKey').locator('input').first();
	await key.fill(`wrong-${ctx.sandboxKey}`);
	await page.getByTestId('credential-save-button').click();
	await modal.getByText(/authentication failed|couldn.t connect/i).first().waitFor({ timeout: 20_000 }).catch(() => {});
	// n8n shows "Couldn't connect with these settings" and the test's message under "More details"
	await modal.getByText(/more details/i).first().click({ timeout: 3000 }).catch(() => {});
	await page.waitForTimeout(300);
	const failed = await page.locator('body').innerText();
	r.check('[D4] credential Test, wrong key: a message containing “Authentication failed”', /Authentication failed/.test(failed), failed.replace(/\s+/g, ' ').slice(0, 300));
	await ctx.shot('credential-wrong-key');

	await key.fill(ctx.sandboxKey);
	await page.getByTestId('credential-save-button').click();
	await modal.getByText(success).first().waitFor({ timeout: 20_000 }).catch(() => {});
	r.check('credential: the right key saved again tests successfully', success.test(await modal.innerText()));
	await ctx.shot('credential');
	await page.keyboard.press('Escape');
	await modal.waitFor({ state: 'hidden' });
}

module.exports = { profileGet, otherIds, credentialModal };
