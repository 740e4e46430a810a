// @ts-check
'use strict';

/**
 * `npm run bench -- --network wan`: the sandbox over HTTPS behind a proxy adding a round trip
 * (wan-proxy.js); per RTT: (b) keep-alive fetch, sequential (the baseline) and at each fixed concurrency;
 * (b′) a new connection per request like n8n's helper, at concurrency 4 and 8; (c) the node at Auto (the
 * default) and each fixed concurrency; then the rate cases at the first RTT. bench.js starts this in a
 * process that trusts the run's certificate.
 */

const { makeItems, batched, sendOverNewConnection, connectionRetries, runNodeOn } = require('./clients');
const { measure, median, prepare } = require('./measure');
const { say, fmt, ratio, conc, table, runFacts, finish } = require('./text');

/** (b′) costs as much as (c): measured where it is short, enough to show what the node adds to n8n's transport. */
const B_NEW_AT = [4, 8];
/** Issue 19: the default run against the sequential keep-alive client, by RTT. */
const AUTO_TARGETS = /** @type {Record<number, number>} */ ({ 50: 0.8, 150: 1.0 });

/**
 * @typedef {import('./clients').Operation} Operation
 * @typedef {{ wallMs: number, cpuMs: number, requests: number, connections: number, failures: number, retries: number }} Side
 * @typedef {{ op: Operation, n: number, rttMs: number, concurrency: number, b: Side | null, bNew: Side | null, c: Side, bSeq: Side }} WanRow
 */

/**
 * A measured run: the store prepared, every connection through the proxy closed (each client starts cold).
 * @param {{ sb: import('./sandbox').Sandbox, proxy: import('./wan-proxy').WanProxy, store: 'empty' | 'full' | 'unknown', far: string }} ctx
 * @param {'b' | 'bNew' | 'c'} client @param {Operation} op @param {import('./clients').BenchItem[]} items @param {number} concurrency
 * @param {number} repeat @returns {Promise<Side>}
 */
async function side(ctx, client, op, items, concurrency, repeat) {
	/** @type {Side[]} */
	const runs = [];
	for (let r = 0; r < repeat; r++) {
		await prepare(ctx, op, items);
		await ctx.proxy.drop();
		const [before, proxyBefore, retriesBefore] = [await ctx.sb.stats(), await ctx.proxy.stats(), connectionRetries.count];
		const target = { baseUrl: ctx.far, key: client === 'c' ? ctx.sb.freshKey() : ctx.sb.key };
		let failures = 0;
		const m = await measure(
			() => /** @type {Promise<{ failures: number }>} */ (client === 'c' ? runNodeOn(target, op, items, concurrency) : batched(target, op, items, concurrency, client === 'bNew' ? sendOverNewConnection : undefined)),
			(run) => void (failures = run.failures),
		);
		const [after, proxyAfter] = [await ctx.sb.stats(), await ctx.proxy.stats()];
		ctx.store = after.profiles === items.length ? 'full' : after.profiles === 0 ? 'empty' : 'unknown';
		const [requests, connections] = [after.requests - before.requests, proxyAfter.connections - proxyBefore.connections];
		runs.push({ wallMs: m.wallMs, cpuMs: m.cpuMs, requests, connections, failures, retries: connectionRetries.count - retriesBefore });
	}
	const mid = (/** @type {keyof Side} */ k) => median(runs.map((s) => s[k]));
	const sum = (/** @type {keyof Side} */ k) => runs.reduce((t, s) => t + s[k], 0);
	const s = { wallMs: mid('wallMs'), cpuMs: mid('cpuMs'), requests: Math.max(...runs.map((x) => x.requests)), connections: Math.max(...runs.map((x) => x.connections)), failures: sum('failures'), retries: sum('retries') };
	if (s.failures || s.retries) say(`    warning: ${client} ${conc(concurrency)}: ${s.failures} items not done, ${s.retries} requests sent again after a lost connection`);
	return s;
}

const COLUMNS = ['operation', 'RTT', 'conc', 'requests b/b′/c', 'connections b/b′/c', 'b s', 'b′ s', 'c s', 'c/b′', 'c/b', 'c/b(seq)', 'c req/s', 'CPU ms/req b/b′/c'];
const LEGEND =
	"b: keep-alive fetch; b′: a new TCP + TLS connection per request (concurrency 4 and 8 only); c: the node in n8n's engine, Auto =\n" +
	'no Concurrency set (the default), every run a fresh tenant (a cold governor). c/b(seq): c against the sequential keep-alive b of\n' +
	'the same RTT (issue 19: Auto ≤ 0.8 at 50 ms, ≤ 1.0 at 150 ms). CPU ms/req: CPU of the benchmark process per request.';

/** @param {WanRow} r */
function cells(r) {
	const sides = [r.b, r.bNew, r.c];
	const secs = (/** @type {Side | null} */ s) => (s ? (s.wallMs / 1000).toFixed(2) : '–');
	return [
		r.op,
		`${r.rttMs} ms`,
		conc(r.concurrency),
		sides.map((s) => (s ? s.requests : '–')).join('/'),
		sides.map((s) => (s ? s.connections : '–')).join('/'),
		secs(r.b),
		secs(r.bNew),
		secs(r.c),
		ratio(r.bNew && r.c.wallMs / r.bNew.wallMs),
		ratio(r.b && r.c.wallMs / r.b.wallMs),
		ratio(r.c.wallMs / r.bSeq.wallMs),
		(r.c.requests / (r.c.wallMs / 1000)).toFixed(1),
		sides.map((s) => (s ? (s.cpuMs / Math.max(1, s.requests)).toFixed(2) : '–')).join('/'),
	];
}

