// @ts-check
'use strict';

/**
 * `npm run bench`: how close the IMIconnect node, run inside n8n's engine, comes to the physical
 * limit of the same work, and how far it is from one request per item. See bench/README.md.
 *
 *   node scripts/bench.js [--quick] [--only create,get] [--repeat R] [--n 1000,10000] [--latency 0,20] [--out FILE]
 *
 * Per case (operation, N, added latency, concurrency), against the sandbox in a child process:
 *   (a) one request per item, sequentially, with fetch (create only, concurrency 1 only);
 *   (b) ⌈N/100⌉ requests of 100 with fetch, at the case's concurrency: the physical limit;
 *   (c) the node in n8n's WorkflowExecute (scripts/lib/engine.js runNode), option concurrency.
 * (b) and (c) run `repeat` times, interleaved; the medians are reported. Ratios, not assertions.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { readOptions, HELP } = require('./bench/options');
const { say, fmt } = require('./bench/text');
const { machine, versionOf } = require('./bench/machine');

const ROOT = path.resolve(__dirname, '..');

/** @typedef {import('./bench/options').Options} Options */

/** @param {Options} options */
async function main(options) {
	const { runAtLatency } = require('./bench/cases');
	const { reportResults } = require('./bench/results');

	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Imiconnect', 'Imiconnect.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
	}
	const meta = {
		date: new Date().toISOString(),
		...machine(),
		totalMemoryBytes: os.totalmem(),
		loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
		loadAverageAtEnd: /** @type {number[]} */ ([]),
		n8nCore: versionOf('n8n-core'),
		n8nWorkflow: versionOf('n8n-workflow'),
		package: versionOf('.'),
		mode: options.partial ? 'partial' : 'full',
		args: process.argv.slice(2),
		sandbox: 'child process: node sandbox/cli.js --port 0 --latency <ms> --no-log-bodies, on 127.0.0.1',
		clients: 'a and b: Node global fetch (undici, keep-alive); c: scripts/lib/engine.js runNode (n8n-core WorkflowExecute, dist/)',
		repeatPolicy: options.repeat !== undefined ? `${options.repeat}` : '3 for N ≤ 10 000, 1 above; medians',
		durationMs: 0,
	};
	say(
		`IMIconnect node benchmark — ${meta.date}\n` +
			`node ${meta.node}, ${meta.cpuCount} × ${meta.cpuModel}, ${(meta.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB, ` +
			`load ${meta.loadAverageAtStart.join(' ')}; n8n-core ${meta.n8nCore}, n8n-workflow ${meta.n8nWorkflow}\n` +
			`N ${options.ns.map(fmt).join(', ')}; latency ${options.latencies.join(', ')} ms; operations ${options.operations.join(', ')}; ` +
			`repeat ${meta.repeatPolicy}\n`,
	);

	const started = Date.now();
	/** @type {import('./bench/report').CaseResult[]} */
	const results = [];
	/** @type {string[]} */
	const skipped = [];
	for (const [i, latencyMs] of options.latencies.entries()) {
		await runAtLatency(latencyMs, options, i === 0, results, skipped);
	}
	meta.durationMs = Date.now() - started;
	meta.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
	reportResults(results, skipped, meta, options);
}

if (require.main === module) {
	/** @type {Options | undefined} */
	let options;
	try {
		options = readOptions();
	} catch (error) {
		process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n${HELP}`);
		process.exit(2);
	}
	if (options !== undefined) {
		const wan = options.wan;
		const { trustedCertificate, relaunch } = require('./bench/tls-cert');
		// --expose-gc for the heap figures; --network wan: a certificate made for the run, trusted by the new
		// process (NODE_EXTRA_CA_CERTS is read at start-up).
		if (typeof (/** @type {any} */ (globalThis).gc) !== 'function' || (wan !== undefined && trustedCertificate() === undefined)) {
			relaunch(__filename, { nodeArgs: ['--expose-gc'], trust: wan !== undefined }).catch((error) => {
				process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
				process.exit(1);
			});
		} else {
			(wan !== undefined ? require('./bench/wan').runWan(wan) : main(options)).catch((error) => {
				process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
				process.exit(1);
			});
		}
	}
}

