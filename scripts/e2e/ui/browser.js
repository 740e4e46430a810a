// @ts-check
'use strict';

/**
 * Headless Chromium from Debian's `chromium` package (installed with apt-get when missing; nothing
 * downloads a browser build), driven by playwright-core. The page may talk to n8n on 127.0.0.1
 * only: any other request is aborted and listed, so the check stays offline and repeatable.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Path of Debian's chromium, installing the package when it is missing. */
function ensureChromium() {
	const known = ['/usr/bin/chromium'];
	try {
		known.push(execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim());
	} catch {
		// not on PATH
	}
	const found = known.find((p) => p && fs.existsSync(p));
	if (found) return found;
	if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error('chromium is missing: install it (Debian/Ubuntu: apt-get install chromium)');
	}
	console.log('  chromium is missing: apt-get install -y chromium …');
	const sudo = typeof process.getuid === 'function' && process.getuid() !== 0 ? ['sudo'] : [];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const run = (/** @type {string[]} */ cmd) => execFileSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env });
	run([...sudo, 'apt-get', 'update', '-qq']);
	run([...sudo, 'apt-get', 'install', '-y', '-qq', 'chromium']);
	if (!fs.existsSync('/usr/bin/chromium')) throw new Error('apt-get install chromium left no /usr/bin/chromium');
	return '/usr/bin/chromium';
}

/**
 * Launches chromium with a fresh profile and one page on `baseURL`; collects the app's page
 * errors and console errors, and the requests to other hosts (aborted).
 * @param {{ baseURL: string, viewport: { width: number, height: number } }} opts
 */
async function launch(opts) {
	const { chromium, selectors } = require('playwright-core');
	selectors.setTestIdAttribute('data-test-id');
	const executablePath = ensureChromium();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-imiconnect-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		args: CHROMIUM_ARGS,
		headless: true,
		baseURL: opts.baseURL,
		viewport: opts.viewport,
		deviceScaleFactor: 1,
	});
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
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		// a failed load of a blocked outside resource is ours, not the app's
		const where = message.location().url;
		if (/Failed to load resource/.test(message.text()) && where && !where.startsWith(opts.baseURL)) return;
		if (/ERR_BLOCKED_BY_CLIENT/.test(message.text())) return;
		errors.push(`console error: ${message.text().slice(0, 300)}${where ? ` (${where})` : ''}`);
	});
	const close = async () => {
		await context.close().catch(() => {});
		fs.rmSync(userDataDir, { recursive: true, force: true });
	};
	return { context, page, errors, blocked, close, executablePath };
}

module.exports = { ensureChromium, launch, CHROMIUM_ARGS };
