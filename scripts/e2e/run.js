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
 *   --ui          instead: the node in n8n 2.x's editor, in headless Chromium (scripts/e2e/ui/);
 *                 one line per assertion; screenshots in .e2e-ui-screenshots/
 *   --ui-docs     with --ui: also copy the README's screenshots into docs/images/
 *
 * Environment: N8N_E2E_CACHE (default ~/.cache/n8n-nodes-imiconnect) holds Node 24 and the n8n
 * installs; N8N_E2E_APPS (comma-separated) is the same as --app.
 *
 * Steps: build → npm pack → for each app: Node + n8n from the cache (installed when missing) → a
 * fresh N8N_USER_FOLDER with the tarball unpacked into .n8n/nodes/node_modules/n8n-nodes-imiconnect
 * (where n8n's Community Nodes install puts a package) → n8n import:credentials (a credential
 * pointing at the sandbox) → n8n import:workflow (all workflows at once) → per workflow: sandbox
 * reset + the expectation's setup, n8n execute --id … --rawOutput, the run read back from n8n's
 * log file, the expectation's check(). One line per workflow, then "N passed, M failed".
 *
 * Workflows: test/e2e-smoke/*.workflow.json, scripts/e2e/ai-tool/*.workflow.json and every
 * examples/*.json; each needs a sibling <name>.expect.js exporting
 *   check(output, { sandbox, n8nVersion }) — async, throws on a mismatch (required)
 *   setup({ sandbox, n8nVersion })         — async, before the run (optional: seed the store, faults)
 *   sandbox                                — options for sandbox.configure() (optional)
 *   skip({ n8nVersion, app })              — a reason to skip on this app, or nothing (optional)
 * where output = { status, error, items: { [node]: json[] }, nodes: { [node]: { items, outputs,
 * connections, error, status, runs } }, runData, run } and sandbox is the in-process sandbox
 * (sandbox.log.entries, sandbox.store, …), reset before each workflow.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { cacheRoot } = require('./n8n-app');
const { prepareInstance } = require('./instance');
const wf = require('./workflows');
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
		try {
			await fn();
		} catch (error) {
			console.error(`cleanup: ${error instanceof Error ? error.message : error}`);
		}
	}
}

for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.once(signal, () => {
		console.error(`\n${signal}: stopping`);
		cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	});
}

// ---------------------------------------------------------------------------------------------
// what to run

/**
 * @typedef {Object} Case
 * @property {string} name
 * @property {string} file the workflow JSON
 * @property {string} expectFile
 * @property {string} rel repo-relative path of the workflow, for messages
 */

/**
 * Workflows with an expectation beside them: `<name>.workflow.json` or `<name>.json` next to
 * `<name>.expect.js`.
 * @param {string} dir
 * @param {{ warnMissing?: boolean }} [opts]
 * @returns {Case[]}
 */
function casesIn(dir, opts = {}) {
	if (!fs.existsSync(dir)) return [];
	/** @type {Case[]} */
	const cases = [];
	for (const entry of fs.readdirSync(dir).sort()) {
		if (!entry.endsWith('.json') || entry === 'package.json' || entry === 'package-lock.json') continue;
		const name = entry.replace(/(\.workflow)?\.json$/, '');
		const expectFile = path.join(dir, `${name}.expect.js`);
		const rel = path.relative(REPO, path.join(dir, entry));
		if (!fs.existsSync(expectFile)) {
			if (opts.warnMissing) console.log(`skip  ${rel}: no ${name}.expect.js beside it`);
			continue;
		}
		cases.push({ name, file: path.join(dir, entry), expectFile, rel });
	}
	return cases;
}

/** @param {string[]} filters */
function discover(filters) {
	const all = [
		...casesIn(path.join(REPO, 'test', 'e2e-smoke')),
		...casesIn(path.join(__dirname, 'ai-tool')),
		...casesIn(path.join(REPO, 'examples'), { warnMissing: true }),
	];
	const seen = new Set();
	for (const c of all) {
		if (seen.has(c.name)) c.name = path.dirname(c.rel).split(path.sep).pop() + '/' + c.name;
		seen.add(c.name);
	}
	return filters.length ? all.filter((c) => filters.some((f) => c.name.includes(f) || c.rel.includes(f))) : all;
}

/** Apps under scripts/e2e/ (directories n8n-app* with a lockfile). */
function availableApps() {
	return fs
		.readdirSync(__dirname)
		.filter((d) => /^n8n-app/.test(d) && fs.existsSync(path.join(__dirname, d, 'package-lock.json')))
		.sort();
}

// ---------------------------------------------------------------------------------------------

