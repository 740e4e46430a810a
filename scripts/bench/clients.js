// @ts-check
'use strict';

/**
 * The benchmark's items and clients. Plain clients (no n8n) build their bodies from the items and parse
 * every answer, as any real client must, and count the answers that did not say success:
 *   (a) per item: one request per item, sequentially (fetch, keep-alive) — what n8n's HTTP Request node amounts to;
 *   (b) batched: ⌈N/100⌉ requests of up to 100 records or IDs at a concurrency — the physical limit;
 *   (b′) as (b), each request over a new connection (a new agent, no keep-alive), as n8n's helper does (WAN);
 *   (c) the node in n8n's engine (scripts/lib/engine.js runNode), its output checked.
 */

/** @typedef {'create' | 'update' | 'upsert' | 'get' | 'delete'} Operation */

/**
 * @typedef {object} BenchItem
 * @property {string} customerId
 * @property {string} name
 * @property {string} email
 * @property {number} msisdn
 * @property {boolean} sms
 * @property {boolean} voice
 * @property {string} city
 * @property {string} country
 */

/** @typedef {{ customerId: string, Attributes: Record<string, string> }} ApiRecord */

/**
 * @typedef {object} ClientRun
 * @property {number} requests requests this client sent
 * @property {number} failures records or IDs the API did not report as done / found
 */

const https = require('node:https');

const BATCH = 100;

/**
 * N master-profile items, every field an attribute of the sandbox's default tenant.
 * @param {number} n
 * @returns {BenchItem[]}
 */
function makeItems(n) {
	/** @type {BenchItem[]} */
	const items = new Array(n);
	for (let i = 0; i < n; i++) {
		const id = String(i).padStart(6, '0');
		items[i] = {
			customerId: `bench-${id}`,
			name: `Customer ${id}`,
			email: `customer.${id}@example.com`,
			msisdn: 447700000000 + i,
			sms: i % 2 === 0,
			voice: i % 3 === 0,
			city: i % 2 === 0 ? 'London' : 'Bristol',
			country: 'GB',
		};
	}
	return items;
}

/**
 * An item as the API wants it: every field an attribute, as text (numbers as digits, booleans as
 * "1"/"0") — the same record the node sends for Attributes = Map Automatically.
 * @param {BenchItem} item
 * @returns {ApiRecord}
 */
function toRecord(item) {
	/** @type {Record<string, string>} */
	const Attributes = {};
	for (const [name, value] of Object.entries(item)) {
		if (value === null || value === undefined) continue;
		Attributes[name] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
	}
	return { customerId: item.customerId, Attributes };
}

/**
 * @param {string[]} ids
 * @returns {string}
 */
function idQuery(ids) {
	return ids.map((id) => `customerId=${encodeURIComponent(id)}`).join('&');
}

/**
 * One request of `op` for `batch` items: method, path after the base URL, body.
 * Create or Update on records that do not exist yet is a create: one POST.
 * @param {Operation} op
 * @param {BenchItem[]} batch
 * @returns {{ method: string, path: string, body: string | undefined }}
 */
function requestFor(op, batch) {
	switch (op) {
		case 'create':
		case 'upsert':
			return { method: 'POST', path: '/customerprofile', body: JSON.stringify({ Records: batch.map(toRecord) }) };
		case 'update':
			return { method: 'PUT', path: '/customerprofile', body: JSON.stringify({ Records: batch.map(toRecord) }) };
		case 'get':
			return {
				method: 'GET',
				path: `/customerprofile?${idQuery(batch.map((item) => item.customerId))}&showinwardlinks=0`,
				body: undefined,
			};
		case 'delete':
			return { method: 'DELETE', path: `/customerprofile?${idQuery(batch.map((item) => item.customerId))}`, body: undefined };
		default:
			throw new Error(`unknown operation ${String(op)}`);
	}
}

/**
 * How many of the batch's records or IDs the answer does not report as done (writes) or found (get).
 * @param {Operation} op
 * @param {number} size
 * @param {any} body
 * @returns {number}
 */
function failuresIn(op, size, body) {
	if (op === 'get') {
		const records = body && Array.isArray(body.Records) ? body.Records.length : 0;
		return body && body.code === '1000' ? size - Math.min(size, records) : size;
	}
	if (!body || body.code !== '1000') return size;
	return size - Math.min(size, Number(body.SuccessCount ?? 0));
}

/**
 * Sends one request and parses its answer.
 * @param {{ baseUrl: string, key: string }} target
 * @param {Operation} op
 * @param {BenchItem[]} batch
 * @returns {Promise<number>} failures
 */
