// @ts-check
'use strict';

/**
 * The benchmark's items and clients. Plain clients (no n8n) build their bodies from the items and parse
 * every answer, as any real client must, and count the records not reported done (a benchmark of
 * failures would be meaningless):
 *   (a) per item: one request per item, sequentially (fetch, keep-alive) — what n8n's HTTP Request node amounts to;
 *   (b) batched: ⌈N/100⌉ requests of up to 100 records or IDs at a concurrency — the physical limit;
 *   (b′) as (b), each request over a new connection (a new agent, no keep-alive), as n8n's helper does (WAN);
 *   (c) the node in n8n's engine (scripts/lib/engine.js runNode), its output checked.
 */

const https = require('node:https');

/**
 * @typedef {'create' | 'update' | 'upsert' | 'get' | 'delete'} Operation
 * @typedef {{ customerId: string, name: string, email: string, msisdn: number, sms: boolean, voice: boolean, city: string, country: string }} BenchItem
 * @typedef {{ baseUrl: string, key: string }} Target
 */

const BATCH = 100;

/**
 * N master-profile items (~172 bytes of JSON each), every field an attribute of the sandbox's default tenant.
 * @param {number} n
 * @returns {BenchItem[]}
 */
function makeItems(n) {
	return Array.from({ length: n }, (_, i) => {
		const id = String(i).padStart(6, '0');
		return {
			customerId: `bench-${id}`,
			name: `Customer ${id}`,
			email: `customer.${id}@example.com`,
			msisdn: 447700000000 + i,
			sms: i % 2 === 0,
			voice: i % 3 === 0,
			city: i % 2 === 0 ? 'London' : 'Bristol',
			country: 'GB',
		};
	});
}

/**
 * The record the node sends for Attributes = Map Automatically: every field as text (booleans "1"/"0").
 * @param {BenchItem} item
 */
function toRecord(item) {
	/** @type {Record<string, string>} */
	const Attributes = {};
	for (const [name, value] of Object.entries(item)) Attributes[name] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
	return { customerId: item.customerId, Attributes };
}

/**
 * One request of `op` for `batch`: method, URL, headers, body. Create or Update on records that do not
 * exist yet is a create: one POST.
 * @param {Target} target
 * @param {Operation} op
 * @param {BenchItem[]} batch
 */
function requestFor(target, op, batch) {
	const ids = batch.map((item) => `customerId=${encodeURIComponent(item.customerId)}`).join('&');
	const write = op === 'create' || op === 'upsert' || op === 'update';
	const body = write ? JSON.stringify({ Records: batch.map(toRecord) }) : undefined;
	const path = write ? '/customerprofile' : op === 'get' ? `/customerprofile?${ids}&showinwardlinks=0` : `/customerprofile?${ids}`;
	/** @type {Record<string, string>} */
	const headers = { key: target.key, accept: 'application/json' };
	if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
	const method = { create: 'POST', upsert: 'POST', update: 'PUT', get: 'GET', delete: 'DELETE' }[op];
	return { method, url: target.baseUrl + path, headers, body };
}

/**
 * Records or IDs of the batch the answer does not report as done (writes) or found (get).
 * @param {Operation} op
 * @param {number} size
 * @param {any} body
 */
function failuresIn(op, size, body) {
	if (!body || body.code !== '1000') return size;
	if (op === 'get') return size - Math.min(size, Array.isArray(body.Records) ? body.Records.length : 0);
	return size - Math.min(size, Number(body.SuccessCount ?? 0));
}

/** @param {Target} target @param {Operation} op @param {BenchItem[]} batch */
async function send(target, op, batch) {
	const { method, url, headers, body } = requestFor(target, op, batch);
	delete headers['content-length']; // fetch sets it itself
	const response = await fetch(url, { method, headers, body });
	return failuresIn(op, batch.length, await response.json());
}

/** Requests of (b′) sent again after a lost connection, since the start. */
const connectionRetries = { count: 0 };

/**
 * (b′) One request over a new connection: a new agent without keep-alive, so a new TCP connection and a
 * full TLS handshake each time, like n8n-core's helper. A connection lost before the answer is tried
 * again (as the node's transport does) and counted, so the run reports it.
 * @param {Target} target @param {Operation} op @param {BenchItem[]} batch
 * @returns {Promise<number>}
 */
async function sendOverNewConnection(target, op, batch) {
	const { method, url, headers, body } = requestFor(target, op, batch);
	for (let attempt = 0; ; attempt++) {
		try {
			return await new Promise((resolve, reject) => {
				const request = https.request(url, { method, headers, agent: new https.Agent() }, (response) => {
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
		} catch (error) {
			if (attempt >= 2 || !/^E[A-Z_]+$/.test(/** @type {{ code?: string }} */ (error).code ?? '')) throw error;
			connectionRetries.count++;
		}
	}
}

/**
 * (a) One request per item, one after the other.
 * @param {Target} target @param {Operation} op @param {BenchItem[]} items
 */
async function perItem(target, op, items) {
	let failures = 0;
	for (const item of items) failures += await send(target, op, [item]);
	return { requests: items.length, failures };
}

/**
 * (b) Batches of up to 100, `concurrency` requests in flight; (b′) with `sendOverNewConnection`.
 * @param {Target} target @param {Operation} op @param {BenchItem[]} items @param {number} concurrency
 * @param {typeof send} [sender]
 */
async function batched(target, op, items, concurrency, sender = send) {
	const count = Math.ceil(items.length / BATCH);
	let next = 0;
	let failures = 0;
	const worker = async () => {
		for (let i = next++; i < count; i = next++) failures += await sender(target, op, items.slice(i * BATCH, (i + 1) * BATCH));
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return { requests: count, failures };
}

/** The status every output item of a write carries. */
const DONE = /** @type {Record<Operation, string | undefined>} */ ({ create: 'created', update: 'updated', upsert: 'created', delete: 'deleted', get: undefined });

/**
 * (c) One run of the node: Profile, the operation, Map Automatically for writes, Show Inward Links 0 for
 * get; concurrency 0 = not set (Auto, the default); maxRequestsPerSecond the tenant's limit told (0: not).
 * failures = items not done (missing, error output, an error or a wrong status).
 * @param {Target} target @param {Operation} op @param {BenchItem[]} items @param {number} concurrency
 * @param {number} [maxRequestsPerSecond]
 */
async function runNodeOn(target, op, items, concurrency, maxRequestsPerSecond) {
	const { runNode, sandboxCredentials } = require('../lib/engine');
	/** @type {import('n8n-workflow').INodeParameters} */
	const parameters = { resource: 'profile', operation: op, options: {} };
	if (op === 'create' || op === 'update' || op === 'upsert') parameters.attributesMode = 'autoMap';
	if (op === 'get') parameters.showInwardLinks = 0;
	if (concurrency > 0) parameters.options = { concurrency };
	if (maxRequestsPerSecond) parameters.options = { ...(/** @type {object} */ (parameters.options)), maxRequestsPerSecond };
	const result = await runNode({ parameters, items: /** @type {any} */ (items), credentials: sandboxCredentials(target.baseUrl, target.key) });
	const done = DONE[op];
	let failures = result.error ? items.length : Math.max(0, items.length - result.items.length - result.errorItems.length) + result.errorItems.length;
	if (!result.error) {
		for (const item of result.items) if (item.json.error !== undefined || (done !== undefined && item.json.status !== done)) failures++;
	}
	return { result, failures, outputItems: result.items.length };
}

module.exports = { makeItems, perItem, batched, sendOverNewConnection, connectionRetries, runNodeOn };
