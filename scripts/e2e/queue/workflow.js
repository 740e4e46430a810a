// @ts-check
'use strict';

/**
 * The queue-mode workflow and how its runs are read: a Webhook (POST {prefix, count}) → a Code
 * node making `count` customers → IMIconnect Profile Create or Update → IMIconnect Profile Get;
 * the webhook answers with every item of the last node. The executions as n8n stored them are
 * read back from Postgres, and which worker ran each from the workers' logs.
 */

const fs = require('node:fs');
const path = require('node:path');
const { readLog } = require('../n8n');

const WEBHOOK_PATH = 'imiconnect-queue-e2e';
const WORKFLOW_ID = 'e2eQueueWorkflow01';
const NODES = { webhook: 'Webhook', make: 'Make customers', upsert: 'Create or update profiles', get: 'Get profiles' };

/** The customers the Code node makes for a body {prefix, count}; the checks expect the same. */
const customerOf = (/** @type {string} */ prefix, /** @type {number} */ i) => ({ customerId: `${prefix}-${i}`, name: `Customer ${i}`, email: `c${i}@${prefix}.example` });

function queueWorkflow() {
	const jsCode = `const { prefix, count } = $input.first().json.body;\nreturn Array.from({ length: count }, (_, i) => ({ json: (${customerOf})(prefix, i) }));`;
	const node = (/** @type {string} */ name, /** @type {string} */ type, /** @type {number} */ typeVersion, /** @type {any} */ parameters, /** @type {number} */ x) => ({
		id: `queue-e2e-${x}`,
		name,
		type,
		typeVersion,
		position: [x * 240, 0],
		parameters,
	});
	const imiconnect = 'n8n-nodes-imiconnect.imiconnect';
	const nodes = [
		{
			...node(NODES.webhook, 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, 0),
			webhookId: '6f1c2a1e-3b7d-4c55-9a0e-5d2f7e9c1b11',
		},
		node(NODES.make, 'n8n-nodes-base.code', 2, { jsCode }, 1),
		node(NODES.upsert, imiconnect, 1, { resource: 'profile', operation: 'upsert', customerId: '={{ $json.customerId }}', attributesMode: 'autoMap', options: {} }, 2),
		node(NODES.get, imiconnect, 1, { resource: 'profile', operation: 'get', customerId: '={{ $json.customerId }}', options: {} }, 3),
	];
	const link = (/** @type {string} */ to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		name: 'IMIconnect in queue mode (e2e)',
		nodes,
		connections: { [NODES.webhook]: link(NODES.make), [NODES.make]: link(NODES.upsert), [NODES.upsert]: link(NODES.get) },
	};
}

/** POSTs a JSON body to the production webhook on main. @param {number} port main's N8N_PORT @param {any} body */
async function callWebhook(port, body) {
	const started = Date.now();
	const res = await fetch(`http://127.0.0.1:${port}/webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(180_000),
	});
	const text = await res.text();
	/** @type {any} */
	let parsed = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON: kept as text for the message
	}
	return { status: res.status, body: parsed, ms: Date.now() - started };
}

/**
 * Waits until main has registered the published workflow's webhook (some time after it reports
 * ready). Probed with GET, which runs nothing: once the POST webhook exists, n8n answers that this
 * path takes POST instead of "not registered".
 * @param {number} port
 */
async function waitForWebhook(port, timeoutMs = 60_000) {
	const until = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < until) {
		last = await fetch(`http://127.0.0.1:${port}/webhook/${WEBHOOK_PATH}`, { signal: AbortSignal.timeout(2000) }).then((r) => r.text(), (e) => String(e));
		if (/POST/.test(last)) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`the webhook was not registered within ${timeoutMs / 1000} s: ${last.slice(0, 300)}`);
}

/** The executions n8n stored, oldest first. @param {{ query: (sql: string) => Promise<string> }} pg */
async function executions(pg) {
	const rows = await pg.query('select id, status, mode from execution_entity order by id');
	return rows
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [id, status, mode] = line.split('\t');
			return { id, status, mode };
		});
}

/**
 * A node's output items (json and pairedItem, last run) in a stored execution: n8n stores its data
 * in `flatted` form, parsed here with the app's own flatted.
 * @param {{ query: (sql: string) => Promise<string> }} pg
 * @param {string} id
 * @param {string} appDir where the n8n app is installed
 * @returns {Promise<(nodeName: string) => { json: any, pairedItem: any }[]>}
 */
async function executionItems(pg, id, appDir) {
	const text = await pg.query(`select data from execution_data where "executionId" = ${Number(id)}`);
	const { parse } = require(require.resolve('flatted', { paths: [path.join(appDir, 'node_modules', 'n8n')] }));
	const data = parse(text.replace(/\n$/, ''));
	return (nodeName) => data?.resultData?.runData?.[nodeName]?.at(-1)?.data?.main?.[0] ?? [];
}

/** The ids of the executions a worker's log says it started, finished, or errored while running. @param {string} logFile */
function workerExecutions(logFile) {
	/** @type {Record<'started' | 'finished' | 'errored', Set<string>>} */
	const ids = { started: new Set(), finished: new Set(), errored: new Set() };
	for (const { message } of readLog(logFile)) {
		const m = /^Worker (started|finished|errored) (?:while running )?execution (\d+)/.exec(message);
		if (m) ids[/** @type {'started' | 'finished' | 'errored'} */ (m[1])].add(m[2]);
	}
	return ids;
}

/**
 * The Node binary each task runner in a process group runs on (read from /proc): the runners are
 * started with the `node` found on the process's PATH.
 * @param {number | undefined} group the process group (the n8n process's pid)
 */
function taskRunnerNodes(group) {
	if (!group || !fs.existsSync('/proc')) return [];
	return fs.readdirSync('/proc').flatMap((pid) => {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
			const runner = pgrp === group && Number(pid) !== group && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('task-runner');
			return runner ? [fs.readlinkSync(`/proc/${pid}/exe`)] : [];
		} catch {
			return []; // not a process, gone meanwhile, or not ours to read
		}
	});
}

module.exports = { WORKFLOW_ID, NODES, customerOf, queueWorkflow, callWebhook, waitForWebhook, executions, executionItems, workerExecutions, taskRunnerNodes };
