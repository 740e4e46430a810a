// @ts-check
'use strict';

/**
 * The cases of the plain benchmark at one added latency: for each N and operation, (a) where it
 * is not too slow, then (b) and (c) at each concurrency, repeated and interleaved; medians.
 */

const { timeBatched, timePerItem, timeNode } = require('./timed');
const { operationsAt } = require('./options');
const { say, fmt } = require('./text');

const KEY = 'bench-profile-key';
const CONCURRENCIES = [1, 4];
/** (a) at this N and above: skipped. */
const PER_ITEM_MAX_N = 10_000;
const WARMUP_N = 2_000;

/**
 * @typedef {import('./clients').Operation} Operation
 * @typedef {import('./clients').BenchItem} BenchItem
 * @typedef {import('./report').CaseResult} CaseResult
 * @typedef {import('./report').ASide} ASide
 * @typedef {import('./options').Options} Options
 * @typedef {import('./timed').Context} Context
 * @typedef {import('./timed').Timed} Timed
 */


/**
 * @param {string} side
 * @param {Timed} t
 * @param {number} n
 * @param {string[]} warnings
 */
function check(side, t, n, warnings) {
	if (t.failures > 0) warnings.push(`${side}: ${t.failures} of ${n} items not done`);
}

/**
 * @param {Context} ctx
 * @param {Options} options
 * @param {{ op: Operation, n: number, items: BenchItem[], itemsJsonBytes: number, concurrency: number, a: ASide | null, aRef: ASide | null }} spec
 * @returns {Promise<CaseResult>}
 */
async function runCase(ctx, options, spec) {
	const { median } = require('./measure');
	const { op, n, items, concurrency } = spec;
	const repeat = options.repeat ?? (n > 10_000 ? 1 : 3);
	/** @type {string[]} */
	const warnings = [];
	/** @type {Timed[]} */
	const bs = [];
	/** @type {Timed[]} */
	const cs = [];
	for (let r = 0; r < repeat; r++) {
		const b = await timeBatched(ctx, op, items, concurrency);
		check('b', b, n, warnings);
		bs.push(b);
		const c = await timeNode(ctx, op, items, concurrency);
		check('c', c, n, warnings);
		cs.push(c);
	}
	const requestsOf = (/** @type {Timed[]} */ runs, /** @type {string} */ side) => {
		const counts = [...new Set(runs.map((t) => t.requests))];
		if (counts.length > 1) warnings.push(`${side}: request counts differ between repetitions: ${counts.join(', ')}`);
		return Math.max(...counts);
	};
	const bCpu = median(bs.map((t) => t.measured.cpuMs));
	const cCpu = median(cs.map((t) => t.measured.cpuMs));
	const b = {
		requests: requestsOf(bs, 'b'),
		wallMs: median(bs.map((t) => t.measured.wallMs)),
		cpuMs: bCpu,
		wallMsRuns: bs.map((t) => Math.round(t.measured.wallMs * 10) / 10),
	};
	const c = {
		requests: requestsOf(cs, 'c'),
		wallMs: median(cs.map((t) => t.measured.wallMs)),
		cpuMs: cCpu,
		cpuMsPerItem: (cCpu - bCpu) / n,
		heapGrowthBytes: median(cs.map((t) => t.measured.heapGrowthBytes)),
		heapGrowthNodeBytes: median(cs.map((t) => t.measured.heapGrowthReleasedBytes)),
		heapPeakBytes: median(cs.map((t) => t.measured.heapPeakBytes)),
		itemsJsonBytes: spec.itemsJsonBytes,
		outputItems: Math.min(...cs.map((t) => t.outputItems)),
		wallMsRuns: cs.map((t) => Math.round(t.measured.wallMs * 10) / 10),
	};
	const aRef = spec.a ?? spec.aRef;
	/** @type {CaseResult} */
	const result = {
		operation: op,
		n,
		latencyMs: ctx.sb.latencyMs,
		concurrency,
		repeat,
		a: spec.a,
		b,
		c,
		ratios: {
			cOverB: c.wallMs / b.wallMs,
			aOverC: aRef ? aRef.wallMs / c.wallMs : null,
			expectedRequests: Math.ceil(n / 100),
			heapGrowthPerJsonByte: c.heapGrowthBytes / spec.itemsJsonBytes,
			heapGrowthNodePerJsonByte: c.heapGrowthNodeBytes / spec.itemsJsonBytes,
		},
	};
	if (warnings.length > 0) result.warnings = [...new Set(warnings)];
	return result;
}

