// @ts-check
'use strict';

/**
 * What the e2e runs (the workflows with an expectation beside them, the apps under scripts/e2e/)
 * and the run on one app: the instance, the credential and workflow imports, then per workflow its
 * expectation's setup, `n8n execute` and check. One line per workflow.
 */

const fs = require('node:fs');
const path = require('node:path');
const n8nLib = require('./n8n');
const { executeWorkflow } = require('./run-output');
const { secs, messageOf } = require('../lib/proc');

const REPO = path.resolve(__dirname, '..', '..');

/**
 * @typedef {{ name: string, file: string, expectFile: string, rel: string }} Case rel: the workflow's
 *   repo-relative path, for messages
 * @typedef {{ app: string, name: string, ok: boolean | 'skip', ms: number, message?: string }} Result
 */

/**
 * Workflows with an expectation beside them: `<name>.workflow.json` or `<name>.json` next to
 * `<name>.expect.js`; `filters` keeps those whose name or path holds one of them.
 * @param {string[]} filters
 * @returns {Case[]}
 */
function discover(filters) {
	const dirs = [path.join(REPO, 'test', 'e2e-smoke'), path.join(__dirname, 'ai-tool'), path.join(REPO, 'examples')];
	const seen = new Set();
	const all = dirs.flatMap((dir) =>
		(fs.existsSync(dir) ? fs.readdirSync(dir) : [])
			.sort()
			.filter((entry) => entry.endsWith('.json'))
			.flatMap((entry) => {
				const name = entry.replace(/(\.workflow)?\.json$/, '');
				const c = { name, file: path.join(dir, entry), expectFile: path.join(dir, `${name}.expect.js`), rel: path.relative(REPO, path.join(dir, entry)) };
				if (fs.existsSync(c.expectFile)) return [c];
				if (dir.endsWith('examples')) console.log(`skip  ${c.rel}: no ${name}.expect.js beside it`);
				return [];
			}),
	);
	for (const c of all) {
		if (seen.has(c.name)) c.name = `${path.basename(path.dirname(c.file))}/${c.name}`;
		seen.add(c.name);
	}
	return filters.length ? all.filter((c) => filters.some((f) => c.name.includes(f) || c.rel.includes(f))) : all;
}

/** Apps under scripts/e2e/ (directories n8n-app* with a lockfile). */
const availableApps = () => fs.readdirSync(__dirname).filter((d) => /^n8n-app/.test(d) && fs.existsSync(path.join(__dirname, d, 'package-lock.json'))).sort();

/**
 * Everything on one app: install/locate, user folder, imports, the workflows.
 * @param {string} app
 * @param {{ tmp: string, tarball: { file: string, name: string }, sandbox: any, sandboxKey: string, cases: Case[], results: Result[], verbose: boolean,
 *   children: import('../lib/proc').Children, phase: <T>(name: string, fn: () => Promise<T>) => Promise<T> }} ctx
 */
async function runApp(app, ctx) {
	let label = app;
	/** @param {Case} c @param {boolean | 'skip'} ok @param {number} ms @param {string} [message] */
	const report = (c, ok, ms, message) => {
		ctx.results.push({ app, name: c.name, ok, ms, message });
		const text = (message ?? '').trim().replace(/\n\s*\n/g, '\n').split('\n').join('\n      ');
		console.log(`${ok === 'skip' ? 'SKIP' : ok ? 'PASS' : 'FAIL'}  ${c.name} [${label}] ${secs(ms)}${text ? `: ${text}` : ''}`);
	};
	try {
		const inst = await n8nLib.ensureApp(app, ctx);
		label = inst.label;
		const n8n = await n8nLib.makeInstance(inst, { base: path.join(ctx.tmp, app), tarball: ctx.tarball, children: ctx.children });
		const n8nVersion = inst.n8nApp.version;
		await ctx.phase(`${app}: import:credentials`, () => n8nLib.importCredential(n8n, { baseUrl: ctx.sandbox.baseUrl, apiKey: ctx.sandboxKey }));

		/** @type {{ c: Case, expect: any, id: string, skip?: string }[]} */
		const runs = [];
		for (const [index, c] of ctx.cases.entries()) {
			try {
				const expect = require(c.expectFile);
				if (typeof expect.check !== 'function') throw new Error(`${path.relative(REPO, c.expectFile)} exports no check()`);
				const skip = expect.skip?.({ n8nVersion, app });
				// an id n8n accepts (≤ 21 characters, like its nanoids)
				runs.push({ c, expect, id: `e2eWorkflow${String(index + 1).padStart(5, '0')}`, skip: skip ? String(skip) : undefined });
			} catch (error) {
				report(c, false, 0, `cannot load its expectation: ${messageOf(error)}`);
			}
		}
		const toImport = runs.filter((r) => !r.skip).map((r) => ({ id: r.id, workflow: JSON.parse(fs.readFileSync(r.c.file, 'utf8')) }));
		if (toImport.length) await ctx.phase(`${app}: import:workflow (${toImport.length})`, () => n8nLib.importWorkflows(n8n, toImport));
		for (const r of runs) {
			if (r.skip) {
				report(r.c, 'skip', 0, r.skip);
				continue;
			}
			const started = Date.now();
			try {
				ctx.sandbox.reset();
				if (r.expect.sandbox) ctx.sandbox.configure(r.expect.sandbox);
				const extra = { sandbox: ctx.sandbox, n8nVersion, app };
				await r.expect.setup?.(extra);
				const output = await executeWorkflow(n8n, r.id, `execute-${r.c.name.replace(/[^\w.-]+/g, '_')}`);
				await r.expect.check(output, extra);
				report(r.c, true, Date.now() - started);
			} catch (error) {
				report(r.c, false, Date.now() - started, messageOf(error));
			}
		}
	} catch (error) {
		// the app could not be set up: every workflow not yet reported fails on it
		console.log(`  ${app}: ${messageOf(error)}`);
		for (const c of ctx.cases) if (!ctx.results.some((r) => r.app === app && r.name === c.name)) report(c, false, 0, `${app} not usable (see above)`);
	}
}

module.exports = { discover, availableApps, runApp };
