// @ts-check
'use strict';

/**
 * The queue-mode checks. Each calls the production webhook on main and checks what users would
 * rely on: the webhook's answer (every customer, in input order), the execution n8n stored in
 * Postgres (status, the output items and their pairing to the input items), which worker ran it
 * (its log), and the requests the sandbox received (⌈N/100⌉ per operation). Each resolves with a
 * line of figures, or throws.
 */

const assert = require('node:assert/strict');
const fs = require('node:fs');
const proc = require('../../lib/proc');
const { readLog } = require('../n8n-command');
const { workerExecutions, taskRunnerNodes } = require('./cluster');
const { NODES, customerOf, callWebhook, executions, executionData, nodeItems } = require('./workflow');

/**
 * @typedef {{ pg: { query: (sql: string) => Promise<string> }, sandbox: any, appDir: string, nodeBin: string,
 *   main: import('./cluster').QueueProcess, workers: import('./cluster').QueueProcess[] }} Cx
 */

/** Requests the sandbox received, by method (profile API only). @param {any} sandbox */
function requestsByMethod(sandbox) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const e of sandbox.log.entries) counts[e.method] = (counts[e.method] ?? 0) + 1;
	return counts;
}

/** @param {Record<string, number>} counts */
const describeRequests = (counts) =>
	Object.entries(counts)
		.map(([m, n]) => `${n} ${m}`)
		.join(' + ') || 'no requests';

/**
 * Calls the webhook for each body at once; returns the answers and the executions they made, once
 * every one of those is finished in Postgres and in a worker's log.
 * @param {Cx} cx
 * @param {{ prefix: string, count: number }[]} bodies
 * @param {import('./cluster').QueueProcess[]} workers the workers that may run them
 */
async function callAll(cx, bodies, workers) {
	const before = new Set((await executions(cx.pg)).map((e) => e.id));
	const answers = await Promise.all(bodies.map((body) => callWebhook(cx.main.port, body)));
	const until = Date.now() + 30_000;
	for (;;) {
		const made = (await executions(cx.pg)).filter((e) => !before.has(e.id));
		const byWorker = workers.map((w) => ({ worker: w.name, ...workerExecutions(w) }));
		const done = made.filter((e) => e.status !== 'new' && e.status !== 'running' && byWorker.some((w) => w.finished.has(e.id) || w.errored.has(e.id)));
		if ((made.length >= bodies.length && done.length === made.length) || Date.now() > until) return { answers, made, byWorker };
		await proc.sleep(300);
	}
}

/**
 * The checks shared by every successful run of `count` customers under `prefix`.
 * @param {{ status: number, body: any }} answer
 * @param {string} prefix
 * @param {number} count
 */
function checkAnswer(answer, prefix, count) {
	assert.equal(answer.status, 200, `the webhook answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 400)}`);
	assert.ok(Array.isArray(answer.body), `the webhook's answer is not a list of items: ${JSON.stringify(answer.body).slice(0, 200)}`);
	assert.equal(answer.body.length, count, `expected ${count} profiles in the answer, got ${answer.body.length}`);
	answer.body.forEach((/** @type {any} */ item, /** @type {number} */ i) => {
		const want = customerOf(prefix, i);
		assert.deepEqual({ customerId: item.customerId, name: item.name, email: item.email }, want, `answer item ${i} (in input order)`);
	});
}

/**
 * The stored execution: success, run in webhook mode, the node outputs paired item i → input i.
 * @param {Cx} cx
 * @param {{ id: string, status: string, mode: string }} execution
 * @param {number} count
 * @param {string} upsertStatus 'created' or 'updated'
 */
async function checkStored(cx, execution, count, upsertStatus) {
	assert.equal(execution.status, 'success', `execution ${execution.id} has status ${execution.status}`);
	assert.equal(execution.mode, 'webhook');
	const data = await executionData(cx.pg, execution.id, cx.appDir);
	for (const name of [NODES.upsert, NODES.get]) {
		const items = nodeItems(data, name);
		assert.equal(items.length, count, `"${name}" stored ${items.length} items, expected ${count}`);
		items.forEach((item, i) => {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem];
			assert.deepEqual(paired.map((p) => (typeof p === 'number' ? p : p?.item)), [i], `"${name}" item ${i} is paired to input item ${JSON.stringify(item.pairedItem)}`);
		});
	}
	const statuses = new Set(nodeItems(data, NODES.upsert).map((item) => item.json.status));
	assert.deepEqual([...statuses], [upsertStatus], `"${NODES.upsert}" statuses: ${[...statuses].join(', ')}`);
}

/**
 * Which worker ran each execution (its log says it started it and then finished it, or errored).
 * @param {{ made: { id: string }[], byWorker: ({ worker: string } & Record<'started' | 'finished' | 'errored', Set<string>>)[] }} run
 * @param {'finished' | 'errored'} [end]
 */
function workerOf(run, end = 'finished') {
	/** @type {Record<string, string>} */
	const by = {};
	for (const e of run.made) {
		/** @type {{ worker: string }[]} */
		const w = run.byWorker.filter((x) => x.started.has(e.id) && x[end].has(e.id));
		assert.equal(w.length, 1, `execution ${e.id}: started and ${end} by ${w.length} workers (${w.map((x) => x.worker).join(', ') || 'none'}), expected one`);
		by[e.id] = w[0].worker;
	}
	return by;
}

