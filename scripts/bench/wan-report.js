// @ts-check
'use strict';

/**
 * Printing of `--network wan`: the table of cases and the verdict lines per target.
 */

/**
 * @typedef {object} WanSide one client in one case (medians over the repetitions)
 * @property {number} requests requests the sandbox received (most of any repetition)
 * @property {number} connections connections the proxy accepted (most of any repetition)
 * @property {number} wallMs
 * @property {number} cpuMs CPU time (user + system) of the benchmark process
 * @property {number} failures items not done, over all repetitions
 * @property {number} retries (b′) requests sent again after a lost connection, over all repetitions
 * @property {number} upstreamFailures proxy → sandbox connections that failed, over all repetitions
 * @property {number[]} wallMsRuns
 *
 * @typedef {object} WanCase
 * @property {import('./clients').Operation} operation
 * @property {number} n
 * @property {number} rttMs round trip added by the proxy
 * @property {number} concurrency
 * @property {number} repeat
 * @property {WanSide} b keep-alive fetch
 * @property {WanSide} bNew a new connection per request (b′)
 * @property {WanSide} c the node in n8n's engine
 * @property {{ cOverBNew: number, cOverB: number, cOverBSequential: number | null, expectedRequests: number, cRequestsPerSecond: number }} ratios
 */

/** @param {number} ms */
function seconds(ms) {
	return (ms / 1000).toFixed(2);
}

/** @param {number | null} x */
function ratio(x) {
	return x === null || !Number.isFinite(x) ? '–' : x.toFixed(2);
}

const COLUMNS = [
	'operation',
	'RTT',
	'conc',
	'requests b/b′/c',
	'connections b/b′/c',
	'b s',
	'b′ s',
	'c s',
	'c/b′',
	'c/b',
	'c/b(conc 1)',
	'c req/s',
	'CPU ms/req b/b′/c',
];

/**
 * @param {WanCase} r
 * @returns {string[]}
 */
function row(r) {
	const sides = [r.b, r.bNew, r.c];
	return [
		r.operation,
		`${r.rttMs} ms`,
		String(r.concurrency),
		sides.map((s) => s.requests).join('/'),
		sides.map((s) => s.connections).join('/'),
		seconds(r.b.wallMs),
		seconds(r.bNew.wallMs),
		seconds(r.c.wallMs),
		ratio(r.ratios.cOverBNew),
		ratio(r.ratios.cOverB),
		ratio(r.ratios.cOverBSequential),
		r.ratios.cRequestsPerSecond.toFixed(1),
		sides.map((s) => (s.cpuMs / Math.max(1, s.requests)).toFixed(2)).join('/'),
	];
}

/** @param {string[]} cells @param {number[]} widths */
function line(cells, widths) {
	return cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
}

const PROGRESS_WIDTHS = COLUMNS.map((c) => Math.max(c.length, 9));

function progressHeader() {
	return line(COLUMNS, PROGRESS_WIDTHS);
}

/** @param {WanCase} r */
function progressLine(r) {
	return line(row(r), PROGRESS_WIDTHS);
}

/** @param {WanCase[]} cases */
function wanTable(cases) {
	const rows = cases.map(row);
	const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((cells) => cells[i].length)));
	return [line(COLUMNS, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(r, widths))].join('\n');
}

/** @param {boolean} ok */
function mark(ok) {
	return ok ? 'MET' : 'NOT MET';
}

/**
 * @param {WanCase[]} cases
 * @returns {string[]}
 */
function wanVerdicts(cases) {
	/** @type {string[]} */
	const lines = [];
	const sides = /** @type {const} */ ([
		['b', 'b'],
		['bNew', 'b′'],
		['c', 'c'],
	]);
	const wrong = cases.flatMap((r) =>
		sides
			.filter(([key]) => r[key].requests !== r.ratios.expectedRequests || r[key].connections > r[key].requests)
			.map(([key, name]) => `${r.operation} ${r.rttMs} ms conc ${r.concurrency} ${name}: ${r[key].requests} requests, ${r[key].connections} connections`),
	);
	lines.push(
		wrong.length === 0
			? `requests = ⌈N/100⌉ and connections ≤ requests: ${mark(true)} (all ${cases.length} cases × b, b′, c)`
			: `requests = ⌈N/100⌉ and connections ≤ requests: ${mark(false)}: ${wrong.join('; ')}`,
	);
	const near = cases.filter((r) => r.concurrency === 1 || r.concurrency === 4);
	if (near.length > 0) {
		const parts = near.map((r) => `${r.operation} ${r.rttMs} ms conc ${r.concurrency} ${ratio(r.ratios.cOverBNew)}`);
		lines.push(`c/b′ ≤ 1.1 at concurrency 1 and 4: ${mark(near.every((r) => r.ratios.cOverBNew <= 1.1))} (${parts.join(', ')})`);
	}
	lines.push(`c/b (what n8n's transport costs): ${cases.map((r) => `${r.operation} ${r.rttMs} ms conc ${r.concurrency} ${ratio(r.ratios.cOverB)}`).join(', ')}`);
	const far = cases.filter((r) => r.rttMs === Math.max(...cases.map((x) => x.rttMs)) && r.ratios.cOverBSequential !== null);
	if (far.length > 0) {
		const ok = [...new Set(far.map((r) => r.concurrency))].filter((k) =>
			far.filter((r) => r.concurrency === k).every((r) => /** @type {number} */ (r.ratios.cOverBSequential) <= 2),
		);
		const parts = far.map((r) => `${r.operation} conc ${r.concurrency} ${ratio(r.ratios.cOverBSequential)}`);
		lines.push(
			`the node at ${far[0].rttMs} ms ≤ 2× the sequential keep-alive limit: met at concurrency ${ok.length > 0 ? ok.join(', ') : 'none'} (${parts.join(', ')})`,
		);
	}
	return lines;
}

module.exports = { wanTable, wanVerdicts, progressHeader, progressLine };
