// @ts-check
'use strict';

/**
 * `npm run bench -- --network wan`: the sandbox over HTTPS behind a proxy that adds a round trip
 * (scripts/bench/wan-proxy.js), and three clients side by side: (b) keep-alive `fetch`, (b′) a new
 * connection per request like n8n's request helper, (c) the node in n8n's engine. See bench/README.md.
 * bench.js starts this in a process that trusts the run's certificate (NODE_EXTRA_CA_CERTS).
 */

const os = require('node:os');
const path = require('node:path');
const { prepare } = require('./store');
const { say, writeSummary } = require('./text');
const { machine, versionOf } = require('./machine');

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = 'bench-profile-key';
const WARMUP_N = 2_000;

/**
 * @typedef {import('./clients').Operation} Operation
 * @typedef {import('./clients').BenchItem} BenchItem
 * @typedef {import('./wan-report').WanCase} WanCase
 * @typedef {import('./wan-report').WanSide} WanSide
 * @typedef {'b' | 'bNew' | 'c'} Client
 *
 * @typedef {object} WanOptions
 * @property {Operation[]} operations
 * @property {number[]} ns
 * @property {number[]} rtts round trips in ms
 * @property {number[]} concurrencies
 * @property {number} repeat
 * @property {string | undefined} out
 * @property {boolean} partial
 *
 * @typedef {object} Context
 * @property {import('./sandbox-child').SandboxChild} sb
 * @property {import('./wan-proxy').WanProxy} proxy
 * @property {{ baseUrl: string, key: string }} direct the sandbox itself (store set-up, warm-up)
 * @property {{ baseUrl: string, key: string }} far the sandbox through the proxy (the measured runs)
 * @property {import('./store').StoreState} store
 */

/**
 * One client's run of `op` on `items`, without measuring.
 * @param {Client} client
 * @param {{ baseUrl: string, key: string }} target
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {number} concurrency
 * @returns {Promise<number>} failures
 */
async function runClient(client, target, op, items, concurrency) {
	const { batched, sendOverNewConnection } = require('./clients');
	if (client !== 'c') {
		const run = await batched(target, op, items, concurrency, client === 'bNew' ? sendOverNewConnection : undefined);
		return run.failures;
	}
	const { runNode, sandboxCredentials } = require('../lib/engine');
	const { DONE, nodeParameters } = require('./node-parameters');
	const done = DONE[op];
	const result = await runNode({
		parameters: nodeParameters(op, concurrency),
		items: /** @type {any} */ (items),
		credentials: sandboxCredentials(target.baseUrl, target.key),
	});
	if (result.error) return items.length;
	let failures = Math.max(0, items.length - result.items.length);
	for (const item of result.items) {
		if (item.json.error !== undefined || (done !== undefined && item.json.status !== done)) failures++;
	}
	return failures;
}

/**
 * A measured run: the store prepared, every connection through the proxy closed (each client starts
 * cold), the sandbox's requests and the proxy's connections read before and after.
 * @param {Context} ctx
 * @param {Client} client
 * @param {Operation} op
 * @param {BenchItem[]} items
 * @param {number} concurrency
 */
async function measureClient(ctx, client, op, items, concurrency) {
	const { measure } = require('./measure');
	await prepare(ctx, op, items, ctx.direct);
	await ctx.proxy.drop();
	const { connectionRetries } = require('./clients');
	const [before, proxyBefore, retriesBefore] = [await ctx.sb.stats(), await ctx.proxy.stats(), connectionRetries.count];
	let failures = 0;
	const measured = await measure(
		() => runClient(client, ctx.far, op, items, concurrency),
		(f) => {
			failures = f;
		},
	);
	const [after, proxyAfter] = [await ctx.sb.stats(), await ctx.proxy.stats()];
	ctx.store = after.profiles === items.length ? 'full' : after.profiles === 0 ? 'empty' : 'unknown';
	return {
		wallMs: measured.wallMs,
		cpuMs: measured.cpuMs,
		requests: after.requests - before.requests,
		connections: proxyAfter.connections - proxyBefore.connections,
		failures,
		retries: connectionRetries.count - retriesBefore,
		upstreamFailures: proxyAfter.upstreamFailures - proxyBefore.upstreamFailures,
	};
}

