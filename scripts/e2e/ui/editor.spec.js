// @ts-check
'use strict';

/**
 * `npm run e2e -- --ui`: the node in n8n's editor as a user meets it, on @playwright/test.
 *
 * A worker fixture brings up n8n 2.x (the e2e's cached app, `n8n start` on a free 127.0.0.1 port)
 * with the packed package installed (run.js packs it: E2E_UI_TARBALL) and a credential pointing at
 * the sandbox, in this process (the checks read its log). The test sets up the owner through the
 * REST call the /setup page makes, then walks through panels.js and runs.js: every check a soft
 * expectation, every part a step. The page may talk to n8n on 127.0.0.1 only: any other request is
 * aborted and listed. Screenshots go to .e2e-ui-screenshots/; E2E_UI_DOCS=1 (`--ui-docs`) also
 * copies the README's ones to docs/images/.
 */

const fs = require('node:fs');
const path = require('node:path');
const { test: base } = require('@playwright/test');

const proc = require('../../lib/proc');
const n8nLib = require('../n8n');
const { loadDescriptions, panelStates } = require('./expected');
const { r } = require('./report');
const ed = require('./editor');
const panels = require('./panels');
const runs = require('./runs');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SHOTS = path.join(REPO, '.e2e-ui-screenshots');
/** The screenshots the README shows (docs/images/<name>.png). */
const DOC_SHOTS = ['nodes-panel', 'write-fields', 'app-profile-channel', 'credential', 'output-table'];
const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'E2e-owner-password-1' };

/** @typedef {{ url: string, sandbox: any, sandboxKey: string }} N8n */

/** @type {import('@playwright/test').TestType<import('@playwright/test').PlaywrightTestArgs & import('@playwright/test').PlaywrightTestOptions, import('@playwright/test').PlaywrightWorkerArgs & import('@playwright/test').PlaywrightWorkerOptions & { n8n: N8n }>} */
const test = /** @type {any} */ (base).extend({
	n8n: [
		async (/** @type {{}} */ {}, /** @type {(n8n: N8n) => Promise<void>} */ use) => {
			const tmp = process.env.E2E_UI_TMP;
			const tarball = process.env.E2E_UI_TARBALL ? JSON.parse(process.env.E2E_UI_TARBALL) : undefined;
			if (!tmp || !tarball) throw new Error('run it with `npm run e2e -- --ui` (which packs the package)');
			/** @type {Set<import('node:child_process').ChildProcess>} */
			const children = new Set();
			const { phase } = proc.phaseTimer({ announce: true });
			const { startSandbox, addDemoData } = require(path.join(REPO, 'sandbox'));
			const sandboxKey = n8nLib.randomKey();
			const sandbox = await startSandbox({ port: 0, key: sandboxKey });
			addDemoData(sandbox.store);
			try {
				const app = await n8nLib.ensureApp('n8n-app', { phase, verbose: !!process.env.E2E_UI_VERBOSE });
				const n8n = await n8nLib.makeInstance(app, { base: path.join(tmp, 'ui'), tarball, children });
				await phase('ui: import:credentials', () => n8nLib.importCredential(n8n, { baseUrl: sandbox.baseUrl, apiKey: sandboxKey }));
				const logFile = path.join(n8n.workDir, 'n8n-start.log');
				const server = n8nLib.startN8n(n8n, { logFile });
				await phase('ui: n8n start', () => server.ready);
				console.log(`  ${app.label}: the editor on ${server.url} (log ${logFile}); sandbox ${sandbox.baseUrl}`);
				await use({ url: server.url, sandbox, sandboxKey });
			} finally {
				children.forEach((child) => proc.killTree(child, 'SIGKILL'));
				await sandbox.close();
			}
		},
		{ scope: 'worker', timeout: 30 * 60_000 }, // a cold cache installs n8n first
	],
	baseURL: async (/** @type {{ n8n: N8n }} */ { n8n }, /** @type {(url: string) => Promise<void>} */ use) => use(n8n.url),
});

