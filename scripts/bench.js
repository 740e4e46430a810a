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
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '..');
const KEY = 'bench-profile-key';
const FULL_NS = [1_000, 10_000, 100_000];
const QUICK_NS = [1_000, 10_000];
const LATENCIES = [0, 20];
const CONCURRENCIES = [1, 4];
const BASE_OPERATIONS = /** @type {const} */ (['create', 'get', 'delete']);
/** Extra operations, at N = 10 000 only. */
const EXTRA_OPERATIONS = /** @type {const} */ (['update', 'upsert']);
const EXTRA_N = 10_000;
const ALL_OPERATIONS = ['create', 'update', 'upsert', 'get', 'delete'];
/** (a) at this N and above: skipped. */
const PER_ITEM_MAX_N = 10_000;
const WARMUP_N = 2_000;
/** The name of the harness's start node (scripts/lib/engine.js). */
const START_NODE = 'Start';

const HELP = `npm run bench [-- flags]   (builds dist/ first; or: node scripts/bench.js [flags])

  --quick             N = 1 000 and 10 000 only, and no (a) at N = 10 000 with 20 ms
  --only <ops>        operations to run, comma-separated: create, update, upsert, get, delete
  --n <list>          N values, comma-separated (default 1000,10000,100000)
  --latency <list>    added latencies in ms, comma-separated (default 0,20)
  --repeat <r>        repetitions of (b) and (c) per case, medians reported
                      (default 3 for N ≤ 10 000, 1 above)
  --out <file>        write the results there (a full run writes bench/results.json;
                      a partial run writes nothing unless --out is given)
  --network wan       over HTTPS through a proxy adding a round trip: keep-alive fetch, a new
                      connection per request, and the node (default: create and get, N 10 000,
                      RTT 50 and 150 ms, concurrency 1, 2, 4, 8, repeat 3; bench/results-wan.json)
  --rtt <list>        (wan) round trips in ms, comma-separated (default 50,150)
  --concurrency <l>   (wan) concurrencies, comma-separated (default 1,2,4,8)
  --help
`;

/**
 * @typedef {import('./bench/clients').Operation} Operation
 * @typedef {import('./bench/clients').BenchItem} BenchItem
 * @typedef {import('./bench/report').CaseResult} CaseResult
 * @typedef {import('./bench/report').ASide} ASide
 * @typedef {import('./bench/measure').Measured} Measured
 * @typedef {import('./bench/sandbox-child').SandboxChild} SandboxChild
 */

/**
 * @typedef {object} Options
 * @property {boolean} quick
 * @property {boolean} partial anything but the default full run
 * @property {Operation[]} operations
 * @property {boolean} only operations given by --only: run at every N
 * @property {number[]} ns
 * @property {number[]} latencies
 * @property {number | undefined} repeat
 * @property {string | undefined} out
 * @property {import('./bench/wan').WanOptions | undefined} wan options of --network wan
 */

/**
 * @param {string} flag
 * @param {string} list
 * @returns {number[]}
 */
function numbers(flag, list) {
	const values = list.split(',').map((part) => Number(part.trim()));
	if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0)) {
		throw new TypeError(`${flag} needs whole numbers ≥ 0, comma-separated, got ${JSON.stringify(list)}`);
	}
	return values;
}

/** @returns {Options | undefined} undefined after --help */
function readOptions() {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean' },
			only: { type: 'string' },
			n: { type: 'string' },
			latency: { type: 'string' },
			repeat: { type: 'string' },
			out: { type: 'string' },
			network: { type: 'string' },
			rtt: { type: 'string' },
			concurrency: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
		strict: true,
	});
	if (values.help) {
		process.stdout.write(HELP);
		return undefined;
	}
	const quick = values.quick === true;
	/** @type {Operation[]} */
	let operations = [...BASE_OPERATIONS, ...EXTRA_OPERATIONS];
	if (values.only !== undefined) {
		const asked = values.only.split(',').map((op) => op.trim());
		const unknown = asked.filter((op) => !ALL_OPERATIONS.includes(op));
		if (unknown.length > 0) throw new TypeError(`--only: unknown operation(s) ${unknown.join(', ')}; known: ${ALL_OPERATIONS.join(', ')}`);
		operations = /** @type {Operation[]} */ (ALL_OPERATIONS.filter((op) => asked.includes(op)));
	}
	const ns = values.n !== undefined ? numbers('--n', values.n).filter((n) => n > 0) : quick ? QUICK_NS : FULL_NS;
	const latencies = values.latency !== undefined ? numbers('--latency', values.latency) : LATENCIES;
	const repeat = values.repeat !== undefined ? numbers('--repeat', values.repeat)[0] : undefined;
	if (repeat !== undefined && repeat < 1) throw new TypeError('--repeat must be 1 or more');
	const partial = quick || [values.only, values.n, values.latency].some((v) => v !== undefined);
	if (values.network !== undefined && values.network !== 'wan') throw new TypeError(`--network: only 'wan' is known, got ${JSON.stringify(values.network)}`);
	const wan =
		values.network === 'wan'
			? {
					operations: values.only !== undefined ? operations : /** @type {Operation[]} */ (['create', 'get']),
					ns: values.n !== undefined ? ns : [10_000],
					rtts: values.rtt !== undefined ? numbers('--rtt', values.rtt) : [50, 150],
					concurrencies: values.concurrency !== undefined ? numbers('--concurrency', values.concurrency).filter((k) => k > 0) : [1, 2, 4, 8],
					repeat: repeat ?? 3,
					out: values.out,
					partial: [values.only, values.n, values.rtt, values.concurrency].some((v) => v !== undefined),
				}
			: undefined;
	return { quick, partial, operations, only: values.only !== undefined, ns, latencies, repeat, out: values.out, wan };
}

