// @ts-check
'use strict';

/**
 * What a user does in n8n's editor, as page actions: open a workflow, search the nodes panel,
 * add a node from an action, set an option parameter, read the fields the panel shows, run a step.
 * Elements are found by n8n's own `data-test-id` attributes (its own e2e tests use them).
 */

const { expect } = require('@playwright/test');

/** @typedef {import('@playwright/test').Page} Page */

/**
 * Opens a new workflow and the nodes panel, then searches it.
 * @param {Page} page
 * @param {string} query
 * @returns {Promise<string[]>} the names of the nodes found
 */
async function searchNodes(page, query) {
	const bar = page.getByTestId('node-creator-search-bar');
	if (!(await bar.isVisible())) {
		await page.getByTestId('canvas-add-button').click();
		await bar.waitFor();
	}
	// clear first, then wait until the list settles, so a list of the previous query is never read
	await bar.fill('');
	await page.waitForTimeout(300);
	await bar.fill(query);
	const names = page.getByTestId('node-creator').getByTestId('node-creator-item-name');
	/** @type {string[] | undefined} */
	let last;
	const settled = async () => {
		const now = await names.allInnerTexts();
		const same = JSON.stringify(now) === JSON.stringify(last);
		last = now;
		return same;
	};
	await expect.poll(settled, { intervals: [250], timeout: 3000 }).toBe(true).catch(() => {});
	return last ?? [];
}

/** In the nodes panel: the node's actions (click on the node found by the search). @param {Page} page @param {string} nodeName */
async function openActions(page, nodeName) {
	await page.getByTestId('item-iterator-item').filter({ hasText: nodeName }).first().click();
	await page.getByTestId('node-creator').getByText(/actions/i).first().waitFor();
	return page.getByTestId('node-creator').getByTestId('node-creator-item-name').allInnerTexts();
}

/**
 * Clicks an action of the open actions list; n8n adds the node (and a Manual Trigger before it on
 * an empty canvas) and opens its panel.
 * @param {Page} page
 * @param {string} action
 */
async function addFromAction(page, action) {
	await page.getByTestId('node-creator').getByTestId('node-creator-item-name').filter({ hasText: new RegExp(`^${escape(action)}$`) }).first().click();
	await page.getByTestId('ndv').waitFor();
	await page.getByTestId('node-parameters').waitFor();
}

/** @param {string} s */
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The top-level fields the parameters panel shows, by their labels, in order (nested fields of
 * collections are not counted; the Settings tab is hidden and so skipped).
 * @param {Page} page
 * @returns {Promise<{ label: string, name: string, text: string }[]>}
 */
function visibleFields(page) {
	return page.getByTestId('node-parameters').evaluate((root) =>
		Array.from(root.querySelectorAll('[data-test-id=parameter-item]'))
			.filter((el) => el.checkVisibility() && !el.parentElement?.closest('[data-test-id=parameter-item]'))
			.map((el) => {
				const label = el.querySelector('[data-test-id=input-label]');
				const first = /** @type {HTMLElement} */ (label ?? el).innerText.split('\n')[0].replace(/\s*\*\s*$/, '').trim();
				const input = el.querySelector('[data-test-id^="parameter-input-"]:not([data-test-id=parameter-input-field]), [data-test-id^="fixed-collection-"]:not([data-test-id=fixed-collection-add])');
				const id = input?.getAttribute('data-test-id') ?? '';
				return { label: first, name: id.replace(/^(parameter-input-|fixed-collection-)/, ''), text: /** @type {HTMLElement} */ (el).innerText };
			}),
	);
}

const OPTIONS = '[role=option]:visible, .el-select-dropdown__item:visible';

/** The first lines (option names) of the open dropdown's entries. @param {Page} page */
async function dropdownEntries(page) {
	const list = page.locator(OPTIONS);
	await list.first().waitFor({ timeout: 5000 });
	return (await list.allInnerTexts()).map((t) => t.split('\n')[0].trim());
}

/** Waits until no dropdown is open (a closing one would otherwise answer for the next). @param {Page} page */
const noDropdown = (page) => page.locator(OPTIONS).first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {});

