// @ts-check
'use strict';

/**
 * The nodes panel and the node's parameter panels, as a user meets them: search, the actions,
 * every panel state of the built description (fields shown = fields its displayOptions allow),
 * the Options collection, the channel picker, the canvas subtitle. "[Dn]" marks an assertion of
 * decision n of issue 13 (the node-side decisions).
 */

const ed = require('./editor');
const { listDiff } = require('./report');

/** @typedef {import('./expected').PanelState} PanelState */
/** @typedef {{ page: import('@playwright/test').Page, r: import('./report').Report, shot: (name: string) => Promise<void>,
 *   node: import('n8n-workflow').INodeTypeDescription, states: PanelState[] }} Ctx */

/** The action texts of the nodes panel, from the operation options of the description. */
function expectedActions(/** @type {PanelState[]} */ states) {
	/** @type {string[]} */
	const actions = [];
	for (const s of states) {
		const op = s.props.find((p) => p.name === 'operation');
		const option = /** @type {any[]} */ (op?.options ?? []).find((o) => o.value === s.values.operation);
		if (option?.action && !actions.includes(option.action)) actions.push(option.action);
	}
	return actions;
}

/** @param {Ctx} ctx */
async function nodesPanel(ctx) {
	const { page, r, node } = ctx;
	await page.goto('/workflow/new');
	for (const query of ['IMIconnect', 'Webex Connect', 'Cisco Webex Connect']) {
		// The panel may still be showing its trigger list when the first query is typed: ask again.
		let found = await ed.searchNodes(page, query);
		for (let attempt = 0; attempt < 2 && !found.includes(node.displayName); attempt++) found = await ed.searchNodes(page, query);
		r.check(`[D5] nodes panel: searching “${query}” finds ${node.displayName}`, found.includes(node.displayName), `found: ${found.join(', ') || 'nothing'}`);
	}
	await ed.searchNodes(page, 'IMIconnect');
	const icon = await page.getByTestId('node-creator').locator('img[src*="imiconnect"]').first().evaluate((img) => {
		const el = /** @type {HTMLImageElement} */ (img);
		return { src: el.getAttribute('src'), loaded: el.complete && el.naturalWidth > 0 };
	}).catch((error) => ({ src: String(error), loaded: false }));
	r.check('nodes panel: the node’s icon renders', icon.loaded, `img ${icon.src}`);
	const actions = await ed.openActions(page, node.displayName);
	const expected = expectedActions(ctx.states);
	const missing = expected.filter((a) => !actions.includes(a));
	r.check(`[D6] nodes panel: one action per resource × operation of the built node (${expected.length})`, missing.length === 0, `missing: ${missing.join(', ')}`);
	await ctx.shot('nodes-panel');
	return expected;
}

/** Applies a state's settings in the open panel. @param {import('@playwright/test').Page} page @param {PanelState} state */
async function apply(page, state) {
	for (const s of state.settings) await ed.selectOption(page, s.name, s.option);
}