async function send(target, op, batch) {
	const { method, path, body } = requestFor(op, batch);
	/** @type {Record<string, string>} */
	const headers = { key: target.key, accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(target.baseUrl + path, { method, headers, body });
	const json = await response.json();
	return failuresIn(op, batch.length, json);
}

/**
 * Sends one request over a new connection (a new agent without keep-alive, so a new TCP connection
 * and a full TLS handshake each time, like n8n-core's helper) and parses its answer.
 * @param {{ baseUrl: string, key: string }} target
 * @param {Operation} op
 * @param {BenchItem[]} batch
 * @returns {Promise<number>} failures
 */
async function sendOverNewConnection(target, op, batch) {
	// A connection lost before the answer (the proxy or the machine hiccuped) is tried again, as the
	// node's transport does; each retry is counted, so the run reports it.
	for (let attempt = 0; ; attempt++) {
		try {
			return await sendOnce(target, op, batch);
		} catch (error) {
			const code = /** @type {{ code?: string }} */ (error).code;
			if (attempt >= 2 || !/^E[A-Z_]+$/.test(code ?? '')) throw error;
			connectionRetries.count++;
		}
	}
}

/** Requests of (b′) sent again after a lost connection, since the start. */
const connectionRetries = { count: 0 };

/**
 * @param {{ baseUrl: string, key: string }} target
 * @param {Operation} op
 * @param {BenchItem[]} batch
 * @returns {Promise<number>} failures
 */
function sendOnce(target, op, batch) {
	const { method, path, body } = requestFor(op, batch);
	/** @type {Record<string, string>} */
	const headers = { key: target.key, accept: 'application/json' };
	if (body !== undefined) {
		headers['content-type'] = 'application/json';
		headers['content-length'] = String(Buffer.byteLength(body));
	}
	return new Promise((resolve, reject) => {
		const request = https.request(target.baseUrl + path, { method, headers, agent: new https.Agent() }, (response) => {
			/** @type {Buffer[]} */
			const chunks = [];
			response.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
			response.on('error', reject);
			response.on('end', () => {
				try {
					resolve(failuresIn(op, batch.length, JSON.parse(Buffer.concat(chunks).toString('utf8'))));
				} catch (error) {
					reject(error);
				}
			});
		});
		request.on('error', reject);
		request.end(body);
	});
}

/**
 * (a) One request per item, one after the other.
 * @param {{ baseUrl: string, key: string }} target
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @returns {Promise<ClientRun>}
 */
async function perItem(target, op, items) {
	let failures = 0;
	for (const item of items) failures += await send(target, op, [item]);
	return { requests: items.length, failures };
}

/**
 * (b) Batches of up to 100, `concurrency` requests in flight at once; (b′) with `sendOverNewConnection`.
 * @param {{ baseUrl: string, key: string }} target
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {number} concurrency
 * @param {typeof send} [sender]
 * @returns {Promise<ClientRun>}
 */
async function batched(target, op, items, concurrency, sender = send) {
	const count = Math.ceil(items.length / BATCH);
	let next = 0;
	let failures = 0;
	const worker = async () => {
		for (;;) {
			const index = next++;
			if (index >= count) return;
			failures += await sender(target, op, items.slice(index * BATCH, (index + 1) * BATCH));
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return { requests: count, failures };
}


/** The status every output item of a write carries. */
const DONE = /** @type {Record<Operation, string | undefined>} */ ({ create: 'created', update: 'updated', upsert: 'created', delete: 'deleted', get: undefined });

/**
 * The node's parameters for a Profile operation; concurrency 0 = not set (Auto, the default).
 * @param {Operation} op
 * @param {number} concurrency
 * @param {number} [maxRequestsPerSecond] the tenant's limit, told to the node (0 / undefined: not told)
 * @returns {import('n8n-workflow').INodeParameters}
 */
function nodeParameters(op, concurrency, maxRequestsPerSecond) {
	/** @type {import('n8n-workflow').INodeParameters} */
	const parameters = { resource: 'profile', operation: op };
	if (op === 'create' || op === 'update' || op === 'upsert') parameters.attributesMode = 'autoMap';
	if (op === 'get') parameters.showInwardLinks = 0;
	/** @type {Record<string, number>} */
	const options = {};
	if (concurrency > 0) options.concurrency = concurrency;
	if (maxRequestsPerSecond) options.maxRequestsPerSecond = maxRequestsPerSecond;
	parameters.options = options;
	return parameters;
}

/**
 * (c) One run of the node; failures = items not done (missing, error output, an error or a wrong status).
 * @param {{ baseUrl: string, key: string }} target
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {number} concurrency
 * @param {number} [maxRequestsPerSecond]
 */
async function runNodeOn(target, op, items, concurrency, maxRequestsPerSecond) {
	const { runNode, sandboxCredentials } = require('../lib/engine');
	const result = await runNode({
		parameters: nodeParameters(op, concurrency, maxRequestsPerSecond),
		items: /** @type {any} */ (items),
		credentials: sandboxCredentials(target.baseUrl, target.key),
	});
	const done = DONE[op];
	let failures = result.error ? items.length : Math.max(0, items.length - result.items.length - result.errorItems.length) + result.errorItems.length;
	if (!result.error) {
		for (const item of result.items) if (item.json.error !== undefined || (done !== undefined && item.json.status !== done)) failures++;
	}
	return { result, failures, outputItems: result.items.length };
}

module.exports = { makeItems, perItem, batched, sendOverNewConnection, connectionRetries, runNodeOn };
