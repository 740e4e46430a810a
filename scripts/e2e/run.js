#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run e2e`: the packed package installed into the real n8n app, workflows run headlessly
 * against the local sandbox, their outputs checked.
 *
 *   node scripts/e2e/run.js [--app <dir>]... [--no-build] [--keep] [--verbose] [name-filter]...
 *   node scripts/e2e/run.js --queue [--no-build] [--keep] [--verbose]
 *   node scripts/e2e/run.js --ui [--ui-docs] [--no-build] [--keep]
 *
 *   --app <dir>   an app under scripts/e2e/ to run on (repeatable); default: every
 *                 scripts/e2e/n8n-app* directory (n8n 2.x on Node 24, n8n 1.x on this machine's Node)
 *   --no-build    pack dist/ as it is (skip `npm run build`)
 *   --keep        keep the temporary folder (n8n user folders, logs, inputs) and print it
 *   --verbose     show the output of npm while installing
 *   name-filter   run only workflows whose name contains one of these strings
 *   --queue       instead: n8n 2.x in queue mode (Postgres, Redis, main + 2 workers), see queue/
 *   --ui          instead: the node in n8n 2.x's editor, in headless Chromium (scripts/e2e/ui/,
 *                 @playwright/test); screenshots in .e2e-ui-screenshots/, traces of a failure
 *                 in .e2e-ui-results/, the HTML report in .e2e-ui-report/
 *   --ui-docs     with --ui: also copy the README's screenshots into docs/images/
 *
 * Environment: N8N_E2E_CACHE (default ~/.cache/n8n-nodes-imiconnect) holds Node 24 and the n8n
 * installs; N8N_E2E_APPS (comma-separated) is the same as --app. How it runs, the expectation
 * modules and the output: scripts/e2e/README.md.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { cacheRoot } = require('./n8n-app');
const { discover, availableApps, runApp } = require('./run-app');
const { randomKey } = require('./n8n');
const { runQueue } = require('./queue/run-queue');
const proc = require('../lib/proc');

const REPO = path.resolve(__dirname, '..', '..');
const { secs } = proc;
const { phase, summary } = proc.phaseTimer({ announce: true });

// ---------------------------------------------------------------------------------------------
// cleanup: child processes, the sandbox, the temporary folder — on success, failure and signals

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
/** @type {Array<() => Promise<void> | void>} */
const cleanups = [];
let cleaned = false;

async function cleanup() {
	if (cleaned) return;
	cleaned = true;
	// last registered first: n8n and the servers stop gracefully, then anything left is killed
	for (const fn of cleanups.reverse()) {
		await Promise.resolve()
			.then(fn)
			.catch((error) => console.error(`cleanup: ${proc.messageOf(error)}`));
	}
}

for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.once(signal, () => {
		console.error(`\n${signal}: stopping`);
		cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	});
}

/** @typedef {import('./run-app').Result} Result */