/**
 * Run every operation once on a few items through (b) and (c), so that the measured cases do not
 * pay for loading n8n-core and for compiling its code and the node's.
 * @param {Context} ctx
 * @param {Options} options
 */
async function warmUp(ctx, options) {
	const { makeItems } = require('./clients');
	const items = makeItems(WARMUP_N);
	for (const op of options.operations) {
		await timeBatched(ctx, op, items, 1);
		await timeNode(ctx, op, items, 1);
	}
	await ctx.sb.reset();
	ctx.store = 'empty';
}

/**
 * Every case at one added latency, in a sandbox of its own; each result printed as it comes.
 * @param {number} latencyMs
 * @param {Options} options
 * @param {boolean} warm run the warm-up first (before the first latency's cases)
 * @param {CaseResult[]} results where the cases' results go
 * @param {string[]} skipped where the reasons for skipping (a) go
 */
async function runAtLatency(latencyMs, options, warm, results, skipped) {
	const { startSandboxChild } = require('./sandbox-child');
	const { makeItems } = require('./clients');
	const { sandboxCredentials } = require('../lib/engine');
	const { progressHeader, progressLine } = require('./report');
	const sb = await startSandboxChild({ key: KEY, latencyMs });
	const stopOnExit = () => void sb.child.kill('SIGTERM');
	process.once('exit', stopOnExit);
	try {
		/** @type {Context} */
		const ctx = {
			sb,
			credentials: sandboxCredentials(sb.baseUrl, sb.key),
			target: { baseUrl: sb.baseUrl, key: sb.key },
			store: 'unknown',
		};
		const config = await sb.config();
		if (config.logBodies !== false || config.latencyMs !== latencyMs) {
			throw new Error(`the sandbox did not take its options: ${JSON.stringify(config)}`);
		}
		say(`sandbox (child process ${sb.child.pid}) with ${latencyMs} ms added latency per request`);
		say(`  ${progressHeader()}`);
		if (warm) await warmUp(ctx, options);
		/** @type {Map<string, ASide>} per-item reference of 10 000 at this latency, for the estimate at 100 000 */
		const perItemRate = new Map();
		for (const n of options.ns) {
			const items = makeItems(n);
			const itemsJsonBytes = Buffer.byteLength(JSON.stringify(items));
			ctx.store = 'unknown';
			for (const op of operationsAt(options, n)) {
				/** @type {ASide | null} */
				let a = null;
				if (op === 'create') {
					const skip =
						n > PER_ITEM_MAX_N
							? `(a) skipped at N = ${fmt(n)}, ${latencyMs} ms: one request per item, sequentially, is too slow`
							: options.quick && n >= 10_000 && latencyMs > 0
								? `(a) skipped at N = ${fmt(n)}, ${latencyMs} ms: --quick (it takes about N × (latency + 1 ms))`
								: undefined;
					if (skip === undefined) {
						const t = await timePerItem(ctx, op, items);
						if (t.failures > 0) say(`  warning: (a) ${t.failures} of ${n} items not done`);
						a = { requests: t.requests, wallMs: t.measured.wallMs };
						perItemRate.set(op, { requests: n, wallMs: t.measured.wallMs });
					} else {
						const known = perItemRate.get(op);
						const estimate = known ? `; at the rate measured at N = ${fmt(known.requests)} it would take about ${fmt((known.wallMs / known.requests) * n / 1000)} s` : '';
						skipped.push(skip + estimate);
						say(`  ${skip}${estimate}`);
					}
				}
				for (const concurrency of CONCURRENCIES) {
					const result = await runCase(ctx, options, {
						op,
						n,
						items,
						itemsJsonBytes,
						concurrency,
						a: concurrency === 1 ? a : null,
						aRef: a,
					});
					results.push(result);
					say(`  ${progressLine(result)}`);
					for (const warning of result.warnings ?? []) say(`    warning: ${warning}`);
				}
			}
		}
	} finally {
		process.off('exit', stopOnExit);
		await sb.stop();
	}
}

module.exports = { runAtLatency };