/**
 * @param {Array<Awaited<ReturnType<typeof measureClient>>>} runs
 * @returns {WanSide}
 */
function side(runs) {
	const { median } = require('./measure');
	return {
		requests: Math.max(...runs.map((r) => r.requests)),
		connections: Math.max(...runs.map((r) => r.connections)),
		wallMs: median(runs.map((r) => r.wallMs)),
		cpuMs: median(runs.map((r) => r.cpuMs)),
		failures: runs.reduce((sum, r) => sum + r.failures, 0),
		retries: runs.reduce((sum, r) => sum + r.retries, 0),
		upstreamFailures: runs.reduce((sum, r) => sum + r.upstreamFailures, 0),
		wallMsRuns: runs.map((r) => Math.round(r.wallMs)),
	};
}

/**
 * Compile the clients' and the node's code (and n8n-core's) before anything is measured.
 * @param {Context} ctx
 * @param {WanOptions} options
 */
async function warmUp(ctx, options) {
	const { makeItems } = require('./clients');
	const items = makeItems(WARMUP_N);
	for (const op of options.operations) {
		for (const client of /** @type {Client[]} */ (['b', 'bNew', 'c'])) {
			await prepare(ctx, op, items, ctx.direct);
			await runClient(client, ctx.direct, op, items, 1);
			ctx.store = op === 'create' ? 'full' : ctx.store;
		}
	}
	await ctx.sb.reset();
	ctx.store = 'empty';
}