async function main() {
	const { values, positionals } = parseArgs({
		options: {
			app: { type: 'string', multiple: true },
			build: { type: 'boolean', default: true }, // --no-build
			keep: { type: 'boolean' },
			verbose: { type: 'boolean' },
			queue: { type: 'boolean' },
			ui: { type: 'boolean' },
			'ui-docs': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
		allowPositionals: true,
		allowNegative: true,
	});
	if (values.help) {
		const doc = fs.readFileSync(__filename, 'utf8').split('*/')[0];
		console.log(doc.replace(/^[\s\S]*?\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
		return 0;
	}
	const build = values.build !== false;
	const envApps = (process.env.N8N_E2E_APPS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
	const apps = values.app?.length ? values.app : envApps.length ? envApps : availableApps();
	for (const app of apps) {
		if (!fs.existsSync(path.join(__dirname, app, 'package-lock.json'))) throw new Error(`no app scripts/e2e/${app}/ (with a package-lock.json)`);
	}
	const onlyOne = values.queue || values.ui;
	const cases = onlyOne ? [] : discover(positionals);
	if (!cases.length && !onlyOne) throw new Error('no workflows with expectations found');

	const total = Date.now();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-imiconnect-e2e-'));
	cleanups.push(() => {
		children.forEach((child) => proc.killTree(child, 'SIGKILL'));
		if (values.keep) console.log(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	});
	if (values.queue) console.log(`e2e: queue mode (n8n 2.x, Postgres, Redis, main + 2 workers); cache ${cacheRoot()}`);
	else if (values.ui) console.log(`e2e: the editor (n8n 2.x, headless Chromium); cache ${cacheRoot()}`);
	else console.log(`e2e: ${cases.length} workflow(s) × ${apps.length} app(s) [${apps.join(', ')}]; cache ${cacheRoot()}`);

	if (build) {
		const { cmd, lead } = proc.npm();
		await phase('build (npm run build)', () => proc.exec(cmd, [...lead, 'run', 'build'], { cwd: REPO, logFile: path.join(tmp, 'build.log'), children }));
	}
	const tarball = await phase('pack (npm pack)', async () => {
		const dist = path.join(REPO, 'dist', 'nodes', 'Imiconnect', 'Imiconnect.node.js');
		if (!fs.existsSync(dist)) throw new Error('dist/ is not built (run without --no-build)');
		const packDir = path.join(tmp, 'pack');
		fs.mkdirSync(packDir);
		const info = await proc.npmPack(REPO, packDir, { logFile: path.join(tmp, 'pack.log'), children });
		const files = info.files.map((/** @type {{ path: string }} */ f) => f.path);
		for (const needed of ['package.json', 'dist/nodes/Imiconnect/Imiconnect.node.js', 'dist/credentials/ImiconnectApi.credentials.js']) {
			if (!files.includes(needed)) throw new Error(`the packed package lacks ${needed}`);
		}
		console.log(`  ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} kB`);
		return info;
	});

	if (values.ui) {
		// @playwright/test in its own process: its worker fixture starts the sandbox and n8n (ui/editor.spec.js)
		const executable = require('./ui/browser').ensureChromium();
		/** @type {NodeJS.ProcessEnv} */
		const env = { ...process.env, CHROMIUM_PATH: executable, E2E_UI_TMP: tmp, E2E_UI_TARBALL: JSON.stringify(tarball) };
		if (values['ui-docs']) env.E2E_UI_DOCS = '1';
		if (values.verbose) env.E2E_UI_VERBOSE = '1';
		const cli = require.resolve('@playwright/test/cli');
		console.log(`  chromium ${executable}; traces and screenshots of a failure: .e2e-ui-results/, report: .e2e-ui-report/`);
		const { ok } = await phase('ui: playwright test', () => proc.run(process.execPath, [cli, 'test', '-c', path.join(__dirname, 'ui', 'playwright.config.js')], { cwd: REPO, env, verbose: true, children }));
		console.log(`\ntimings: ${summary()}\ntotal ${secs(Date.now() - total)}`);
		return ok ? 0 : 1;
	}

	const { startSandbox } = require(path.join(REPO, 'sandbox'));
	const sandboxKey = randomKey();
	const sandbox = await startSandbox({ port: 0, key: sandboxKey });
	cleanups.push(() => sandbox.close());
	// runs before the sandbox closes: a command still running (e.g. at Ctrl-C) is killed first
	cleanups.push(() => children.forEach((child) => proc.killTree(child, 'SIGKILL')));
	console.log(`  sandbox: ${sandbox.baseUrl}`);

	/** @type {Result[]} */
	const results = [];
	if (values.queue) {
		const report = (/** @type {string} */ name, /** @type {boolean} */ ok, /** @type {number} */ ms, /** @type {string | undefined} */ message) => {
			results.push({ app: 'queue', name, ok, ms, message });
			console.log(`${ok ? 'PASS' : 'FAIL'}  queue: ${name} ${secs(ms)}${message ? `: ${message.split('\n').join('\n      ')}` : ''}`);
		};
		const verbose = !!values.verbose;
		await runQueue({ tmp, tarball, sandbox, sandboxKey, children, cleanups, phase, verbose, report }).catch((error) => report('set-up', false, 0, proc.messageOf(error)));
	}
	for (const app of values.queue ? [] : apps) {
		await runApp(app, { tmp, tarball, sandbox, sandboxKey, cases, results, verbose: !!values.verbose, children, phase });
	}

	const passed = results.filter((r) => r.ok === true).length;
	const failed = results.filter((r) => r.ok === false).length;
	const skipped = results.filter((r) => r.ok === 'skip').length;
	console.log(`\ntimings: ${summary()}`);
	console.log(`total ${secs(Date.now() - total)}${skipped ? `; ${skipped} skipped` : ''}`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed > 0 || passed === 0 ? 1 : 0;
}

main()
	.then(async (code) => {
		await cleanup();
		process.exit(code);
	})
	.catch(async (error) => {
		console.error(`e2e: ${proc.messageOf(error)}`);
		await cleanup();
		console.log('0 passed, 1 failed');
		process.exit(1);
	});
