// @ts-check
'use strict';

/**
 * CPU profile of the node in n8n's engine (case (c) of the benchmark), and a summary of it.
 *
 *   node scripts/bench/profile.js [--n 10000] [--only create,get] [--concurrency 1] [--runs 2] [--interval 100]
 *   node scripts/bench/profile.js --analyze FILE.cpuprofile [--top 25]
 *
 * The sandbox runs in a child process (its work is not in the profile). Each operation is run once
 * to warm up, then `runs` times under V8's sampling profiler (node:inspector, the profiler behind
 * `node --cpu-prof`), and the profile is written to bench/profile-<operation>.cpuprofile (open it in
 * Chrome DevTools → Performance, or in VS Code) with paths relative to the repository. The summary
 * gives self time (the function's own code) and total time (with everything it calls) per function,
 * grouped by where the code lives: the node (dist/), n8n-core, n8n-workflow, other packages, Node
 * (node:), and native code and V8 (garbage collector, sockets) with no script.
 * `--analyze` summarises any .cpuprofile, one of `node --cpu-prof` too.
 */

const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');
const { parseArgs } = require('node:util');
const { summary, portable, mergeProfiles } = require('./profile-analysis');

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = 'bench-profile-key';

/** @typedef {import('./profile-analysis').CpuProfile} CpuProfile */

/**
 * @param {inspector.Session} session
 * @param {string} method
 * @param {object} [params]
 * @returns {Promise<any>}
 */
function post(session, method, params) {
	return new Promise((resolve, reject) => {
		session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result)));
	});
}

/**
 * @param {{ n: number, operations: import('./clients').Operation[], concurrency: number, runs: number, intervalUs: number, top: number, latencyMs: number }} options
 */
async function profileNode(options) {
	const { startSandboxChild } = require('./sandbox-child');
	const { makeItems } = require('./clients');
	const { runNode, sandboxCredentials } = require('../lib/engine');
	const { nodeParameters } = require('./node-parameters');
	const { prepare } = require('./store');

	const sb = await startSandboxChild({ key: KEY, latencyMs: options.latencyMs });
	const session = new inspector.Session();
	session.connect();
	try {
		const credentials = sandboxCredentials(sb.baseUrl, sb.key);
		const target = { baseUrl: sb.baseUrl, key: sb.key };
		const items = makeItems(options.n);
		const parameters = (/** @type {import('./clients').Operation} */ op) => nodeParameters(op, options.concurrency);
		/** @type {{ sb: typeof sb, store: import('./store').StoreState }} */
		const store = { sb, store: 'unknown' };
		// Every run starts from a store filled afresh: the node's last run has changed it.
		/** @param {import('./clients').Operation} op */
		const fresh = async (op) => {
			store.store = 'unknown';
			await prepare(store, op, items, target);
		};
		/** @param {import('./clients').Operation} op */
		const once = async (op) => {
			const result = await runNode({ parameters: parameters(op), items: /** @type {any} */ (items), credentials });
			if (result.error || result.items.length !== items.length) {
				throw new Error(`${op}: the node failed (${result.error?.message ?? `${result.items.length} items`})`);
			}
		};
		await post(session, 'Profiler.enable');
		await post(session, 'Profiler.setSamplingInterval', { interval: options.intervalUs });
		for (const op of options.operations) {
			await fresh(op);
			await once(op); // warm-up, not profiled
			let wallMs = 0;
			/** @type {CpuProfile | undefined} */
			let merged;
			for (let run = 0; run < options.runs; run++) {
				await fresh(op);
				await post(session, 'Profiler.start');
				const start = Date.now();
				await once(op);
				wallMs += Date.now() - start;
				const { profile } = /** @type {{ profile: CpuProfile }} */ (await post(session, 'Profiler.stop'));
				merged = merged === undefined ? profile : mergeProfiles(merged, profile);
			}
			if (!merged) continue;
			const file = path.join(ROOT, 'bench', `profile-${op}.cpuprofile`);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, JSON.stringify(portable(merged)));
			process.stdout.write(
				`\n=== ${op}, N = ${options.n}, concurrency ${options.concurrency}, ${options.latencyMs} ms latency: ` +
					`${options.runs} run(s), ${(wallMs / options.runs).toFixed(0)} ms each; profile ${path.relative(ROOT, file)}\n`,
			);
			process.stdout.write(`${summary(merged, options.top)}\n`);
		}
	} finally {
		session.disconnect();
		await sb.stop();
	}
}


async function main() {
	const { values } = parseArgs({
		options: {
			analyze: { type: 'string' },
			n: { type: 'string', default: '10000' },
			only: { type: 'string', default: 'create,get' },
			concurrency: { type: 'string', default: '1' },
			latency: { type: 'string', default: '0' },
			runs: { type: 'string', default: '2' },
			interval: { type: 'string', default: '100' },
			top: { type: 'string', default: '25' },
		},
		strict: true,
	});
	const top = Number(values.top);
	if (values.analyze !== undefined) {
		const profile = /** @type {CpuProfile} */ (JSON.parse(fs.readFileSync(values.analyze, 'utf8')));
		process.stdout.write(`${summary(profile, top)}\n`);
		return;
	}
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Imiconnect', 'Imiconnect.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	await profileNode({
		n: Number(values.n),
		operations: /** @type {import('./clients').Operation[]} */ (values.only.split(',').map((op) => op.trim())),
		concurrency: Number(values.concurrency),
		latencyMs: Number(values.latency),
		runs: Math.max(1, Number(values.runs)),
		intervalUs: Number(values.interval),
		top,
	});
}

main().catch((error) => {
	process.stderr.write(`profile: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
