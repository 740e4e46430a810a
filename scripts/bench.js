// @ts-check
'use strict';

/**
 * `npm run bench`: how close the IMIconnect node, run inside n8n's engine, comes to the physical limit of
 * the same work, how it keeps a tenant's rate limit, and (--network wan) what a long HTTPS path costs.
 * Figures are ratios against baselines measured in the same run, never assertions. See bench/README.md.
 */

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const OPERATIONS = /** @type {const} */ (['create', 'update', 'upsert', 'get', 'delete']);

const HELP = `npm run bench [-- flags]   (builds dist/ first; or: node scripts/bench.js [flags])

  --only <ops>        operations, comma-separated: create, update, upsert, get, delete (default
                      create, get, delete; wan: create); update and upsert run at N = 10 000 only
  --n <list>          N values (default 1000,10000; wan: 10000)
  --latency <list>    added latencies in ms per request (default 0,20)
  --concurrency <l>   concurrencies, 0 = Auto, the default (default 0,1,2,4,8)
  --repeat <r>        repetitions of (b) and (c), medians (default 2; wan: 1)
  --rate <list>       sandbox rate limits R of the loop and parallel cases (default 20; 0 = skip them)
  --out <file>        write the summary there (a run of the defaults writes bench/results.md or
                      bench/results-wan.md; any other run nothing unless --out is given)
  --network wan       over HTTPS through a proxy adding a round trip (create, N 10 000)
  --rtt <list>        (wan) round trips in ms (default 50,150; the rate cases run at the first)
  --help
`;

/**
 * partial: anything but the defaults (only --repeat or --out given); rtts: set with --network wan.
 * @typedef {NonNullable<ReturnType<typeof readOptions>>} Options
 */

/** @param {string} flag @param {string} list */
function numbers(flag, list) {
	const values = list.split(',').map((part) => Number(part.trim()));
	if (values.some((v) => !Number.isInteger(v) || v < 0)) throw new TypeError(`${flag} needs whole numbers ≥ 0, comma-separated, got ${JSON.stringify(list)}`);
	return values;
}

/** undefined after --help */
function readOptions() {
	const flags = ['only', 'n', 'latency', 'concurrency', 'repeat', 'rate', 'out', 'network', 'rtt'];
	const { values } = parseArgs({
		options: { ...Object.fromEntries(flags.map((f) => [f, { type: /** @type {const} */ ('string') }])), help: { type: 'boolean', short: 'h' } },
		strict: true,
	});
	const v = /** @type {Record<string, string | undefined> & { help?: boolean }} */ (values);
	if (v.help) return void process.stdout.write(HELP);
	if (v.network !== undefined && v.network !== 'wan') throw new TypeError(`--network: only 'wan' is known, got ${JSON.stringify(v.network)}`);
	const wan = v.network === 'wan';
	const asked = v.only?.split(',').map((/** @type {string} */ op) => op.trim());
	const unknown = asked?.filter((op) => !(/** @type {readonly string[]} */ (OPERATIONS).includes(op))) ?? [];
	if (unknown.length) throw new TypeError(`--only: unknown operation(s) ${unknown.join(', ')}; known: ${OPERATIONS.join(', ')}`);
	const repeat = v.repeat !== undefined ? numbers('--repeat', v.repeat)[0] : wan ? 1 : 2;
	if (!(repeat >= 1)) throw new TypeError('--repeat must be 1 or more');
	const rates = v.rate !== undefined ? numbers('--rate', v.rate).filter((r) => r > 0) : [20];
	return {
		operations: /** @type {import('./bench/clients').Operation[]} */ (asked ? OPERATIONS.filter((op) => asked.includes(op)) : wan ? ['create'] : ['create', 'get', 'delete']),
		ns: v.n !== undefined ? numbers('--n', v.n).filter((n) => n > 0) : wan ? [10_000] : [1_000, 10_000],
		latencies: v.latency !== undefined ? numbers('--latency', v.latency) : [0, 20],
		concurrencies: v.concurrency !== undefined ? numbers('--concurrency', v.concurrency) : [0, 1, 2, 4, 8],
		repeat,
		rate: rates.length > 0,
		rates,
		rateLatency: 20,
		out: v.out,
		partial: [v.only, v.n, v.latency, v.concurrency, v.rtt, v.rate].some((x) => x !== undefined),
		rtts: /** @type {number[] | undefined} */ (wan ? (v.rtt !== undefined ? numbers('--rtt', v.rtt) : [50, 150]) : undefined),
	};
}

if (require.main === module) {
	/** @param {unknown} error */
	const fail = (error) => {
		process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	};
	let options;
	try {
		options = readOptions();
	} catch (error) {
		process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n${HELP}`);
		process.exit(2);
	}
	if (options !== undefined) {
		const { trustedCertificate, relaunch } = require('./bench/sandbox');
		const wan = options.rtts !== undefined;
		if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'nodes', 'Imiconnect', 'Imiconnect.node.js'))) {
			fail(new Error('dist/ is missing: run `npm run build` first (npm run bench does)'));
		} else if (typeof (/** @type {any} */ (globalThis).gc) !== 'function' || (wan && trustedCertificate() === undefined)) {
			relaunch(__filename, wan).catch(fail);
		} else {
			(wan ? require('./bench/wan').runWan(options) : require('./bench/lan').runLan(options)).catch(fail);
		}
	}
}