/**
 * Operations run at one N: create, get and delete at every N; update and upsert at 10 000
 * (operations named by --only: at every N).
 * @param {Options} options
 * @param {number} n
 * @returns {Operation[]}
 */
function operationsAt(options, n) {
	if (options.only) return options.operations;
	return options.operations.filter((op) => /** @type {readonly string[]} */ (BASE_OPERATIONS).includes(op) || n === EXTRA_N);
}

/**
 * @param {string} file
 * @returns {string}
 */
function versionIn(file) {
	try {
		return String(JSON.parse(fs.readFileSync(file, 'utf8')).version);
	} catch {
		return 'unknown';
	}
}

/** @param {string} pkg */
function versionOf(pkg) {
	return versionIn(path.join(ROOT, 'node_modules', pkg, 'package.json'));
}

function packageVersion() {
	return versionIn(path.join(ROOT, 'package.json'));
}

/** @param {string} text */
function say(text) {
	process.stdout.write(`${text}\n`);
}

/** @param {number} n */
function fmt(n) {
	return Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');
}

/**
 * Everything one sandbox (one latency) needs.
 * @typedef {object} Context
 * @property {SandboxChild} sb
 * @property {import('n8n-workflow').ICredentialDataDecryptedObject} credentials
 * @property {{ baseUrl: string, key: string }} target
 * @property {'empty' | 'full' | 'unknown'} store whether the store holds exactly the current N items
 */

/**
 * @typedef {object} Timed
 * @property {Measured} measured
 * @property {number} requests read from the sandbox (/_sandbox/stats), during the call
 * @property {number} failures items not done (the client's or the node's own account)
 * @property {number} outputItems the node's output items (c only)
 */

/** The status every output item of a write carries. */
const DONE = /** @type {Record<Operation, string | undefined>} */ ({
	create: 'created',
	update: 'updated',
	upsert: 'created',
	delete: 'deleted',
	get: undefined,
});

/**
 * Bring the store to what `op` needs: empty before create / create-or-update, all N profiles
 * before update, get and delete.
 * @param {Context} ctx
 * @param {Operation} op
 * @param {BenchItem[]} items
 */
async function prepare(ctx, op, items) {
	const { batched } = require('./bench/clients');
	if (op === 'create' || op === 'upsert') {
		await ctx.sb.reset();
		ctx.store = 'empty';
		return;
	}
	if (ctx.store === 'full') return;
	await ctx.sb.reset();
	const run = await batched(ctx.target, 'create', items, 4);
	const stats = await ctx.sb.stats();
	if (run.failures > 0 || stats.profiles !== items.length) {
		throw new Error(`could not fill the sandbox with ${items.length} profiles (${stats.profiles} stored, ${run.failures} failures)`);
	}
	ctx.store = 'full';
}

/**
 * One measured call: the store prepared, the sandbox's request count read before and after.
 * @template T
 * @param {Context} ctx
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {() => Promise<T>} call
 * @param {(result: T) => { failures: number, outputItems: number }} account
 * @param {(result: T) => void} [release] see measure()
 * @returns {Promise<Timed>}
 */
