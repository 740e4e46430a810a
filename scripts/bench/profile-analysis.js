// @ts-check
'use strict';

/**
 * Reading a V8 CPU profile (.cpuprofile): self and total time per function, grouped by where the
 * code lives, as a text summary; two profiles of one process merged; script paths made
 * repository-relative so that a profile carries no path of the machine.
 */

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

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

module.exports = { summary, portable, mergeProfiles };
