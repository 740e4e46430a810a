// @ts-check
'use strict';

/**
 * Printing of the benchmark: the table of cases and the verdict lines per target.
 */

/**
 * @typedef {import('./clients').Operation} Operation
 *
 * @typedef {object} ASide
 * @property {number} requests
 * @property {number} wallMs
 *
 * @typedef {object} BSide
 * @property {number} requests
 * @property {number} wallMs median of the repetitions
 * @property {number} cpuMs median CPU time of this process (user + system)
 * @property {number[]} wallMsRuns every repetition
 *
 * @typedef {object} CSide
 * @property {number} requests
 * @property {number} wallMs median of the repetitions
 * @property {number} cpuMs median CPU time of this process (user + system)
 * @property {number} cpuMsPerItem (cpu of c − cpu of b) / N
 * @property {number} heapGrowthBytes median heap growth, retained after a full GC with the run's result held
 * @property {number} heapGrowthNodeBytes the same without the start node's output kept in the run data (the stand-in
 *   for an upstream node's output, which exists before this node runs)
 * @property {number} heapPeakBytes median of the highest heap in use seen during the run (sampled), over the start
 * @property {number} itemsJsonBytes JSON.stringify(items) in bytes
 * @property {number} outputItems output items of the node
 * @property {number[]} wallMsRuns every repetition
 *
 * @typedef {object} Ratios
 * @property {number} cOverB
 * @property {number | null} aOverC a of the same operation, N and latency at concurrency 1, over this c
 * @property {number} expectedRequests ⌈N/100⌉
 * @property {number} heapGrowthPerJsonByte heapGrowthBytes / itemsJsonBytes
 * @property {number} heapGrowthNodePerJsonByte heapGrowthNodeBytes / itemsJsonBytes
 *
 * @typedef {object} CaseResult
 * @property {Operation} operation
 * @property {number} n
 * @property {number} latencyMs
 * @property {number} concurrency
 * @property {number} repeat repetitions of b and c (interleaved); a runs once
 * @property {ASide | null} a
 * @property {BSide} b
 * @property {CSide} c
 * @property {Ratios} ratios
 * @property {string[]} [warnings]
 */

const { fmt: int } = require('./text');

/** @param {number} ms */
function ms(ms) {
	return ms >= 100 ? int(ms) : ms.toFixed(1);
}

