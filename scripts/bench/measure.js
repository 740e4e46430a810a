// @ts-check
'use strict';

/**
 * Wall time, CPU time (process.cpuUsage: user + system, this process only) and heap of one
 * measured call. Needs `--expose-gc` for the heap figures (bench.js restarts itself with it).
 */

const v8 = require('node:v8');

/**
 * @typedef {object} Measured
 * @property {number} wallMs
 * @property {number} cpuMs user + system CPU time of this process during the call
 * @property {number} heapGrowthBytes heap in use (data spaces, code excluded) after the call, a short
 *   pause and a full GC, with the call's result still held, minus heap in use before it (after a full GC)
 * @property {number} heapGrowthReleasedBytes the same after `release` dropped the parts of the result
 *   that are not the measured code's (equal to heapGrowthBytes without `release`)
 * @property {number} heapPeakBytes highest heap in use seen during the call (sampled every 10 ms,
 *   garbage included) minus heap in use before it; a hint only: synchronous stretches are not sampled
 */

function fullGc() {
	const gc = /** @type {(() => void) | undefined} */ (/** @type {any} */ (globalThis).gc);
	if (typeof gc !== 'function') throw new Error('run node with --expose-gc');
	// Two passes: the first may only queue finalizers and weak callbacks.
	gc();
	gc();
}

/** Heap spaces of compiled code: their growth is the JIT's, not data the measured code keeps. */
const CODE_SPACES = new Set(['code_space', 'code_large_object_space']);

/** Bytes in use in the data spaces of the heap (all but code). */
function heapUsed() {
	let used = 0;
	for (const space of v8.getHeapSpaceStatistics()) {
		if (!CODE_SPACES.has(space.space_name)) used += space.space_used_size;
	}
	return used;
}

/** Time given to callbacks still pending after the call (sockets closing, timers) before the heap is read. */
const SETTLE_MS = 100;

/**
 * @template T
 * @param {() => Promise<T>} fn
 * @param {(result: T) => void} [inspect] called with the result before it is let go (after the heap reading)
 * @param {(result: T) => void} [release] drops parts of the result (after the heap reading); the heap is read again
 * @returns {Promise<Measured>}
 */
async function measure(fn, inspect, release) {
	fullGc();
	const heapBefore = heapUsed();
	let peak = heapBefore;
	const sampler = setInterval(() => {
		const used = heapUsed();
		if (used > peak) peak = used;
	}, 10);
	const cpuBefore = process.cpuUsage();
	const start = process.hrtime.bigint();
	/** @type {T | undefined} */
	let result;
	try {
		result = await fn();
	} finally {
		clearInterval(sampler);
	}
	const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	const last = heapUsed();
	if (last > peak) peak = last;
	// Right after the call, closing sockets and timers still hold some of its garbage for a moment.
	await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
	fullGc();
	const heapAfter = heapUsed();
	if (inspect) inspect(/** @type {T} */ (result));
	let heapReleased = heapAfter;
	if (release) {
		release(/** @type {T} */ (result));
		fullGc();
		heapReleased = heapUsed();
	}
	result = undefined;
	return {
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		heapGrowthBytes: heapAfter - heapBefore,
		heapGrowthReleasedBytes: heapReleased - heapBefore,
		heapPeakBytes: peak - heapBefore,
	};
}

/**
 * @param {number[]} values
 * @returns {number}
 */
function median(values) {
	const sorted = [...values].sort((x, y) => x - y);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The store brought to what `op` needs before a measured run: empty before create / create-or-update,
 * the N profiles before update, get and delete (filled directly, not through a slow way such as the proxy).
 * @param {{ sb: import('./sandbox').Sandbox, store: 'empty' | 'full' | 'unknown' }} ctx
 * @param {import('./clients').Operation} op
 * @param {import('./clients').BenchItem[]} items
 */
async function prepare(ctx, op, items) {
	const { batched } = require('./clients');
	if (op !== 'create' && op !== 'upsert' && ctx.store === 'full') return;
	await ctx.sb.reset();
	ctx.store = 'empty';
	if (op === 'create' || op === 'upsert') return;
	const run = await batched({ baseUrl: ctx.sb.baseUrl, key: ctx.sb.key }, 'create', items, 4);
	const stats = await ctx.sb.stats();
	if (run.failures > 0 || stats.profiles !== items.length) throw new Error(`could not fill the sandbox with ${items.length} profiles (${stats.profiles} stored)`);
	ctx.store = 'full';
}

module.exports = { measure, median, prepare };
