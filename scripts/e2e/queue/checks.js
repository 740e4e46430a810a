// @ts-check
'use strict';

/**
 * The queue-mode checks. Each calls the production webhook on main and checks what users would
 * rely on: the webhook's answer (every customer, in input order), the execution n8n stored in
 * Postgres (status, the output items and their pairing to the input items), which worker ran it
 * (its log), and the requests the sandbox received. Each resolves with a line of figures, or throws.
 */

const assert = require('node:assert/strict');
const fs = require('node:fs');
const proc = require('../../lib/proc');
const { readLog } = require('../n8n');
const { NODES, customerOf, callWebhook, executions, executionItems, workerExecutions, taskRunnerNodes } = require('./workflow');

/**
 * @typedef {{ name: string, n8n: import('../n8n').N8nInstance, logFile: string, child?: import('node:child_process').ChildProcess }} QueueProcess
 * @typedef {{ pg: { query: (sql: string) => Promise<string> }, sandbox: any, appDir: string, nodeBin: string,
 *   main: QueueProcess, workers: QueueProcess[] }} Cx
 */

/** Requests the sandbox received, by method, e.g. "10 POST + 10 GET". @param {any} sandbox */
function requests(sandbox) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const e of sandbox.log.entries) counts[e.method] = (counts[e.method] ?? 0) + 1;
	return { counts, text: Object.entries(counts).map(([m, n]) => `${n} ${m}`).join(' + ') || 'no requests' };
}

/**
 * Calls the webhook for each body at once; returns the answers, the executions they made (once each
 * is finished in Postgres and in a worker's log) and the worker that ran each.
 * @param {Cx} cx
 * @param {{ prefix: string, count: number }[]} bodies
 * @param {QueueProcess[]} workers the workers that may run them
 * @param {'finished' | 'errored'} [end]
 */
async function callAll(cx, bodies, workers, end = 'finished') {
	const before = new Set((await executions(cx.pg)).map((e) => e.id));
	const started = Date.now();
	const answers = await Promise.all(bodies.map((body) => callWebhook(cx.main.n8n.port, body)));
	const ms = Date.now() - started;
	for (let until = Date.now() + 30_000; ; await proc.sleep(300)) {
		const made = (await executions(cx.pg)).filter((e) => !before.has(e.id));
		const logs = workers.map((w) => ({ name: w.name, ...workerExecutions(w.logFile) }));
		const ran = made.map((e) => logs.filter((w) => w.started.has(e.id) && w[end].has(e.id)).map((w) => w.name));
		if ((made.length >= bodies.length && made.every((e, i) => !/^(new|running)$/.test(e.status) && ran[i].length)) || Date.now() > until) {
			assert.equal(made.length, bodies.length, `expected ${bodies.length} new executions, found ${made.length}`);
			made.forEach((e, i) => assert.equal(ran[i].length, 1, `execution ${e.id}: started and ${end} by ${ran[i].join(', ') || 'no worker'}, expected one`));
			/** @type {Record<string, number>} */
			const perWorker = {};
			for (const [w] of ran) perWorker[w] = (perWorker[w] ?? 0) + 1;
			return { answers, made, by: ran.map(([w]) => w), perWorker, ms };
		}
	}
}

/**
 * Every call answered 200 with its customers in input order; every execution a success.
 * @param {Awaited<ReturnType<typeof callAll>>} run
 * @param {{ prefix: string, count: number }[]} bodies
 */
function checkAnswers(run, bodies) {
	bodies.forEach(({ prefix, count }, b) => {
		const answer = run.answers[b];
		assert.equal(answer.status, 200, `the webhook answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 400)}`);
		assert.ok(Array.isArray(answer.body), `the webhook's answer is not a list of items: ${JSON.stringify(answer.body).slice(0, 200)}`);
		assert.equal(answer.body.length, count, `expected ${count} profiles in the answer, got ${answer.body.length}`);
		answer.body.forEach((/** @type {any} */ item, /** @type {number} */ i) => {
			assert.deepEqual({ customerId: item.customerId, name: item.name, email: item.email }, customerOf(prefix, i), `answer item ${i} (in input order)`);
		});
	});
	for (const e of run.made) assert.equal(e.status, 'success', `execution ${e.id} has status ${e.status}`);
}

/**
 * 1 000 customers in one call; the stored execution (webhook mode, each node's items paired item i
 * → input i, the statuses) and the requests.
 * @param {Cx} cx @param {string} upsertStatus 'created' or 'updated' @param {Record<string, number>} expected
 */
async function thousand(cx, upsertStatus, expected) {
	cx.sandbox.log.clear();
	const bodies = [{ prefix: 'q', count: 1000 }];
	const run = await callAll(cx, bodies, cx.workers);
	checkAnswers(run, bodies);
	const [execution] = run.made;
	assert.equal(execution.mode, 'webhook');
	const items = await executionItems(cx.pg, execution.id, cx.appDir);
	for (const name of [NODES.upsert, NODES.get]) {
		assert.equal(items(name).length, 1000, `"${name}" stored ${items(name).length} items, expected 1000`);
		items(name).forEach((item, i) => {
			const paired = [item.pairedItem].flat().map((p) => (typeof p === 'number' ? p : p?.item));
			assert.deepEqual(paired, [i], `"${name}" item ${i} is paired to input item ${JSON.stringify(item.pairedItem)}`);
		});
	}
	const statuses = [...new Set(items(NODES.upsert).map((item) => item.json.status))];
	assert.deepEqual(statuses, [upsertStatus], `"${NODES.upsert}" statuses: ${statuses.join(', ')}`);
	const seen = requests(cx.sandbox);
	assert.deepEqual(seen.counts, expected, `requests: ${seen.text}`);
	return `execution ${execution.id} on ${run.by[0]}, ${run.answers[0].ms} ms; ${seen.text}`;
}