test('the IMIconnect node in n8n’s editor', async ({ page, context, n8n }) => {
	const { node, credential } = loadDescriptions();
	const states = panelStates(node);
	page.setDefaultTimeout(15_000); // a busy 2-core machine, with the trace recording
	page.setDefaultNavigationTimeout(60_000); // the editor's first load on a busy machine
	fs.rmSync(SHOTS, { recursive: true, force: true });
	fs.mkdirSync(SHOTS, { recursive: true });

	/** @type {string[]} */
	const errors = [];
	/** @type {Set<string>} */
	const blocked = new Set();
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
		blocked.add(url.origin);
		return route.abort('blockedbyclient');
	});
	page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		// a failed load of a blocked outside resource is ours, not the app's
		const where = message.location().url;
		if (/Failed to load resource/.test(message.text()) && where && !where.startsWith(n8n.url)) return;
		if (/ERR_BLOCKED_BY_CLIENT/.test(message.text())) return;
		errors.push(`console error: ${message.text().slice(0, 300)}${where ? ` (${where})` : ''}`);
	});
	console.log(`  ${states.length} panel states from the built description`);

	/** @param {string} name */
	const shot = async (name) => {
		await page.waitForTimeout(250);
		await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
	};

	const setup = await page.request.post(`${n8n.url}/rest/owner/setup`, { data: OWNER });
	r.check('owner set up (POST /rest/owner/setup, as the /setup page does)', setup.ok(), `HTTP ${setup.status()}`);
	/** @type {import('./panels').Ctx} */
	const pc = { page, r, shot, node, states };
	const actions = (await r.step('nodes panel', () => panels.nodesPanel(pc))) ?? [];
	// E2E_UI_QUICK=1 (while working on the harness): skip the sweep over every panel
	const firstAction = process.env.E2E_UI_QUICK ? undefined : actions[0];
	if (firstAction) {
		await r.step('every panel', () => panels.everyPanel(pc, firstAction));
		await r.step('write fields', async () => {
			const write = states.find((s) => s.values.resource === 'appProfile' && s.values.operation === 'upsert' && s.values.attributesMode === 'autoMap');
			if (write) for (const s of write.settings) await ed.selectOption(page, s.name, s.option);
			await shot('write-fields');
		});
		await r.step('options collection', async () => {
			await ed.ensurePanel(page);
			await panels.optionsCollection(pc);
		});
		await r.step('channel picker', () => panels.channelPicker(pc));
		await r.step('canvas subtitle', () => panels.subtitle(pc));
	}
	const getState = states.find((s) => s.values.resource === 'profile' && s.values.operation === 'get');
	const getAction = getState && panels.expectedActions([getState])[0];
	const { DEMO_PROFILES } = require(path.join(REPO, 'sandbox', 'demo'));
	/** @type {import('./runs').RunCtx} */
	const rc = { ...pc, sandbox: n8n.sandbox, sandboxKey: n8n.sandboxKey, customer: DEMO_PROFILES[0], credential };
	if (getAction) await r.step('run from the editor', () => runs.profileGet(rc, getAction));
	await r.step('credential modal', () => runs.credentialModal(rc));
	await r.step('first runs of other IDs', () => runs.otherIds(rc));
	const hints = /** @type {any[]} */ (node.properties).filter((p) => (p.type === 'collection' || p.type === 'fixedCollection') && p.hint).map((p) => p.displayName);
	r.check('[D3] no hint on a collection or fixedCollection (n8n does not render them)', hints.length === 0, `hints on: ${[...new Set(hints)].join(', ')}`);
	r.check('no page errors or console errors from the app', errors.length === 0, errors.slice(0, 10).join('\n'));

	if (blocked.size) console.log(`  requests to other hosts, blocked: ${[...blocked].join(', ')}`);
	console.log(`  screenshots: ${SHOTS}`);
	if (process.env.E2E_UI_DOCS) {
		const docs = path.join(REPO, 'docs', 'images');
		fs.mkdirSync(docs, { recursive: true });
		for (const name of DOC_SHOTS) {
			const from = path.join(SHOTS, `${name}.png`);
			if (fs.existsSync(from)) fs.copyFileSync(from, path.join(docs, `${name}.png`));
		}
		console.log(`  copied ${DOC_SHOTS.join(', ')} to docs/images/`);
	}
});
