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

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = 'bench-profile-key';

/**
 * @typedef {object} CallFrame
 * @property {string} functionName
 * @property {string} url
 * @property {number} lineNumber 0-based
 * @property {number} columnNumber
 *
 * @typedef {object} ProfileNode
 * @property {number} id
 * @property {CallFrame} callFrame
 * @property {number} [hitCount]
 * @property {number[]} [children]
 *
 * @typedef {object} CpuProfile
 * @property {ProfileNode[]} nodes
 * @property {number} startTime
 * @property {number} endTime
 * @property {number[]} samples
 * @property {number[]} timeDeltas
 *
 * @typedef {object} FunctionTime
 * @property {string} name
 * @property {string} where repository-relative file:line, or a package path
 * @property {string} area dist (the node) | n8n-core | n8n-workflow | <package> | node: | (native/V8)
 * @property {number} selfMs
 * @property {number} totalMs
 */

/**
 * Where a script lives, relative to the repository (no path of the machine).
 * @param {string} url
 * @returns {string}
 */
function relativeUrl(url) {
	if (url === '') return '';
	let file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
	if (path.isAbsolute(file)) {
		const rel = path.relative(ROOT, file);
		file = rel.startsWith('..') ? path.basename(file) : rel;
	}
	return file.split(path.sep).join('/');
}

/**
 * @param {string} where repository-relative
 * @returns {string}
 */
function areaOf(where) {
	if (where === '') return '(native/V8)';
	if (where.startsWith('node:')) return 'node:';
	if (where.startsWith('dist/')) return 'dist (the node)';
	const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(where);
	if (match) return match[1];
	if (where.startsWith('scripts/') || where.startsWith('sandbox/')) return 'bench harness';
	return 'other';
}

/**
 * Self and total time per function (name + file + line). Total time counts a sample once per
 * function even when the function is on the stack more than once (recursion).
 * @param {CpuProfile} profile
 * @returns {{ functions: FunctionTime[], totalMs: number, idleMs: number, gcMs: number, programMs: number }}
 */
function analyze(profile) {
	/** @type {Map<number, ProfileNode>} */
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	// Stacks in node:inspector are the profiler's own work (Profiler.stop), not the measured code's.
	/** @type {Map<number, boolean>} */
	const inProfiler = new Map();
	/** @param {number} id @returns {boolean} */
	const profilerStack = (id) => {
		const known = inProfiler.get(id);
		if (known !== undefined) return known;
		const node = byId.get(id);
		const up = parent.get(id);
		const result = node?.callFrame.url === 'node:inspector' || (up !== undefined && profilerStack(up));
		inProfiler.set(id, result);
		return result;
	};
	/** @type {Map<number, number>} */
	const selfUs = new Map();
	for (let i = 0; i < profile.samples.length; i++) {
		// timeDeltas[i] is the time before sample i; the time of sample i is the next delta.
		const dt = profile.timeDeltas[i + 1] ?? 0;
		if (profilerStack(profile.samples[i])) continue;
		selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + Math.max(0, dt));
	}
	/** @param {ProfileNode} node */
	const keyOf = (node) => {
		const where = relativeUrl(node.callFrame.url);
		const line = node.callFrame.url === '' ? '' : `:${node.callFrame.lineNumber + 1}`;
		return `${node.callFrame.functionName || '(anonymous)'}\u0000${where}${line}`;
	};
	/** @type {Map<string, FunctionTime>} */
	const functions = new Map();
	let totalUs = 0;
	let idleUs = 0;
	let gcUs = 0;
	let programUs = 0;
	for (const [id, us] of selfUs) {
		const node = byId.get(id);
		if (!node) continue;
		const name = node.callFrame.functionName;
		if (name === '(idle)') {
			idleUs += us;
			continue;
		}
		totalUs += us;
		if (name === '(garbage collector)') gcUs += us;
		if (name === '(program)') programUs += us;
		/** @type {Set<string>} */
		const seen = new Set();
		for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parent.get(at)) {
			const frame = byId.get(at);
			if (!frame || frame.callFrame.functionName === '(root)') break;
			const key = keyOf(frame);
			let entry = functions.get(key);
			if (!entry) {
				const [fn, where] = key.split('\u0000');
				entry = { name: fn, where, area: areaOf(where), selfMs: 0, totalMs: 0 };
				functions.set(key, entry);
			}
			if (at === id) entry.selfMs += us / 1000;
			if (!seen.has(key)) {
				seen.add(key);
				entry.totalMs += us / 1000;
			}
		}
	}
	return { functions: [...functions.values()], totalMs: totalUs / 1000, idleMs: idleUs / 1000, gcMs: gcUs / 1000, programMs: programUs / 1000 };
}

