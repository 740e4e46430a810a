// @ts-check
'use strict';

/**
 * The workflows on one n8n app: the instance, the credential and workflow imports, then per
 * workflow its expectation's setup, `n8n execute` and check. One line per workflow.
 */

const fs = require('node:fs');
const path = require('node:path');

const { prepareInstance } = require('./instance');
const wf = require('./workflows');
const { executeWorkflow } = require('./run-output');
const { secs } = require('../lib/proc');

const REPO = path.resolve(__dirname, '..', '..');

/**
 * @typedef {import('./cases').Case} Case
 * @typedef {{ app: string, name: string, ok: boolean | 'skip', ms: number, message?: string }} Result
 */

/**
 * Everything on one app: install/locate, user folder, imports, the workflows.
 * @param {string} app
 * @param {{ tmp: string, tarball: { file: string, name: string }, sandbox: any, sandboxKey: string, cases: Case[], results: Result[], verbose: boolean,
 *   children: Set<import('node:child_process').ChildProcess>, phase: (name: string, fn: () => Promise<any>) => Promise<any> }} ctx
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
		const inst = await prepareInstance({ app, base: path.join(ctx.tmp, app), tarball: ctx.tarball, children: ctx.children, verbose: ctx.verbose, phase: ctx.phase });
		const { n8n } = inst;
		const n8nApp = { version: inst.version };
		label = inst.label;
		await ctx.phase(`${app}: import:credentials`, () => wf.importCredential(n8n, { baseUrl: ctx.sandbox.baseUrl, apiKey: ctx.sandboxKey }));

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
			await ctx.phase(`${app}: import:workflow (${toImport.length})`, () =>
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
				const { output } = await executeWorkflow(n8n, r.id, `execute-${r.c.name.replace(/[^\w.-]+/g, '_')}`);
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

module.exports = { runApp };