/** 1 000 new customers: 10 POST + 10 GET, on a worker, with its task runner on the e2e's Node. @param {Cx} cx */
async function newCustomers(cx) {
	cx.sandbox.reset();
	const figures = await thousand(cx, 'created', { POST: 10, GET: 10 });
	const runners = cx.workers.flatMap((w) => taskRunnerNodes(w.child?.pid));
	const nodeBin = fs.realpathSync(cx.nodeBin);
	assert.ok(runners.length > 0, 'no task runner process found under the workers (the Code node ran in one)');
	for (const bin of runners) assert.equal(bin, nodeBin, `a task runner runs on ${bin}, not on ${nodeBin}`);
	return `${figures}; task runners on ${nodeBin}`;
}

/** The same 1 000 again: 10 POST (all "already exists") + 10 PUT + 10 GET. @param {Cx} cx */
const existingCustomers = (cx) => thousand(cx, 'updated', { POST: 10, PUT: 10, GET: 10 });

/** `n` calls of 200 customers at once; each answer right; both workers ran some. @param {Cx} cx @param {number} n */
async function parallelCalls(cx, n) {
	cx.sandbox.reset();
	const bodies = Array.from({ length: n }, (_, i) => ({ prefix: `p${i}`, count: 200 }));
	const run = await callAll(cx, bodies, cx.workers);
	checkAnswers(run, bodies);
	assert.equal(Object.keys(run.perWorker).length, cx.workers.length, `not spread over the workers: ${JSON.stringify(run.perWorker)}`);
	const seen = requests(cx.sandbox);
	assert.deepEqual(seen.counts, { POST: 2 * n, GET: 2 * n }, `requests: ${seen.text}`);
	return `${n} × 200 items in ${run.ms} ms; per worker ${JSON.stringify(run.perWorker)}; ${seen.text}`;
}

/**
 * `calls` calls of `count` new customers at once, against a sandbox that answers 7020 to a
 * request over `limit` in any 1 s; the node is not told (Max Requests per Second 0): each
 * worker's governor learns the limit from its own throttles. ≤ 5 % answered 7020, every
 * execution a success, every profile stored.
 * @param {Cx} cx @param {{ limit: number, calls: number, count: number }} o
 */
async function rateLimited(cx, { limit, calls, count }) {
	cx.sandbox.reset();
	cx.sandbox.configure({ rateLimitPerSecond: limit, rateLimitWindow: 'sliding' });
	const bodies = Array.from({ length: calls }, (_, i) => ({ prefix: `r${i}`, count }));
	const run = await callAll(cx, bodies, cx.workers);
	const entries = cx.sandbox.log.entries;
	const t0 = entries[0]?.time ?? 0;
	const throttled = entries.filter((/** @type {any} */ e) => e.code === '7020');
	const spanS = ((entries.at(-1)?.time ?? 0) - t0) / 1000;
	const share = throttled.length / entries.length;
	const figures = [
		`R = ${limit}/s (sliding), ${calls} × ${count} customers (Create or Update + Get) on ${JSON.stringify(run.perWorker)}`,
		`${throttled.length} of ${entries.length} requests answered 7020 (${(100 * share).toFixed(1)} %, at ${throttled.map((/** @type {any} */ e) => ((e.time - t0) / 1000).toFixed(1)).join(', ') || '-'} s)`,
		`${((100 * (entries.length - throttled.length)) / spanS / limit).toFixed(0)} % of R from the first request to the last (${spanS.toFixed(1)} s)`,
		`wall time ${proc.secs(run.ms)} (ideal ${proc.secs((1000 * (entries.length - throttled.length)) / limit)})`,
	].join('; ');
	checkAnswers(run, bodies);
	assert.equal(cx.sandbox.store.counts.profiles, calls * count, `profiles stored (${figures})`);
	assert.ok(share <= 0.05, `over 5 % answered 7020: ${figures}`);
	return figures;
}

/** Main has the package, the only worker has not: the execution fails, nothing is sent. @param {Cx & { bare: QueueProcess }} cx */
async function workerWithoutPackage(cx) {
	cx.sandbox.reset();
	const run = await callAll(cx, [{ prefix: 'x', count: 5 }], [cx.bare], 'errored');
	const [answer] = run.answers;
	const [execution] = run.made;
	assert.notEqual(answer.status, 200, `the webhook answered 200: ${JSON.stringify(answer.body).slice(0, 300)}`);
	assert.equal(execution.status, 'error', `execution ${execution.id} has status ${execution.status}`);
	const message = readLog(cx.bare.logFile).find((l) => l.level === 'error' && l.message.includes(`(execution ${execution.id})`))?.message ?? '';
	assert.match(message, /^Unrecognized node type: n8n-nodes-imiconnect\.imiconnect/, `the worker's error: ${message || '(none)'}`);
	assert.equal(cx.sandbox.log.entries.length, 0, 'nothing reaches the API');
	return `HTTP ${answer.status}; execution ${execution.id} on ${cx.bare.name}: ${execution.status}, "${message}"; no requests`;
}

module.exports = { newCustomers, existingCustomers, parallelCalls, rateLimited, workerWithoutPackage };