/** Every panel state: the fields shown, the Options collection's entries, the texts. @param {Ctx} ctx @param {string} firstAction */
async function everyPanel(ctx, firstAction) {
	const { page, r, states } = ctx;
	await ed.addFromAction(page, firstAction);
	const collection = states[0].props.find((p) => p.type === 'collection');
	// the parameters the Options entries depend on: one look at the collection per combination
	const collectionKeys = new Set(['resource', 'operation']);
	for (const o of /** @type {any[]} */ (collection?.options ?? [])) {
		for (const block of [o.displayOptions?.show, o.displayOptions?.hide]) for (const k of Object.keys(block ?? {})) collectionKeys.add(k.replace(/^\//, ''));
	}
	const looked = new Set();
	/** @type {string[]} */
	const visited = [];
	/** @type {string[]} */
	const perDevice = [];
	/** @type {string[]} */
	const jargon = [];
	for (const state of states) {
		const t0 = Date.now();
		const ok = await r.step(`panel ${state.label}`, async () => {
			await apply(page, state);
			const fields = await ed.visibleFields(page);
			const diff = listDiff(state.fields, fields.map((f) => f.label));
			r.check(`panel ${state.label}: shows exactly its fields`, !diff, diff);
			const text = await page.getByTestId('node-parameters').innerText();
			visited.push(state.label);
			if (/one output item per device/i.test(text)) perDevice.push(state.label);
			if (/else error \d+/i.test(text)) jargon.push(state.label);
			const key = JSON.stringify([...collectionKeys].map((k) => state.values[k]));
			const oneRequestPerItem = state.values.operation === 'deleteDevice' || state.values.lookupBy === 'userId';
			if (collection && (!looked.has(key) || oneRequestPerItem)) {
				looked.add(key);
				const entries = await ed.collectionEntries(page);
				const d = listDiff(state.collectionOptions, entries);
				r.check(`panel ${state.label}: Options offers exactly its entries`, !d, d);
				if (oneRequestPerItem) {
					r.check(`[D3] panel ${state.label}: Options does not offer Batch Size (one request per item)`, !entries.includes('Batch Size'), `offered: ${entries.join(', ')}`);
				}
			}
			return true;
		});
		if (!ok) await ed.ensurePanel(page).catch(() => {});
		if (process.env.E2E_UI_DEBUG) console.log(`    ${Date.now() - t0} ms`);
	}
	const getDevice = states.filter((s) => s.values.resource === 'appProfile' && s.values.operation === 'get' && visited.includes(s.label)).map((s) => s.label);
	const wrongPlaces = perDevice.filter((l) => !getDevice.includes(l));
	const missingPlaces = getDevice.filter((l) => !perDevice.includes(l));
	r.check('[D3] “one output item per device” shows on App Profile → Get only', !wrongPlaces.length && !missingPlaces.length,
		[wrongPlaces.length ? `also on: ${wrongPlaces.join('; ')}` : '', missingPlaces.length ? `missing on: ${missingPlaces.join('; ')}` : ''].filter(Boolean).join('\n'));
	r.check('[D5] no “else error 7017”-style jargon in any panel', !jargon.length, `on: ${jargon.join('; ')}`);
}

/** Options of a write: Timeout's wording; Wait Timeout only once Wait for Completion is on. @param {Ctx} ctx */
async function optionsCollection(ctx) {
	const { page, r, states } = ctx;
	const write = states.find((s) => s.values.resource === 'profile' && s.values.operation === 'create');
	if (!write) return;
	await apply(page, write);
	const entries = await ed.collectionEntries(page);
	r.check('[D5] Options: the timeout option is called “Timeout”', entries.includes('Timeout'), `offered: ${entries.join(', ')}`);
	r.check('[D3] Options: Wait Timeout is not offered while Wait for Completion is off', !entries.some((e) => /^Wait Timeout/.test(e)), `offered: ${entries.join(', ')}`);
	await ed.addOption(page).click();
	await ed.pickEntry(page, 'Wait for Completion');
	const toggle = page.getByTestId('parameter-input-waitForCompletion');
	await toggle.waitFor();
	await toggle.locator('[role=switch], .el-switch, input').first().click();
	await page.waitForTimeout(200);
	const after = await ed.collectionEntries(page);
	r.check('[D3] Options: Wait Timeout is offered once Wait for Completion is on', after.some((e) => /^Wait Timeout/.test(e)), `offered: ${after.join(', ')}`);
	await ctx.shot('options');
}

/** The channel picker of App Profile → Create or Update with Attributes = Define Below. @param {Ctx} ctx */
async function channelPicker(ctx) {
	const { page, r, states } = ctx;
	const state = states.find((s) => s.values.resource === 'appProfile' && s.values.operation === 'upsert' && s.values.attributesMode === 'define');
	const profile = states.find((s) => s.values.resource === 'profile' && s.values.operation === 'upsert' && s.values.attributesMode === 'define');
	if (!state || !profile) {
		r.check('[D2] the description has App Profile → Create or Update with Define Below', false);
		return;
	}
	await apply(page, profile);
	const profileButtons = await page.getByTestId('node-parameters').getByTestId('fixed-collection-add').allInnerTexts();
	const profileFree = (await ed.visibleFields(page)).find((f) => f.name === 'attributesUi');
	r.check('[D2] Profile: the free-form list stays “Attributes to Send” / “Add Attribute”', profileFree?.label === 'Attributes to Send' && profileButtons.includes('Add Attribute'),
		`label ${profileFree?.label}; buttons ${profileButtons.join(', ')}`);

	await apply(page, state);
	const fields = await ed.visibleFields(page);
	const at = (/** @type {string} */ name) => fields.findIndex((f) => f.name === name);
	const order = [at('channel'), at('channelAttributes'), at('attributesUi')];
	r.check('[D2] order: Channel, then its picker, then the free-form list', order.every((i) => i >= 0) && order[0] < order[1] && order[1] < order[2], `shown: ${fields.map((f) => f.label).join(', ')}`);
	const picker = fields.find((f) => f.name === 'channelAttributes');
	const free = fields.find((f) => f.name === 'attributesUi');
	const channel = fields.find((f) => f.name === 'channel');
	const buttons = await page.getByTestId('node-parameters').getByTestId('fixed-collection-add').allInnerTexts();
	r.check('[D2] the picker is “Channel Attributes” with “Add Channel Attribute”', picker?.label === 'Channel Attributes' && buttons.includes('Add Channel Attribute'), `label ${picker?.label}; buttons ${buttons.join(', ')}`);
	r.check('[D2] App Profile: the free-form list is “Other Attributes” with “Add Other Attribute”', free?.label === 'Other Attributes' && buttons.includes('Add Other Attribute'), `label ${free?.label}; buttons ${buttons.join(', ')}`);
	r.check('[D2] no two identical “Add …” buttons in one panel', new Set(buttons).size === buttons.length, `buttons: ${buttons.join(', ')}`);
	r.check('[D2] Channel says it only offers names and is not sent', /not sent/i.test(channel?.text ?? ''), `Channel reads: ${(channel?.text ?? '').replace(/\s+/g, ' ')}`);

	const box = page.getByTestId('fixed-collection-channelAttributes');
	await box.getByTestId('fixed-collection-add').click();
	const name = box.getByTestId('parameter-input-name').first();
	await name.waitFor();
	// The names load from the node (loadOptions): wait until the field stops saying so.
	const initial = await ed.settledValue(name.locator('input').first());
	r.check('[D2] a new picker row’s Name is empty', initial === '', `Name shows “${initial}”`);
	await name.click();
	const entries = await ed.dropdownEntries(page);
	const picked = entries.find((e) => e === 'os') ?? entries.find((e) => e !== initial) ?? entries[0]; // os: a typical In-App attribute
	await ed.pickEntry(page, picked);
	await box.getByTestId('parameter-input-value').first().locator('input, textarea').first().fill('Android').catch(() => {});
	await page.getByTestId('tab-params').click().catch(() => {}); // leave the value field (its tip would cover the panel)
	await ctx.shot('app-profile-channel');
	const channels = /** @type {{ name: string, value: unknown }[]} */ (state.props.find((p) => p.name === 'channel')?.options ?? []);
	const other = channels.find((c) => c.value !== state.values.channel && c.value !== 'other');
	if (other) await ed.selectOption(page, 'channel', other.name);
	const rowsAfter = page.getByTestId('fixed-collection-channelAttributes').getByTestId('parameter-input-name');
	await rowsAfter.first().waitFor({ timeout: 5000 }).catch(() => {});
	const rows = await rowsAfter.count().catch(() => 0);
	r.check(`[D2] the picked row stays when Channel is switched (→ ${other?.name})`, rows >= 1, `rows after the switch: ${rows}`);
	await ctx.shot('app-profile-channel-switched');
	if (!other || rows < 1) return;
	const keptName = await ed.settledValue(rowsAfter.first().locator('input').first());
	const keptValue = await box.getByTestId('parameter-input-value').first().locator('input, textarea').first().inputValue().catch(() => '');
	r.check('[D2] the kept row still holds its Name and Value', keptName === picked && keptValue === 'Android', `Name “${keptName}”, Value “${keptValue}”`);
	// a row added now: empty, and its Name list is the new channel's
	await box.getByTestId('fixed-collection-add').click();
	const added = box.getByTestId('parameter-input-name').nth(1);
	await added.waitFor();
	const addedName = await ed.settledValue(added.locator('input').first());
	r.check(`[D2] a row added after the switch has an empty Name`, addedName === '', `Name shows “${addedName}”`);
	await added.click();
	const offered = await ed.dropdownEntries(page);
	await added.click();
	await ed.noDropdown(page);
	const want = channelNames(String(other.value));
	const d = listDiff(want, offered);
	r.check(`[D2] after the switch the Name list is ${other.name}’s names`, !!want.length && !d, d || 'no names known for the channel');
}

/** The attribute names the built node documents for a channel (what its Name list should offer). @param {string} channel @returns {string[]} */
function channelNames(channel) {
	const file = require('node:path').join(__dirname, '..', '..', '..', 'dist', 'nodes', 'Imiconnect', 'operations', 'appProfile', 'channels.js');
	try {
		const { CHANNELS, channelAttributeOptions } = require(file);
		return CHANNELS[channel] ? channelAttributeOptions(channel).map((/** @type {{ name: string }} */ o) => o.name) : [];
	} catch {
		return [];
	}
}

/** The canvas subtitle of an App Profile → Create or Update node. @param {Ctx} ctx */
async function subtitle(ctx) {
	const { page, r, states } = ctx;
	const state = states.find((s) => s.values.resource === 'appProfile' && s.values.operation === 'upsert');
	if (!state) return;
	await apply(page, state);
	await page.getByTestId('ndv-close-button').click();
	const node = page.getByTestId('canvas-node').filter({ has: page.locator('img[src*="imiconnect"]') }).first();
	await node.waitFor();
	const text = await node.innerText();
	const want = `${state.settings[1].option}: ${state.settings[0].option}`;
	r.check(`[D5] canvas subtitle shows “${want}”`, text.includes(want), `canvas shows: ${text.replace(/\s+/g, ' ')}`);
	const loaded = await node.locator('img[src*="imiconnect"]').first().evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth > 0);
	r.check('canvas: the node’s icon renders', loaded);
}

module.exports = { nodesPanel, everyPanel, optionsCollection, channelPicker, subtitle, expectedActions };