/** @param {WanOptions} options */
async function runWan(options) {
	const { startSandboxChild } = require('./sandbox-child');
	const { startWanProxy } = require('./wan-proxy');
	const { makeItems } = require('./clients');
	const { wanTable, wanVerdicts, progressHeader, progressLine } = require('./wan-report');
	const tls = require('./tls-cert').trustedCertificate();
	if (tls === undefined) throw new Error('--network wan must be started by scripts/bench.js, which makes the certificate and trusts it');
	const meta = {
		date: new Date().toISOString(),
		...machine(),
		loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
		loadAverageAtEnd: /** @type {number[]} */ ([]),
		n8nCore: versionOf('n8n-core'),
		args: process.argv.slice(2),
		network:
			'sandbox over HTTPS (self-signed RSA 2048 certificate made at run time, trusted via NODE_EXTRA_CA_CERTS), behind a TCP proxy ' +
			'on 127.0.0.1 in its own process adding RTT/2 to every chunk each way and a TCP handshake round trip to each new connection',
		clients:
			'b: global fetch (undici, keep-alive); b′: node:https, a new agent (new TCP + TLS connection) per request; c: scripts/lib/engine.js runNode (n8n-core WorkflowExecute, dist/)',
		repeat: options.repeat,
		durationMs: 0,
	};
	const estimate = options.rtts.reduce((sum, rtt) => sum + options.concurrencies.reduce((s, k) => s + (7 * rtt) / k, 0), 0) *
		options.operations.length * options.repeat * options.ns.reduce((s, n) => s + Math.ceil(n / 100), 0) / 1000;
	say(
		`IMIconnect node benchmark, --network wan — ${meta.date}\nnode ${meta.node}, ${meta.cpuCount} × ${meta.cpuModel}, load ` +
			`${meta.loadAverageAtStart.join(' ')}; n8n-core ${meta.n8nCore}\nN ${options.ns.join(', ')}; RTT ${options.rtts.join(', ')} ms; ` +
			`concurrency ${options.concurrencies.join(', ')}; operations ${options.operations.join(', ')}; repeat ${options.repeat}; ` +
			`estimated ${Math.round(estimate / 60)} min\n`,
	);
	const started = Date.now();
	/** @type {WanCase[]} */
	const cases = [];
	for (const rttMs of options.rtts) {
		const sb = await startSandboxChild({ key: KEY, latencyMs: 0, tls });
		const proxy = await startWanProxy({ targetPort: Number(new URL(sb.url).port), oneWayMs: rttMs / 2 });
		const stop = () => {
			sb.child.kill('SIGTERM');
			proxy.child.kill('SIGTERM');
		};
		process.once('exit', stop);
		try {
			/** @type {Context} */
			const ctx = {
				sb,
				proxy,
				direct: { baseUrl: sb.baseUrl, key: sb.key },
				far: { baseUrl: `https://127.0.0.1:${proxy.port}/resources/v2`, key: sb.key },
				store: 'unknown',
			};
			say(`sandbox ${sb.baseUrl} (process ${sb.child.pid}) behind the proxy ${ctx.far.baseUrl}: ${rttMs} ms round trip`);
			await warmUp(ctx, options);
			say(`  ${progressHeader()}`);
			for (const n of options.ns) {
				const items = makeItems(n);
				ctx.store = 'unknown';
				for (const op of options.operations) {
					for (const concurrency of options.concurrencies) {
						/** @type {Record<Client, Array<Awaited<ReturnType<typeof measureClient>>>>} */
						const runs = { b: [], bNew: [], c: [] };
						for (let r = 0; r < options.repeat; r++) {
							for (const client of /** @type {Client[]} */ (['b', 'bNew', 'c'])) {
								runs[client].push(await measureClient(ctx, client, op, items, concurrency));
							}
						}
						const [b, bNew, c] = [side(runs.b), side(runs.bNew), side(runs.c)];
						const sequential = cases.find((x) => x.operation === op && x.n === n && x.rttMs === rttMs && x.concurrency === 1);
						/** @type {WanCase} */
						const result = {
							operation: op,
							n,
							rttMs,
							concurrency,
							repeat: options.repeat,
							b,
							bNew,
							c,
							ratios: {
								cOverBNew: c.wallMs / bNew.wallMs,
								cOverB: c.wallMs / b.wallMs,
								cOverBSequential: concurrency === 1 ? c.wallMs / b.wallMs : sequential ? c.wallMs / sequential.b.wallMs : null,
								expectedRequests: Math.ceil(n / 100),
								cRequestsPerSecond: c.requests / (c.wallMs / 1000),
							},
						};
						cases.push(result);
						say(`  ${progressLine(result)}`);
						for (const [name, s] of /** @type {const} */ ([['b', b], ['b′', bNew], ['c', c]])) {
							if (s.failures > 0) say(`    warning: ${name}: ${s.failures} items not done`);
							if (s.retries > 0 || s.upstreamFailures > 0) {
								say(`    warning: ${name}: ${s.retries} requests sent again after a lost connection, ${s.upstreamFailures} upstream connection failures at the proxy`);
							}
						}
					}
				}
			}
		} finally {
			process.off('exit', stop);
			await Promise.all([sb.stop(), proxy.stop()]);
		}
	}
	meta.durationMs = Date.now() - started;
	meta.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
	const table = wanTable(cases);
	say(`\n${table}\n`);
	const legend =
		"b: keep-alive fetch; b′: a new TCP + TLS connection per request; c: the node in n8n's engine. c/b(conc 1): c against the\n" +
		'sequential keep-alive b of the same RTT. CPU ms/req: CPU time of the benchmark process per request (client side only).';
	say(legend);
	const targets = wanVerdicts(cases);
	say('\nTargets:');
	for (const text of targets) say(`  ${text}`);
	say(`\n${Math.round(meta.durationMs / 1000)} s in all; load average at the end ${meta.loadAverageAtEnd.join(' ')}`);
	const out = options.out ?? (options.partial ? undefined : path.join(ROOT, 'bench', 'results-wan.md'));
	if (out === undefined) {
		say('summary not written (a partial run); --out FILE writes it');
		return;
	}
	writeSummary(out, { title: 'Benchmark over a WAN (--network wan)', meta, table, legend, targets });
}

module.exports = { runWan };