/**
 * @param {CpuProfile} profile
 * @param {number} top
 * @returns {string}
 */
function summary(profile, top) {
	const { functions, totalMs, idleMs, gcMs, programMs } = analyze(profile);
	const pct = (/** @type {number} */ x) => `${((100 * x) / totalMs).toFixed(1).padStart(5)} %`;
	const lines = [];
	lines.push(
		`busy ${totalMs.toFixed(0)} ms (idle ${idleMs.toFixed(0)} ms not counted); garbage collector ${pct(gcMs)}, (program) ${pct(programMs)}`,
	);
	/** @type {Map<string, number>} */
	const areas = new Map();
	for (const f of functions) areas.set(f.area, (areas.get(f.area) ?? 0) + f.selfMs);
	lines.push(
		'self time by area: ' +
			[...areas]
				.sort((x, y) => y[1] - x[1])
				.map(([area, msSelf]) => `${area} ${pct(msSelf).trim()}`)
				.join(', '),
	);
	/** @param {FunctionTime} f */
	const line = (f) => `  ${pct(f.selfMs)} self ${pct(f.totalMs)} total  ${f.name}  ${f.where}`;
	lines.push(`\ntop ${top} by self time:`);
	for (const f of [...functions].sort((x, y) => y.selfMs - x.selfMs).slice(0, top)) lines.push(line(f));
	for (const area of ['dist (the node)', 'n8n-core', 'n8n-workflow']) {
		const inArea = functions.filter((f) => f.area === area);
		if (inArea.length === 0) continue;
		lines.push(`\n${area}: top by self time`);
		for (const f of [...inArea].sort((x, y) => y.selfMs - x.selfMs).slice(0, Math.min(top, 15))) lines.push(line(f));
		lines.push(`${area}: top by total time`);
		for (const f of [...inArea].sort((x, y) => y.totalMs - x.totalMs).slice(0, Math.min(top, 15))) lines.push(line(f));
	}
	return lines.join('\n');
}

/**
 * The profile with repository-relative script URLs (no path of this machine in the file).
 * @param {CpuProfile} profile
 * @returns {CpuProfile}
 */
function portable(profile) {
	return {
		...profile,
		nodes: profile.nodes.map((node) => ({ ...node, callFrame: { ...node.callFrame, url: relativeUrl(node.callFrame.url) } })),
	};
}

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
	const { makeItems, batched } = require('./clients');
	const { runNode, sandboxCredentials } = require('../lib/engine');
	const { nodeParameters } = require('../bench');

	const sb = await startSandboxChild({ key: KEY, latencyMs: options.latencyMs });
	const session = new inspector.Session();
	session.connect();
	try {
		const credentials = sandboxCredentials(sb.baseUrl, sb.key);
		const target = { baseUrl: sb.baseUrl, key: sb.key };
		const items = makeItems(options.n);
		const parameters = (/** @type {import('./clients').Operation} */ op) => nodeParameters(op, options.concurrency);
		/** @param {import('./clients').Operation} op */
		const prepare = async (op) => {
			await sb.reset();
			if (op !== 'create' && op !== 'upsert') await batched(target, 'create', items, 4);
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
			await prepare(op);
			await once(op); // warm-up, not profiled
			let wallMs = 0;
			/** @type {CpuProfile | undefined} */
			let merged;
			for (let run = 0; run < options.runs; run++) {
				await prepare(op);
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

/**
 * Two profiles of the same process as one: the second's nodes get new ids; time adds up.
 * @param {CpuProfile} a
 * @param {CpuProfile} b
 * @returns {CpuProfile}
 */
function mergeProfiles(a, b) {
	const offset = Math.max(...a.nodes.map((node) => node.id));
	const nodes = b.nodes.map((node) => ({
		...node,
		id: node.id + offset,
		children: (node.children ?? []).map((child) => child + offset),
	}));
	// b keeps its own (root): the analysis walks each stack up to a (root), either one.
	return {
		nodes: [...a.nodes, ...nodes],
		startTime: a.startTime,
		endTime: a.endTime + (b.endTime - b.startTime),
		samples: [...a.samples, ...b.samples.map((id) => id + offset)],
		// b's first delta is the time from b's start to its first sample: not time of a's last sample.
		timeDeltas: [...a.timeDeltas, 0, ...b.timeDeltas.slice(1)],
	};
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