/** @param {import('../bench').Options} options */
async function runWan(options) {
	const { startSandbox, trustedCertificate } = require('./sandbox');
	const { startWanProxy } = require('./wan-proxy');
	const tls = trustedCertificate();
	if (tls === undefined) throw new Error('--network wan must be started by scripts/bench.js, which makes the certificate and trusts it');
	const rtts = /** @type {number[]} */ (options.rtts);
	const facts = {
		...runFacts(),
		network:
			'sandbox over HTTPS (self-signed RSA 2048 certificate made at run time, trusted via NODE_EXTRA_CA_CERTS), behind a TCP proxy on ' +
			'127.0.0.1 in its own process adding RTT/2 to every chunk each way and a TCP handshake round trip to each new connection',
		repeat: options.repeat,
	};
	say(`IMIconnect node benchmark, --network wan — ${facts.date}; node ${facts.node}, ${facts.cpus}, load ${facts.loadAverageAtStart}`);
	say(`N ${options.ns.map(fmt).join(', ')}; RTT ${rtts.join(', ')} ms; concurrency ${options.concurrencies.map(conc).join(', ')}; ${options.operations.join(', ')}; repeat ${options.repeat}\n`);
	const started = Date.now();
	/** @type {WanRow[]} */
	const rows = [];
	/** @type {Array<{ title: string, table: string, legend: string }>} */
	const sections = [];
	/** @type {string[]} */
	const rateTargets = [];
	for (const [ri, rttMs] of rtts.entries()) {
		const sb = await startSandbox({ latencyMs: 0, tls });
		const proxy = await startWanProxy({ targetPort: Number(new URL(sb.baseUrl).port), oneWayMs: rttMs / 2 });
		try {
			const ctx = { sb, proxy, store: /** @type {'empty' | 'full' | 'unknown'} */ ('unknown'), far: `https://127.0.0.1:${proxy.port}/resources/v2` };
			say(`sandbox ${sb.baseUrl} behind the proxy ${ctx.far}: ${rttMs} ms round trip`);
			const warm = makeItems(2_000);
			for (const op of options.operations) {
				await prepare(ctx, op, warm);
				await runNodeOn({ baseUrl: sb.baseUrl, key: sb.freshKey() }, op, warm, 2);
				ctx.store = 'unknown';
			}
			say(`  ${COLUMNS.join('  ')}`);
			for (const n of options.ns) {
				const items = makeItems(n);
				for (const op of options.operations) {
					const bSeq = await side(ctx, 'b', op, items, 1, options.repeat);
					for (const k of options.concurrencies) {
						/** @type {WanRow} */
						const row = {
							op,
							n,
							rttMs,
							concurrency: k,
							b: k === 1 ? bSeq : k > 0 ? await side(ctx, 'b', op, items, k, options.repeat) : null,
							bNew: B_NEW_AT.includes(k) ? await side(ctx, 'bNew', op, items, k, options.repeat) : null,
							c: await side(ctx, 'c', op, items, k, options.repeat),
							bSeq,
						};
						rows.push(row);
						say(`  ${cells(row).join('  ')}`);
					}
				}
			}
			if (ri === 0 && options.rate) {
				const { runRateCases } = require('./rate');
				const rate = await runRateCases({ sb, baseUrl: ctx.far, rates: options.rates, where: `over the WAN proxy, ${rttMs} ms round trip` });
				sections.push(rate.section);
				rateTargets.push(...rate.targets);
			}
		} finally {
			await Promise.all([sb.stop(), proxy.stop()]);
		}
	}
	sections.unshift({ title: 'The cases', table: table(COLUMNS, rows.map(cells), 3), legend: LEGEND });
	const mark = (/** @type {boolean} */ ok) => (ok ? 'MET' : 'NOT MET');
	const wrong = rows.filter((r) => [r.b, r.bNew, r.c].some((s) => s && (s.requests !== Math.ceil(r.n / 100) || s.connections > s.requests)));
	const near = rows.filter((r) => r.bNew);
	const targets = [
		`requests = ⌈N/100⌉ and connections ≤ requests: ${mark(wrong.length === 0)} (${rows.length} cases${wrong.map((r) => `; off: ${r.op} ${r.rttMs} ms ${conc(r.concurrency)}`).join('')})`,
		`c/b′ ≤ 1.1: ${mark(near.every((r) => r.bNew && r.c.wallMs / r.bNew.wallMs <= 1.1))} (${near.map((r) => `${r.rttMs} ms ${r.concurrency} ${ratio(r.bNew && r.c.wallMs / r.bNew.wallMs)}`).join(', ')})`,
	];
	for (const r of rows.filter((x) => x.concurrency === 0)) {
		const limit = AUTO_TARGETS[r.rttMs];
		const fixed = rows.filter((x) => x.op === r.op && x.rttMs === r.rttMs && x.concurrency > 0).map((x) => `${x.concurrency} ${ratio(x.c.wallMs / x.bSeq.wallMs)}`);
		const verdict = limit === undefined ? 'stated' : `≤ ${limit}: ${mark(r.c.wallMs / r.bSeq.wallMs <= limit)}`;
		targets.push(`${r.op} ${fmt(r.n)} at ${r.rttMs} ms, Auto against the sequential keep-alive client ${verdict} (${ratio(r.c.wallMs / r.bSeq.wallMs)}; fixed ${fixed.join(', ')})`);
	}
	targets.push(...rateTargets);
	finish({ title: 'Benchmark over a WAN (--network wan)', facts, sections, targets }, started, options.out, options.partial ? undefined : 'results-wan.md');
}

module.exports = { runWan };
