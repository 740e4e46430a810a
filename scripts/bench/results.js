// @ts-check
'use strict';

/**
 * The end of a plain benchmark run: the results in order, the table and the targets printed, and
 * the summary written as Markdown (bench/results.md for a full run).
 */

const fs = require('node:fs');
const path = require('node:path');
const { resultsTable, verdicts } = require('./report');
const { ALL_OPERATIONS } = require('./options');
const { say, fmt, writeSummary } = require('./text');

const ROOT = path.resolve(__dirname, '..', '..');

/** @typedef {import('./report').CaseResult} CaseResult */

const LEGEND =
	'a: one request per item, sequential (fetch); b: batches of 100 (fetch), at the case\'s concurrency; c: the node in n8n\'s engine.\n' +
	'a/c at concurrency 4 uses the sequential (a). cpu µs/item = (CPU of c − CPU of b) / N. heap growth: retained after GC, run result held;\n' +
	'(node): without the start node\'s output in the run data.';

/**
 * @param {CaseResult[]} results
 * @param {string[]} skipped
 * @param {{ durationMs: number, loadAverageAtEnd: number[] }} meta written into the summary as it is
 * @param {import('./options').Options} options
 */
function reportResults(results, skipped, meta, options) {
	const order = (/** @type {CaseResult} */ r) => [ALL_OPERATIONS.indexOf(r.operation), r.n, r.latencyMs, r.concurrency];
	const sorted = [...results].sort((x, y) => {
		const [p, q] = [order(x), order(y)];
		for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return p[i] - q[i];
		return 0;
	});
	const table = resultsTable(sorted);
	say(`\n${table}\n`);
	say(LEGEND);
	for (const line of skipped) say(line);
	say('\nTargets:');
	for (const line of verdicts(sorted)) say(`  ${line}`);
	say(`\n${fmt(meta.durationMs / 1000)} s in all; load average at the end ${meta.loadAverageAtEnd.join(' ')}`);

	const out = options.out ?? (options.partial ? undefined : path.join(ROOT, 'bench', 'results.md'));
	if (out === undefined) {
		say('summary not written (a partial run); --out FILE writes it');
		return;
	}
	fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
	writeSummary(out, { title: 'Benchmark: the IMIconnect node against the physical limit', meta, table, legend: LEGEND, notes: skipped, targets: verdicts(sorted) });
}

module.exports = { reportResults };
