// @ts-check
'use strict';

/**
 * The rate-limit cases: the sandbox limits one tenant (key) to R requests in any 1 000 ms (sliding: strict,
 * refused requests count too) and the node runs against it with the default Auto concurrency, as
 *   loop:     20 runs in a row in one process, 1 000 creates each (Loop Over Items turns, a schedule);
 *   parallel: 3 executions at once, 5 000 creates each;
 * each with the limit not told (Max Requests per Second 0: the node must find it) and told (= R).
 * Each case a fresh tenant. From the sandbox's log: 7020 share, % of R used after the first 2 s, wall
 * time against the ideal (requests needed / R). See bench/README.md.
 */

const { makeItems, runNodeOn } = require('./clients');
const { say, fmt, ratio, table } = require('./text');

const LOOP = { runs: 20, items: 1_000, atOnce: false };
const PARALLEL = { runs: 3, items: 5_000, atOnce: true };
/** "After the first seconds": the node not told the limit learns it from the first throttles. */
const SETTLED_MS = 2_000;

/**
 * usedAfter, usedAll: see the legend; throttled: 7020 answers; failures: items not done.
 * @typedef {{ name: string, rate: number, told: boolean, requests: number, throttled: number, usedAfter: number, usedAll: number,
 *   wallMs: number, idealMs: number, failures: number }} RateRow
 */

/**
 * @param {{ sb: import('./sandbox').Sandbox, baseUrl: string, rate: number, told: boolean, shape: typeof LOOP, name: string }} c
 * @returns {Promise<RateRow>}
 */
async function rateCase(c) {
	const { sb, rate, shape } = c;
	await sb.reset({ rateLimitPerKey: rate, rateLimitWindow: 'sliding' });
	const key = sb.freshKey();
	const target = { baseUrl: c.baseUrl, key };
	const all = makeItems(shape.runs * shape.items);
	const slice = (/** @type {number} */ i) => all.slice(i * shape.items, (i + 1) * shape.items);
	const told = c.told ? rate : 0;
	const t0 = Date.now();
	let failures = 0;
	if (shape.atOnce) {
		const runs = await Promise.all(Array.from({ length: shape.runs }, (_, i) => runNodeOn(target, 'create', slice(i), 0, told)));
		for (const r of runs) failures += r.failures;
	} else {
		for (let i = 0; i < shape.runs; i++) failures += (await runNodeOn(target, 'create', slice(i), 0, told)).failures;
	}
	const wallMs = Date.now() - t0;
	const tenant = sb.tenantOf(key);
	const log = /** @type {Array<{ time: number, code: string, tenant?: number }>} */ ((await sb.admin('GET', 'log')).entries).filter((e) => e.tenant === tenant);
	const passed = log.filter((e) => e.code !== '7020').map((e) => e.time);
	const from = Math.min(...log.map((e) => e.time)) + SETTLED_MS;
	const last = Math.max(...passed);
	const later = passed.filter((t) => t >= from).length;
	return {
		name: c.name,
		rate,
		told: c.told,
		requests: log.length,
		throttled: log.length - passed.length,
		// Under a sliding 1 s window, [from, last] can hold at most R × (its length + 1 s): that is 100 %.
		usedAfter: last > from ? later / (((last - from + 1000) / 1000) * rate) : NaN,
		usedAll: passed.length / ((wallMs / 1000) * rate),
		wallMs,
		idealMs: (Math.ceil(all.length / 100) / rate) * 1000,
		failures,
	};
}

const pct = (/** @type {number} */ x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');

/** @param {RateRow} r */
const cells = (r) => [r.name, `${r.rate}/s`, r.told ? 'told' : 'not told', fmt(r.requests), fmt(r.throttled), pct(r.throttled / r.requests), pct(r.usedAfter), pct(r.usedAll),
	(r.wallMs / 1000).toFixed(1), (r.idealMs / 1000).toFixed(1), ratio(r.wallMs / r.idealMs), fmt(r.failures)];

const COLUMNS = ['case', 'limit', 'node', 'requests', '7020', '7020 share', 'R used after 2 s', 'R used (all)', 'wall s', 'ideal s', 'wall/ideal', 'items failed'];

/**
 * Every rate case against `sb` (through `baseUrl`: the sandbox itself or the WAN proxy).
 * @param {{ sb: import('./sandbox').Sandbox, baseUrl: string, rates: number[], where: string }} options
 */
async function runRateCases(options) {
	/** @type {RateRow[]} */
	const rows = [];
	say(`\nrate-limit cases (${options.where}), sliding 1 s window per key, Concurrency Auto`);
	for (const rate of options.rates) {
		for (const [name, shape] of /** @type {const} */ ([[`loop ${LOOP.runs} × ${fmt(LOOP.items)}`, LOOP], [`parallel ${PARALLEL.runs} × ${fmt(PARALLEL.items)}`, PARALLEL]])) {
			for (const told of [false, true]) {
				const row = await rateCase({ sb: options.sb, baseUrl: options.baseUrl, rate, told, shape, name });
				rows.push(row);
				say(`  ${cells(row).join('  ')}`);
			}
		}
	}
	await options.sb.reset();
	const untold = rows.filter((r) => !r.told);
	const toldRows = rows.filter((r) => r.told);
	const list = (/** @type {RateRow[]} */ rs, /** @type {(r: RateRow) => string} */ f) => rs.map((r) => `${r.name} ${r.rate}/s ${f(r)}`).join(', ');
	const mark = (/** @type {boolean} */ ok) => (ok ? 'MET' : 'NOT MET');
	return {
		section: {
			title: `Rate limit: loop and parallel runs (${options.where})`,
			table: table(COLUMNS, rows.map(cells), 3),
			legend:
				'The sandbox answers 7020 when the key sent more than R requests in the last 1 000 ms (refused ones count). node: told = Max\n' +
				'Requests per Second = R, not told = 0. R used: passed requests over what R allows (R × (length + 1 s)) from 2 s after the\n' +
				'first request to the last passed one; (all): passed requests / (wall time × R). ideal = requests needed / R. items failed: not created (any reason).',
		},
		targets: [
			`not told: ≤ 5 % 7020: ${mark(untold.every((r) => r.throttled / r.requests <= 0.05))} (${list(untold, (r) => pct(r.throttled / r.requests))})`,
			`not told: ≥ 80 % of R used after the first seconds: ${mark(untold.every((r) => r.usedAfter >= 0.8))} (${list(untold, (r) => pct(r.usedAfter))})`,
			`told: 0 × 7020: ${mark(toldRows.every((r) => r.throttled === 0))} (${list(toldRows, (r) => `${r.throttled} (${pct(r.usedAfter)} of R)`)})`,
			`no item failing: ${mark(rows.every((r) => r.failures === 0))}; wall/ideal ${list(rows, (r) => `${r.told ? 'told' : 'not told'} ${ratio(r.wallMs / r.idealMs)}`)}`,
		],
	};
}

module.exports = { runRateCases };
