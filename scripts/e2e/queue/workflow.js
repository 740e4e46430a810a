// @ts-check
'use strict';

/**
 * The queue-mode workflow and how its runs are read: a Webhook (POST {prefix, count}) → a Code
 * node making `count` customers → IMIconnect Profile Create or Update → IMIconnect Profile Get;
 * the webhook answers with every item of the last node. The execution as n8n stored it is read
 * back from Postgres.
 */

const http = require('node:http');
const path = require('node:path');

const WEBHOOK_PATH = 'imiconnect-queue-e2e';
const WORKFLOW_ID = 'e2eQueueWorkflow01';
const NODES = { webhook: 'Webhook', make: 'Make customers', upsert: 'Create or update profiles', get: 'Get profiles' };

/** The customers the Code node makes for a body {prefix, count}; the checks expect the same. */
const customerOf = (/** @type {string} */ prefix, /** @type {number} */ i) => ({ customerId: `${prefix}-${i}`, name: `Customer ${i}`, email: `c${i}@${prefix}.example` });

function queueWorkflow() {
	const node = (/** @type {string} */ name, /** @type {string} */ type, /** @type {number} */ typeVersion, /** @type {any} */ parameters, /** @type {number} */ x) => ({
		id: `queue-e2e-${x}`,
		name,
		type,
		typeVersion,
		position: [x * 240, 0],
		parameters,
	});
	const nodes = [
		{
			...node(NODES.webhook, 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, 0),
			webhookId: '6f1c2a1e-3b7d-4c55-9a0e-5d2f7e9c1b11',
		},
		node(
			NODES.make,
			'n8n-nodes-base.code',
			2,
			{
				jsCode: [
					'const { prefix, count } = $input.first().json.body;',
					'return Array.from({ length: count }, (_, i) => ({',
					'  json: { customerId: `${prefix}-${i}`, name: `Customer ${i}`, email: `c${i}@${prefix}.example` },',
					'}));',
				].join('\n'),
			},
			1,
		),
		node(NODES.upsert, 'n8n-nodes-imiconnect.imiconnect', 1, { resource: 'profile', operation: 'upsert', customerId: '={{ $json.customerId }}', attributesMode: 'autoMap', options: {} }, 2),
		node(NODES.get, 'n8n-nodes-imiconnect.imiconnect', 1, { resource: 'profile', operation: 'get', customerId: '={{ $json.customerId }}', options: {} }, 3),
	];
	const link = (/** @type {string} */ to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		name: 'IMIconnect in queue mode (e2e)',
		nodes,
		connections: { [NODES.webhook]: link(NODES.make), [NODES.make]: link(NODES.upsert), [NODES.upsert]: link(NODES.get) },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * POSTs a JSON body to the production webhook on main.
 * @param {number} port main's N8N_PORT
 * @param {any} body
 * @returns {Promise<{ status: number, body: any, ms: number }>}
 */
function callWebhook(port, body) {
	const payload = JSON.stringify(body);
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: `/webhook/${WEBHOOK_PATH}`,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
				timeout: 180_000,
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => {
					let parsed = text;
					try {
						parsed = JSON.parse(text);
					} catch {
						// not JSON: kept as text for the message
					}
					resolve({ status: res.statusCode ?? 0, body: parsed, ms: Date.now() - started });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error('the webhook did not answer within 180 s')));
		req.on('error', reject);
		req.end(payload);
	});
}

/**
 * Waits until main has registered the published workflow's webhook (some time after it reports
 * ready). Probed with GET, which runs nothing: once the POST webhook exists, n8n answers that
 * this path takes POST instead of "not registered".
 * @param {number} port
 */
async function waitForWebhook(port, timeoutMs = 60_000) {
	const until = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < until) {
		last = await new Promise((resolve) => {
			const req = http.get({ host: '127.0.0.1', port, path: `/webhook/${WEBHOOK_PATH}`, timeout: 2000 }, (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => resolve(`${res.statusCode} ${text}`));
			});
			req.on('error', (error) => resolve(error.message));
			req.on('timeout', () => req.destroy());
		});
		if (/POST/.test(last)) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`the webhook was not registered within ${timeoutMs / 1000} s: ${last.slice(0, 300)}`);
}

/**
 * The executions n8n stored, oldest first.
 * @param {{ query: (sql: string) => Promise<string> }} pg
 * @returns {Promise<{ id: string, status: string, mode: string, finished: boolean }[]>}
 */
async function executions(pg) {
	const rows = await pg.query('select id, status, mode, finished from execution_entity order by id');
	return rows
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [id, status, mode, finished] = line.split('\t');
			return { id, status, mode, finished: finished === 't' };
		});
}

/**
 * One stored execution's data (n8n stores it in `flatted` form), parsed with the app's own flatted.
 * @param {{ query: (sql: string) => Promise<string> }} pg
 * @param {string} id
 * @param {string} appDir where the n8n app is installed
 */
async function executionData(pg, id, appDir) {
	const text = await pg.query(`select data from execution_data where "executionId" = ${Number(id)}`);
	const { parse } = require(require.resolve('flatted', { paths: [path.join(appDir, 'node_modules', 'n8n')] }));
	return parse(text.replace(/\n$/, ''));
}

/**
 * A node's output items (json and pairedItem) in a stored execution, last run.
 * @param {any} data
 * @param {string} nodeName
 * @returns {{ json: any, pairedItem: any }[]}
 */
function nodeItems(data, nodeName) {
	const runs = data?.resultData?.runData?.[nodeName] ?? [];
	const last = runs[runs.length - 1];
	return last?.data?.main?.[0] ?? [];
}

module.exports = { WORKFLOW_ID, WEBHOOK_PATH, NODES, customerOf, queueWorkflow, callWebhook, waitForWebhook, executions, executionData, nodeItems };