/** @param {number} bytes */
function mb(bytes) {
	return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** @param {number | null} x @param {number} [digits] */
function ratio(x, digits = 2) {
	return x === null || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

const COLUMNS = [
	'operation',
	'N',
	'latency',
	'conc',
	'requests a/b/c',
	'a ms',
	'b ms',
	'c ms',
	'c/b',
	'a/c',
	'cpu µs/item',
	'heap growth',
	'items JSON',
	'growth/JSON (node)',
];

/**
 * @param {CaseResult} r
 * @returns {string[]}
 */
function row(r) {
	return [
		r.operation,
		int(r.n),
		`${r.latencyMs} ms`,
		String(r.concurrency),
		`${r.a ? int(r.a.requests) : '–'}/${int(r.b.requests)}/${int(r.c.requests)}`,
		r.a ? ms(r.a.wallMs) : '–',
		ms(r.b.wallMs),
		ms(r.c.wallMs),
		ratio(r.ratios.cOverB),
		ratio(r.ratios.aOverC, 1),
		(r.c.cpuMsPerItem * 1000).toFixed(1),
		mb(r.c.heapGrowthBytes),
		mb(r.c.itemsJsonBytes),
		`${ratio(r.ratios.heapGrowthPerJsonByte)} (${ratio(r.ratios.heapGrowthNodePerJsonByte)})`,
	];
}

/**
 * @param {string[][]} rows
 * @returns {string}
 */
function table(rows) {
	const all = [COLUMNS, ...rows];
	const widths = COLUMNS.map((_, i) => Math.max(...all.map((cells) => cells[i].length)));
	const line = (/** @type {string[]} */ cells) =>
		cells.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
	return [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Widths of the columns in progress lines (the final table sizes its own). */
const PROGRESS_WIDTHS = [9, 7, 7, 4, 18, 9, 8, 8, 6, 6, 11, 11, 10, 18];

/** @param {string[]} cells */
function progressCells(cells) {
	return cells.map((cell, i) => (i < 4 ? cell.padEnd(PROGRESS_WIDTHS[i]) : cell.padStart(PROGRESS_WIDTHS[i]))).join('  ');
}

/** The header of progress lines. */
function progressHeader() {
	return progressCells(COLUMNS);
}

/**
 * One case as a progress line, in the columns of progressHeader().
 * @param {CaseResult} r
 */
function progressLine(r) {
	return progressCells(row(r));
}

/**
 * @param {CaseResult[]} results
 * @returns {string}
 */
function resultsTable(results) {
	return table(results.map(row));
}

/**
 * @param {boolean} ok
 * @returns {string}
 */
function mark(ok) {
	return ok ? 'MET' : 'NOT MET';
}

/**
 * One verdict line per target, from whatever cases this run has.
 * @param {CaseResult[]} results
 * @returns {string[]}
 */
function verdicts(results) {
	/** @type {string[]} */
	const lines = [];

	// 1. requests = ⌈N/100⌉
	const wrong = results.filter((r) => r.c.requests !== r.ratios.expectedRequests);
	const ops = [...new Set(results.map((r) => r.operation))].join(', ');
	lines.push(
		wrong.length === 0
			? `requests = ⌈N/100⌉ (${ops}): ${mark(true)} in all ${results.length} cases`
			: `requests = ⌈N/100⌉: ${mark(false)} in ${wrong.length} of ${results.length} cases: ` +
					wrong.map((r) => `${r.operation} N=${r.n} ${r.latencyMs} ms c=${r.concurrency}: ${r.c.requests} ≠ ${r.ratios.expectedRequests}`).join('; '),
	);

	// 2. c/b at N = 10 000
	for (const [concurrency, limit] of /** @type {Array<[number, number]>} */ ([
		[1, 1.15],
		[4, 1.1],
	])) {
		const cases = results.filter((r) => r.n === 10_000 && r.concurrency === concurrency);
		if (cases.length === 0) continue;
		const parts = cases.map(
			(r) => `${r.operation} ${r.latencyMs} ms ${ratio(r.ratios.cOverB)} ${r.ratios.cOverB <= limit ? 'ok' : 'over'}`,
		);
		const ok = cases.every((r) => r.ratios.cOverB <= limit);
		lines.push(`c/b ≤ ${limit} at N = 10 000, concurrency ${concurrency}: ${mark(ok)} (${parts.join(', ')})`);
	}

	// 3. a/c ≥ 80 at N = 10 000 with 20 ms
	const ac = results.filter((r) => r.n === 10_000 && r.latencyMs === 20 && r.ratios.aOverC !== null);
	if (ac.length > 0) {
		const parts = ac.map((r) => `${r.operation} c=${r.concurrency} ${ratio(r.ratios.aOverC, 1)}`);
		const ok = ac.every((r) => /** @type {number} */ (r.ratios.aOverC) >= 80);
		lines.push(`a/c ≥ 80 at N = 10 000, 20 ms: ${mark(ok)} (${parts.join(', ')})`);
	} else {
		lines.push('a/c ≥ 80 at N = 10 000, 20 ms: not measured in this run ((a) at N = 10 000 with 20 ms was not run)');
	}

	// 4. heap growth ≤ 2× items JSON at N = 100 000
	const heap = results.filter((r) => r.n === 100_000);
	if (heap.length > 0) {
		const parts = heap.map(
			(r) => `${r.operation} ${r.latencyMs} ms c=${r.concurrency} ${ratio(r.ratios.heapGrowthPerJsonByte)}×`,
		);
		const ok = heap.every((r) => r.ratios.heapGrowthPerJsonByte <= 2);
		lines.push(`heap growth ≤ 2× items JSON at N = 100 000: ${mark(ok)} (${parts.join(', ')})`);
		const nodeParts = heap.map(
			(r) => `${r.operation} ${r.latencyMs} ms c=${r.concurrency} ${ratio(r.ratios.heapGrowthNodePerJsonByte)}×`,
		);
		const nodeOk = heap.every((r) => r.ratios.heapGrowthNodePerJsonByte <= 2);
		lines.push(
			`  the node's own (without the start node's output kept in the run data, the stand-in for an upstream node's): ${mark(nodeOk)} (${nodeParts.join(', ')})`,
		);
	} else {
		lines.push('heap growth ≤ 2× items JSON at N = 100 000: not measured in this run (no N = 100 000)');
	}
	return lines;
}

module.exports = { resultsTable, verdicts, progressHeader, progressLine };
