// @ts-check
'use strict';

/**
 * The end of a plain benchmark run: the results in order, the table and the targets printed, and
 * the results written as JSON (bench/results.json for a full run).
 */

const fs = require('node:fs');
const path = require('node:path');
const { resultsTable, verdicts } = require('./report');
const { ALL_OPERATIONS } = require('./options');
const { say, fmt } = require('./text');

const ROOT = path.resolve(__dirname, '..', '..');

/** @typedef {import('./report').CaseResult} CaseResult */

/**
 * @param {CaseResult[]} results
 * @param {string[]} skipped
 * @param {{ durationMs: number, loadAverageAtEnd: number[] }} meta written into the file as it is
 * @param {import('./options').Options} options
 */
function reportResults(results, skipped, meta, options) {
	const order = (/** @type {CaseResult} */ r) => [ALL_OPERATIONS.indexOf(r.operation), r.n, r.latencyMs, r.concurrency];
	const sorted = [...results].sort((x, y) => {
		const [p, q] = [order(x), order(y)];
		for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return p[i] - q[i];
		return 0;
	});
	say(`\n${resultsTable(sorted)}\n`);
	say(
		'a: one request per item, sequential (fetch); b: batches of 100 (fetch), at the case\'s concurrency; c: the node in n8n\'s engine.\n' +
			'a/c at concurrency 4 uses the sequential (a). cpu µs/item = (CPU of c − CPU of b) / N. heap growth: retained after GC, run result held;\n' +
			'(node): without the start node\'s output in the run data.',
	);
	for (const line of skipped) say(line);
	say('\nTargets:');
	for (const line of verdicts(sorted)) say(`  ${line}`);
	say(`\n${fmt(meta.durationMs / 1000)} s in all; load average at the end ${meta.loadAverageAtEnd.join(' ')}`);

	const out = options.out ?? (options.partial ? undefined : path.join(ROOT, 'bench', 'results.json'));
	if (out === undefined) {
		say('results not written (a partial run); --out FILE writes them');
		return;
	}
	fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
	const cases = sorted.map((r) => ({
		operation: r.operation,
		n: r.n,
		latencyMs: r.latencyMs,
		concurrency: r.concurrency,
		repeat: r.repeat,
		a: r.a ? { requests: r.a.requests, wallMs: round(r.a.wallMs) } : null,
		b: { requests: r.b.requests, wallMs: round(r.b.wallMs), cpuMs: round(r.b.cpuMs), wallMsRuns: r.b.wallMsRuns },
		c: {
			requests: r.c.requests,
			wallMs: round(r.c.wallMs),
			cpuMs: round(r.c.cpuMs),
			cpuMsPerItem: Math.round(r.c.cpuMsPerItem * 1e5) / 1e5,
			heapGrowthBytes: r.c.heapGrowthBytes,
			heapGrowthNodeBytes: r.c.heapGrowthNodeBytes,
			heapPeakBytes: r.c.heapPeakBytes,
			itemsJsonBytes: r.c.itemsJsonBytes,
			outputItems: r.c.outputItems,
			wallMsRuns: r.c.wallMsRuns,
		},
		ratios: {
			cOverB: round(r.ratios.cOverB, 3),
			aOverC: r.ratios.aOverC === null ? null : round(r.ratios.aOverC, 1),
			expectedRequests: r.ratios.expectedRequests,
			heapGrowthPerJsonByte: round(r.ratios.heapGrowthPerJsonByte, 3),
			heapGrowthNodePerJsonByte: round(r.ratios.heapGrowthNodePerJsonByte, 3),
		},
		...(r.warnings ? { warnings: r.warnings } : {}),
	}));
	const document = { meta, skipped, targets: verdicts(sorted), cases };
	fs.writeFileSync(out, `${JSON.stringify(document, null, '\t')}\n`);
	say(`results written to ${path.relative(process.cwd(), path.resolve(out)) || out}`);
}

/**
 * @param {number} x
 * @param {number} [digits]
 */
function round(x, digits = 1) {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

module.exports = { reportResults };
