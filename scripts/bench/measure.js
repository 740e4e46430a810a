// @ts-check
'use strict';

/**
 * Wall time, CPU time (process.cpuUsage: user + system, this process only) and heap of one measured call,
 * and the store a measured call needs. Heap figures need `--expose-gc` (bench.js restarts itself with it).
 */

const v8 = require('node:v8');

function fullGc() {
	const gc = /** @type {(() => void) | undefined} */ (/** @type {any} */ (globalThis).gc);
	if (typeof gc !== 'function') throw new Error('run node with --expose-gc');
	// Two passes: the first may only queue finalizers and weak callbacks.
	gc();
	gc();
}

/** Bytes in use in the heap's data spaces: the growth of compiled code is the JIT's, not data the code keeps. */
function heapUsed() {
	let used = 0;
	for (const space of v8.getHeapSpaceStatistics()) if (!space.space_name.startsWith('code_')) used += space.space_used_size;
	return used;
}

/**
 * heapGrowthBytes: heap in use after the call, a short pause (closing sockets and timers hold some of its
 * garbage for a moment) and a full GC, with the call's result still held, minus the same before it;
 * heapGrowthReleasedBytes: the same after `release` dropped the parts of the result that are not the
 * measured code's. `inspect` sees the result before it is let go.
 * @template T
 * @param {() => Promise<T>} fn
 * @param {(result: T) => void} [inspect]
 * @param {(result: T) => void} [release]
 */
async function measure(fn, inspect, release) {
	fullGc();
	const heapBefore = heapUsed();
	const cpuBefore = process.cpuUsage();
	const start = process.hrtime.bigint();
	let result = await fn();
	const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	await new Promise((resolve) => setTimeout(resolve, 100));
	fullGc();
	const heapAfter = heapUsed();
	if (inspect) inspect(result);
	let heapReleased = heapAfter;
	if (release) {
		release(result);
		fullGc();
		heapReleased = heapUsed();
	}
	result = /** @type {any} */ (undefined);
	return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, heapGrowthBytes: heapAfter - heapBefore, heapGrowthReleasedBytes: heapReleased - heapBefore };
}

/** @param {number[]} values */
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