/** @param {Cx} cx @param {string} prefix @param {string} upsertStatus @param {Record<string, number>} expected */
async function thousand(cx, prefix, upsertStatus, expected) {
	cx.sandbox.log.clear();
	const run = await callAll(cx, [{ prefix, count: 1000 }], cx.workers);
	checkAnswer(run.answers[0], prefix, 1000);
	assert.equal(run.made.length, 1, `expected 1 new execution, found ${run.made.length}`);
	const worker = workerOf(run)[run.made[0].id];
	await checkStored(cx, run.made[0], 1000, upsertStatus);
	const requests = requestsByMethod(cx.sandbox);
	assert.deepEqual(requests, expected, `requests: ${describeRequests(requests)}`);
	return { run, worker, requests };
}

/** 1 000 new customers: 10 POST + 10 GET, on a worker, with its task runner on the e2e's Node. @param {Cx} cx */
async function newCustomers(cx) {
	cx.sandbox.reset();
	const { run, worker, requests } = await thousand(cx, 'q', 'created', { POST: 10, GET: 10 });
	const runners = cx.workers.flatMap(taskRunnerNodes);
	const nodeBin = fs.realpathSync(cx.nodeBin);
	assert.ok(runners.length > 0, 'no task runner process found under the workers (the Code node ran in one)');
	for (const bin of runners) assert.equal(bin, nodeBin, `a task runner runs on ${bin}, not on ${nodeBin}`);
	return `execution ${run.made[0].id} on ${worker}, ${run.answers[0].ms} ms; ${describeRequests(requests)}; task runners on ${nodeBin}`;
}

/** The same 1 000 again: 10 POST (all "already exists") + 10 PUT + 10 GET. @param {Cx} cx */
async function existingCustomers(cx) {
	const { run, worker, requests } = await thousand(cx, 'q', 'updated', { POST: 10, PUT: 10, GET: 10 });
	return `execution ${run.made[0].id} on ${worker}, ${run.answers[0].ms} ms; ${describeRequests(requests)}`;
}

/** `n` calls of 200 customers at once; each answer right; both workers ran some. @param {Cx} cx @param {number} n */
async function parallelCalls(cx, n) {
	cx.sandbox.reset();
	const bodies = Array.from({ length: n }, (_, i) => ({ prefix: `p${i}`, count: 200 }));
	const started = Date.now();
	const run = await callAll(cx, bodies, cx.workers);
	const ms = Date.now() - started;
	bodies.forEach((b, i) => checkAnswer(run.answers[i], b.prefix, b.count));
	assert.equal(run.made.length, n, `expected ${n} new executions, found ${run.made.length}`);
	const by = workerOf(run);
	for (const e of run.made) assert.equal(e.status, 'success', `execution ${e.id}: ${e.status}`);
	/** @type {Record<string, number>} */
	const perWorker = Object.fromEntries(cx.workers.map((w) => [w.name, 0]));
	for (const name of Object.values(by)) perWorker[name]++;
	const idle = Object.entries(perWorker).filter(([, k]) => k === 0);
	assert.equal(idle.length, 0, `not spread over the workers: ${JSON.stringify(perWorker)}`);
	const requests = requestsByMethod(cx.sandbox);
	assert.deepEqual(requests, { POST: 2 * n, GET: 2 * n }, `requests: ${describeRequests(requests)}`);
	return `${n} × 200 items in ${ms} ms; per worker ${Object.entries(perWorker).map(([w, k]) => `${w} ${k}`).join(', ')}; ${describeRequests(requests)}`;
}

/** Main has the package, the only worker has not: the execution fails, nothing is sent. @param {Cx & { bare: import('./cluster').QueueProcess }} cx */
async function workerWithoutPackage(cx) {
	cx.sandbox.reset();
	const run = await callAll(cx, [{ prefix: 'x', count: 5 }], [cx.bare]);
	const answer = run.answers[0];
	assert.notEqual(answer.status, 200, `the webhook answered 200: ${JSON.stringify(answer.body).slice(0, 300)}`);
	assert.equal(run.made.length, 1, `expected 1 new execution, found ${run.made.length}`);
	const execution = run.made[0];
	assert.equal(workerOf(run, 'errored')[execution.id], cx.bare.name);
	assert.equal(execution.status, 'error', `execution ${execution.id} has status ${execution.status}`);
	const logged = readLog(cx.bare.logFile).find((l) => l.level === 'error' && l.message.includes(`(execution ${execution.id})`));
	const message = logged?.message ?? '';
	assert.match(message, /^Unrecognized node type: n8n-nodes-imiconnect\.imiconnect/, `the worker's error: ${message || '(none)'}`);
	assert.equal(cx.sandbox.log.entries.length, 0, 'nothing reaches the API');
	return `HTTP ${answer.status}; execution ${execution.id} on ${cx.bare.name}: ${execution.status}, "${message}"; no requests`;
}

module.exports = { newCustomers, existingCustomers, parallelCalls, workerWithoutPackage };