/**
 * @typedef {{ app: string, name: string, ok: boolean | 'skip', ms: number, message?: string }} Result
 */

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
		const files = info.files.map((f) => f.path);
		for (const needed of ['package.json', 'dist/nodes/Imiconnect/Imiconnect.node.js', 'dist/credentials/ImiconnectApi.credentials.js']) {
			if (!files.includes(needed)) throw new Error(`the packed package lacks ${needed}`);
		}
		console.log(`  ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} kB`);
		return info;
	});

	const { startSandbox } = require(path.join(REPO, 'sandbox'));
	const sandboxKey = wf.randomKey();
	const sandbox = await startSandbox({ port: 0, key: sandboxKey });
	cleanups.push(() => sandbox.close());
	// runs before the sandbox closes: a command still running (e.g. at Ctrl-C) is killed first
	cleanups.push(() => children.forEach((child) => proc.killTree(child, 'SIGKILL')));
	console.log(`  sandbox: ${sandbox.baseUrl}`);

	if (values.ui) {
		const docs = !!values['ui-docs'];
		const failed = await require('./ui').runUi({ tmp, tarball, sandbox, sandboxKey, children, phase, cleanups, verbose: !!values.verbose, docs });
		console.log(`\ntimings: ${summary()}\ntotal ${secs(Date.now() - total)}`);
		return failed > 0 ? 1 : 0;
	}

	/** @type {Result[]} */
	const results = [];
	if (values.queue) {
		const report = (/** @type {string} */ name, /** @type {boolean} */ ok, /** @type {number} */ ms, /** @type {string | undefined} */ message) => {
			results.push({ app: 'queue', name, ok, ms, message });
			console.log(`${ok ? 'PASS' : 'FAIL'}  queue: ${name} ${secs(ms)}${message ? `: ${message.split('\n').join('\n      ')}` : ''}`);
		};
		const verbose = !!values.verbose;
		await runQueue({ tmp, tarball, sandbox, sandboxKey, children, cleanups, phase, verbose, report }).catch((error) => report('set-up', false, 0, error instanceof Error ? error.message : String(error)));
	}
	for (const app of values.queue ? [] : apps) {
		await runApp(app, { tmp, tarball, sandbox, sandboxKey, cases, results, verbose: !!values.verbose });
	}

	const passed = results.filter((r) => r.ok === true).length;
	const failed = results.filter((r) => r.ok === false).length;
	const skipped = results.filter((r) => r.ok === 'skip').length;
	console.log(`\ntimings: ${summary()}`);
	console.log(`total ${secs(Date.now() - total)}${skipped ? `; ${skipped} skipped` : ''}`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed > 0 || passed === 0 ? 1 : 0;
}

/**
 * Everything on one app: install/locate, user folder, imports, the workflows.
 * @param {string} app
 * @param {{ tmp: string, tarball: { file: string, name: string }, sandbox: any, sandboxKey: string, cases: Case[], results: Result[], verbose: boolean }} ctx
 */
async function runApp(app, ctx) {
	/** @param {Case} c @param {boolean | 'skip'} ok @param {number} ms @param {string} [message] @param {string} [label] */
	const report = (c, ok, ms, message, label = app) => {
		ctx.results.push({ app, name: c.name, ok, ms, message });
		const word = ok === 'skip' ? 'SKIP' : ok ? 'PASS' : 'FAIL';
		const text = (message ?? '').trim().replace(/\n\s*\n/g, '\n');
		const detail = text ? `: ${ok === false ? text.split('\n').join('\n      ') : text}` : '';
		console.log(`${word}  ${c.name} [${label}] ${secs(ms)}${detail}`);
	};
	let label = app;
	try {
		const inst = await prepareInstance({ app, base: path.join(ctx.tmp, app), tarball: ctx.tarball, children, verbose: ctx.verbose, phase });
		const { n8n } = inst;
		const n8nApp = { version: inst.version };
		label = inst.label;
		await phase(`${app}: import:credentials`, () => wf.importCredential(n8n, { baseUrl: ctx.sandbox.baseUrl, apiKey: ctx.sandboxKey }));

		/** @type {{ c: Case, expect: any, id: string, skip?: string }[]} */
		const runs = [];
		for (const [index, c] of ctx.cases.entries()) {
			let expect;
			try {
				expect = require(c.expectFile);
				if (typeof expect.check !== 'function') throw new Error(`${path.relative(REPO, c.expectFile)} exports no check()`);
			} catch (error) {
				report(c, false, 0, `cannot load its expectation: ${error instanceof Error ? error.message : error}`, label);
				continue;
			}
			const skip = typeof expect.skip === 'function' ? expect.skip({ n8nVersion: n8nApp.version, app }) : undefined;
			runs.push({ c, expect, id: wf.workflowId(index + 1), skip: skip ? String(skip) : undefined });
		}
		const toImport = runs.filter((r) => !r.skip);
		if (toImport.length) {
			await phase(`${app}: import:workflow (${toImport.length})`, () =>
				wf.importWorkflows(n8n, toImport.map((r) => wf.prepareWorkflow(JSON.parse(fs.readFileSync(r.c.file, 'utf8')), r.id))),
			);
		}
		for (const r of runs) {
			if (r.skip) {
				report(r.c, 'skip', 0, r.skip, label);
				continue;
			}
			const started = Date.now();
			try {
				ctx.sandbox.reset();
				if (r.expect.sandbox) ctx.sandbox.configure(r.expect.sandbox);
				const extra = { sandbox: ctx.sandbox, n8nVersion: n8nApp.version, app };
				if (typeof r.expect.setup === 'function') await r.expect.setup(extra);
				const { output } = await wf.executeWorkflow(n8n, r.id, `execute-${r.c.name.replace(/[^\w.-]+/g, '_')}`);
				await r.expect.check(output, extra);
				report(r.c, true, Date.now() - started, undefined, label);
			} catch (error) {
				report(r.c, false, Date.now() - started, error instanceof Error ? error.message : String(error), label);
			}
		}
	} catch (error) {
		// the app could not be set up: every workflow not yet reported fails on it
		const message = error instanceof Error ? error.message : String(error);
		console.log(`  ${app}: ${message}`);
		for (const c of ctx.cases) {
			if (!ctx.results.some((r) => r.app === app && r.name === c.name)) report(c, false, 0, `${app} not usable (see above)`, label);
		}
	}
}

main()
	.then(async (code) => {
		await cleanup();
		process.exit(code);
	})
	.catch(async (error) => {
		console.error(`e2e: ${error instanceof Error ? error.message : error}`);
		await cleanup();
		console.log('0 passed, 1 failed');
		process.exit(1);
	});
