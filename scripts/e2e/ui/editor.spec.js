// @ts-check
'use strict';

/**
 * `npm run e2e -- --ui`: the node in n8n's editor as a user meets it, in headless Chromium.
 *
 * n8n 2.x (the e2e's cached app, `n8n start` on a free 127.0.0.1 port) with the packed package
 * installed and a credential pointing at the sandbox; the owner is set up through the REST call
 * the /setup page makes; then the walk-through of panels.js and runs.js, one line per assertion.
 * Screenshots go to a folder it prints; `--ui-docs` also copies the README's ones to docs/images/.
 */

const fs = require('node:fs');
const path = require('node:path');

const { prepareInstance } = require('../instance');
const { startN8nServer } = require('../n8n-server');
const wf = require('../workflows');
const { launch } = require('./browser');
const { loadDescriptions, panelStates } = require('./expected');
const { Report } = require('./report');
const panels = require('./panels');
const runs = require('./runs');

const REPO = path.resolve(__dirname, '..', '..', '..');
const APP = 'n8n-app';
/** The screenshots the README shows (docs/images/<name>.png). */
const DOC_SHOTS = ['nodes-panel', 'write-fields', 'app-profile-channel', 'credential', 'output-table'];
const VIEWPORT = { width: 1280, height: 800 };
const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'E2e-owner-password-1' };

/**
 * @param {{ tmp: string, tarball: { file: string, name: string }, sandbox: any, sandboxKey: string,
 *   children: Set<import('node:child_process').ChildProcess>, phase: (name: string, fn: () => Promise<any>) => Promise<any>,
 *   cleanups: Array<() => Promise<void> | void>, verbose: boolean, docs: boolean }} ctx
 * @returns {Promise<number>} how many assertions failed
 */
async function runUi(ctx) {
	const r = new Report();
	const { node, credential } = loadDescriptions();
	const states = panelStates(node);
	const shotsDir = path.join(ctx.tmp, 'screenshots');
	fs.mkdirSync(shotsDir, { recursive: true });

	const { addDemoData } = require(path.join(REPO, 'sandbox'));
	const { DEMO_PROFILES } = require(path.join(REPO, 'sandbox', 'demo'));
	addDemoData(ctx.sandbox.store);

	const inst = await prepareInstance({ app: APP, base: path.join(ctx.tmp, 'ui'), tarball: ctx.tarball, children: ctx.children, verbose: ctx.verbose, phase: ctx.phase });
	await ctx.phase('ui: import:credentials', () => wf.importCredential(inst.n8n, { baseUrl: ctx.sandbox.baseUrl, apiKey: ctx.sandboxKey }));
	const logFile = path.join(inst.n8n.workDir, 'n8n-start.log');
	const server = await ctx.phase('ui: n8n start', () =>
		startN8nServer(inst.n8n, {
			onSpawn: (child) => {
				const log = fs.createWriteStream(logFile);
				child.stdout?.pipe(log);
				child.stderr?.pipe(log);
			},
		}),
	);
	console.log(`  n8n ${inst.version} editor on ${server.url} (log ${logFile})`);

	const browser = await ctx.phase('ui: chromium', () => launch({ baseURL: server.url, viewport: VIEWPORT }));
	ctx.cleanups.push(browser.close);
	const { page } = browser;
	page.setDefaultTimeout(8000);
	console.log(`  ${browser.executablePath}, ${states.length} panel states from the built description`);

	/** @param {string} name */
	const shot = async (name) => {
		await page.waitForTimeout(250);
		await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
	};

	await ctx.phase('ui: walk-through', async () => {
		const setup = await page.request.post(`${server.url}/rest/owner/setup`, { data: OWNER });
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
				if (write) for (const s of write.settings) await require('./editor').selectOption(page, s.name, s.option);
				await shot('write-fields');
			});
			await r.step('options collection', async () => {
				await require('./editor').ensurePanel(page);
				await panels.optionsCollection(pc);
			});
			await r.step('channel picker', () => panels.channelPicker(pc));
			await r.step('canvas subtitle', () => panels.subtitle(pc));
		}
		const getState = states.find((s) => s.values.resource === 'profile' && s.values.operation === 'get');
		const getAction = getState && panels.expectedActions([getState])[0];
		/** @type {import('./runs').RunCtx} */
		const rc = { ...pc, sandbox: ctx.sandbox, sandboxKey: ctx.sandboxKey, customer: DEMO_PROFILES[0], credential };
		if (getAction) await r.step('run from the editor', () => runs.profileGet(rc, getAction));
		await r.step('credential modal', () => runs.credentialModal(rc));
		await r.step('first runs of other IDs', () => runs.otherIds(rc));
		const hints = /** @type {any[]} */ (node.properties).filter((p) => (p.type === 'collection' || p.type === 'fixedCollection') && p.hint).map((p) => p.displayName);
		r.check('[D3] no hint on a collection or fixedCollection (n8n does not render them)', hints.length === 0, `hints on: ${[...new Set(hints)].join(', ')}`);
		r.check('no page errors or console errors from the app', browser.errors.length === 0, browser.errors.slice(0, 10).join('\n'));
	});
	if (browser.blocked.size) console.log(`  requests to other hosts, blocked: ${[...browser.blocked].join(', ')}`);

	const kept = path.join(REPO, '.e2e-ui-screenshots');
	fs.rmSync(kept, { recursive: true, force: true });
	fs.cpSync(shotsDir, kept, { recursive: true });
	console.log(`screenshots: ${kept}`);
	if (ctx.docs) {
		const docs = path.join(REPO, 'docs', 'images');
		fs.mkdirSync(docs, { recursive: true });
		for (const name of DOC_SHOTS) {
			const from = path.join(shotsDir, `${name}.png`);
			if (fs.existsSync(from)) fs.copyFileSync(from, path.join(docs, `${name}.png`));
		}
		console.log(`copied ${DOC_SHOTS.join(', ')} to docs/images/`);
	}
	console.log(`ui: ${r.summary()}`);
	return r.failed.length;
}

module.exports = { runUi, DOC_SHOTS };