async function timed(ctx, op, items, call, account, release) {
	const { measure } = require('./bench/measure');
	await prepare(ctx, op, items);
	const before = await ctx.sb.stats();
	let failures = 0;
	let outputItems = 0;
	const measured = await measure(
		call,
		(result) => {
			({ failures, outputItems } = account(result));
		},
		release,
	);
	const after = await ctx.sb.stats();
	ctx.store = after.profiles === items.length ? 'full' : after.profiles === 0 ? 'empty' : 'unknown';
	return { measured, requests: after.requests - before.requests, failures, outputItems };
}

/**
 * @param {Context} ctx
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {number} concurrency
 * @returns {Promise<Timed>}
 */
async function timeBatched(ctx, op, items, concurrency) {
	const { batched } = require('./bench/clients');
	return await timed(
		ctx,
		op,
		items,
		() => batched(ctx.target, op, items, concurrency),
		(run) => ({ failures: run.failures, outputItems: 0 }),
	);
}

/**
 * @param {Context} ctx
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @returns {Promise<Timed>}
 */
async function timePerItem(ctx, op, items) {
	const { perItem } = require('./bench/clients');
	return await timed(
		ctx,
		op,
		items,
		() => perItem(ctx.target, op, items),
		(run) => ({ failures: run.failures, outputItems: 0 }),
	);
}

/**
 * The node's parameters for a Profile operation.
 * @param {Operation} op
 * @param {number} concurrency
 * @returns {import('n8n-workflow').INodeParameters}
 */
function nodeParameters(op, concurrency) {
	/** @type {import('n8n-workflow').INodeParameters} */
	const parameters = { resource: 'profile', operation: op };
	if (op === 'create' || op === 'update' || op === 'upsert') parameters.attributesMode = 'autoMap';
	if (op === 'get') parameters.showInwardLinks = 0;
	// Always explicit: the node's default Concurrency is not 1.
	parameters.options = { concurrency };
	return parameters;
}

/**
 * @param {Context} ctx
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {number} concurrency
 * @returns {Promise<Timed>}
 */
async function timeNode(ctx, op, items, concurrency) {
	const { runNode } = require('./lib/engine');
	const parameters = nodeParameters(op, concurrency);
	const done = DONE[op];
	return await timed(
		ctx,
		op,
		items,
		() => runNode({ parameters, items: /** @type {any} */ (items), credentials: ctx.credentials }),
		(result) => {
			if (result.error) return { failures: items.length, outputItems: result.items.length };
			let failures = Math.max(0, items.length - result.items.length - result.errorItems.length) + result.errorItems.length;
			for (const item of result.items) {
				if (item.json.error !== undefined || (done !== undefined && item.json.status !== done)) failures++;
			}
			return { failures, outputItems: result.items.length };
		},
		// The start node's output, kept in the run data, stands in for an upstream node's output (there
		// before this node runs in a real workflow): not the node's heap.
		(result) => {
			delete result.run.data.resultData.runData[START_NODE];
		},
	);
}

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
	const { median } = require('./bench/measure');
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
	const { makeItems } = require('./bench/clients');
	const items = makeItems(WARMUP_N);
	for (const op of options.operations) {
		await timeBatched(ctx, op, items, 1);
		await timeNode(ctx, op, items, 1);
	}
	await ctx.sb.reset();
	ctx.store = 'empty';
}

/** @param {Options} options */
async function main(options) {
	const { startSandboxChild } = require('./bench/sandbox-child');
	const { makeItems } = require('./bench/clients');
	const { sandboxCredentials } = require('./lib/engine');
	const { resultsTable, verdicts, progressHeader, progressLine } = require('./bench/report');

	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Imiconnect', 'Imiconnect.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
	}
	const cpus = os.cpus();
	const meta = {
		date: new Date().toISOString(),
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		cpuModel: cpus[0]?.model ?? 'unknown',
		cpuCount: cpus.length,
		totalMemoryBytes: os.totalmem(),
		loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
		loadAverageAtEnd: /** @type {number[]} */ ([]),
		n8nCore: versionOf('n8n-core'),
		n8nWorkflow: versionOf('n8n-workflow'),
		package: packageVersion(),
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
	/** @type {CaseResult[]} */
	const results = [];
	/** @type {string[]} */
	const skipped = [];
	let warmedUp = false;
	for (const latencyMs of options.latencies) {
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
			if (!warmedUp) {
				await warmUp(ctx, options);
				warmedUp = true;
			}
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
	meta.durationMs = Date.now() - started;
	meta.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);

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
			relaunch(__filename, { nodeArgs: ['--expose-gc'], trust: wan !== undefined });
		} else {
			(wan !== undefined ? require('./bench/wan').runWan(wan) : main(options)).catch((error) => {
				process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
				process.exit(1);
			});
		}
	}
}

module.exports = { nodeParameters };