/**
 * Opens a select, reads its entries, closes it again by clicking it (Escape would also close the
 * panel or modal behind it).
 * @param {Page} page
 * @param {import('@playwright/test').Locator} trigger
 */
async function peekDropdown(page, trigger) {
	await noDropdown(page);
	await trigger.click();
	const entries = await dropdownEntries(page).catch(() => /** @type {string[]} */ ([]));
	await trigger.click();
	await noDropdown(page);
	return entries;
}

/** Picks an entry of the open dropdown by its name (first line, exact). @param {Page} page @param {string} name */
async function pickEntry(page, name) {
	const entries = await dropdownEntries(page);
	const index = entries.indexOf(name);
	if (index < 0) throw new Error(`"${name}" is not in the list (${entries.join(', ')})`);
	await page.locator(OPTIONS).nth(index).click();
	await noDropdown(page);
}

/**
 * An input's value once n8n has loaded its options (it shows "Loading options..." meanwhile).
 * @param {import('@playwright/test').Locator} input
 * @param {number} [timeoutMs]
 */
async function settledValue(input, timeoutMs = 10_000) {
	await expect(input).not.toHaveValue(/loading options/i, { timeout: timeoutMs }).catch(() => {});
	return input.inputValue();
}

/**
 * Sets an options parameter to the entry with this name (no-op when it already shows it).
 * @param {Page} page
 * @param {string} param parameter name
 * @param {string} option option display name
 */
async function selectOption(page, param, option) {
	const input = page.getByTestId(`parameter-input-${param}`).locator('input').first();
	if ((await input.inputValue().catch(() => '')) === option) return;
	await noDropdown(page);
	await page.getByTestId(`parameter-input-${param}`).click();
	await pickEntry(page, option);
	await page.waitForTimeout(150);
}

/** The entries an options parameter offers (opens and closes its dropdown). @param {Page} page @param {string} param */
const optionsOf = (page, param) => peekDropdown(page, page.getByTestId(`parameter-input-${param}`).locator('input').first());

/** The panel's "Add Option" dropdown (of the Options collection). @param {Page} page */
const addOption = (page) => page.getByTestId('node-parameters').locator('[data-test-id=collection-parameter-add]:visible').first();

/** Reopens the node's panel when it was closed (e.g. by an Escape after a failed step). @param {Page} page */
async function ensurePanel(page) {
	if (await page.getByTestId('ndv').isVisible()) return;
	await page.getByTestId('canvas-node').filter({ has: page.locator('img[src*="imiconnect"]') }).first().dblclick();
	await page.getByTestId('node-parameters').waitFor();
}

/** The entries the (single) "Add Option" collection of the panel offers. @param {Page} page */
const collectionEntries = (page) => peekDropdown(page, addOption(page));

/** Types a fixed value into a string parameter (switching it from an expression first). @param {Page} page @param {string} param @param {string} value */
async function setFixed(page, param, value) {
	const options = page.getByTestId(`${param}-parameter-input-options-container`);
	await options.hover();
	const fixed = options.getByTestId('radio-button-fixed');
	if (await fixed.isVisible()) await fixed.click();
	await page.getByTestId(`parameter-input-${param}`).locator('input, textarea').first().fill(value);
	await page.waitForTimeout(150);
}

/**
 * Clicks "Execute step" in the open panel and waits for the output panel to show the run.
 * @param {Page} page
 * @returns {Promise<{ ok: boolean, text: string }>}
 */
async function executeStep(page) {
	const panel = page.getByTestId('output-panel');
	await page.getByTestId('node-execute-button').click();
	// the previous run's result stays until the new one starts
	await panel.getByText(/Executing/).first().waitFor({ timeout: 1000 }).catch(() => {});
	await panel.getByText(/Executing/).first().waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => {});
	const done = panel.locator('[data-test-id=node-run-status-success], [data-test-id=node-error-message]');
	await done.first().waitFor({ timeout: 30_000 });
	await page.waitForTimeout(200);
	return { ok: await panel.getByTestId('node-run-status-success').isVisible(), text: await panel.innerText() };
}

module.exports = { settledValue, noDropdown, addOption, ensurePanel, searchNodes, openActions, addFromAction, visibleFields, dropdownEntries, pickEntry, selectOption, optionsOf, collectionEntries, setFixed, executeStep };
