// @ts-check
'use strict';

/**
 * One measured run of a client against the sandbox: (a) one request per item, (b) batches of 100
 * with fetch, (c) the node in n8n's engine; the store prepared first, the sandbox's requests counted.
 */

const { prepare } = require('./store');
const { DONE, nodeParameters } = require('./node-parameters');

/** The name of the harness's start node (scripts/lib/engine.js). */
const START_NODE = 'Start';

/**
 * @typedef {import('./clients').Operation} Operation
 * @typedef {import('./clients').BenchItem} BenchItem
 * @typedef {import('./measure').Measured} Measured
 */

/**
 * Everything one sandbox (one latency) needs.
 * @typedef {object} Context
 * @property {import('./sandbox-child').SandboxChild} sb
 * @property {import('n8n-workflow').ICredentialDataDecryptedObject} credentials
 * @property {{ baseUrl: string, key: string }} target
 * @property {import('./store').StoreState} store whether the store holds exactly the current N items
 */

/**
 * @typedef {object} Timed
 * @property {Measured} measured
 * @property {number} requests read from the sandbox (/_sandbox/stats), during the call
 * @property {number} failures items not done (the client's or the node's own account)
 * @property {number} outputItems the node's output items (c only)
 */

/**
 * One measured call: the store prepared, the sandbox's request count read before and after.
 * @template T
 * @param {Context} ctx
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {() => Promise<T>} call
 * @param {(result: T) => { failures: number, outputItems: number }} account
 * @param {(result: T) => void} [release] see measure()
 * @returns {Promise<Timed>}
 */
async function timed(ctx, op, items, call, account, release) {
	const { measure } = require('./measure');
	await prepare(ctx, op, items, ctx.target);
	const before = await ctx.sb.stats();
	let failures = 0;
	let outputItems = 0;
	const measured = await measure(
		call,
		(result) => {
			({ failures, outputItems } = account(result));
		},
		release,
	);
	const after = await ctx.sb.stats();
	ctx.store = after.profiles === items.length ? 'full' : after.profiles === 0 ? 'empty' : 'unknown';
	return { measured, requests: after.requests - before.requests, failures, outputItems };
}

/**
 * @param {Context} ctx
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {number} concurrency
 * @returns {Promise<Timed>}
 */
async function timeBatched(ctx, op, items, concurrency) {
	const { batched } = require('./clients');
	return await timed(
		ctx,
		op,
		items,
		() => batched(ctx.target, op, items, concurrency),
		(run) => ({ failures: run.failures, outputItems: 0 }),
	);
}

/**
 * @param {Context} ctx
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @returns {Promise<Timed>}
 */
async function timePerItem(ctx, op, items) {
	const { perItem } = require('./clients');
	return await timed(
		ctx,
		op,
		items,
		() => perItem(ctx.target, op, items),
		(run) => ({ failures: run.failures, outputItems: 0 }),
	);
}

/**
 * @param {Context} ctx
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {number} concurrency
 * @returns {Promise<Timed>}
 */
async function timeNode(ctx, op, items, concurrency) {
	const { runNode } = require('../lib/engine');
	const parameters = nodeParameters(op, concurrency);
	const done = DONE[op];
	return await timed(
		ctx,
		op,
		items,
		() => runNode({ parameters, items: /** @type {any} */ (items), credentials: ctx.credentials }),
		(result) => {
			if (result.error) return { failures: items.length, outputItems: result.items.length };
			let failures = Math.max(0, items.length - result.items.length - result.errorItems.length) + result.errorItems.length;
			for (const item of result.items) {
				if (item.json.error !== undefined || (done !== undefined && item.json.status !== done)) failures++;
			}
			return { failures, outputItems: result.items.length };
		},
		// The start node's output, kept in the run data, stands in for an upstream node's output (there
		// before this node runs in a real workflow): not the node's heap.
		(result) => {
			delete result.run.data.resultData.runData[START_NODE];
		},
	);
}

module.exports = { timeBatched, timePerItem, timeNode };
