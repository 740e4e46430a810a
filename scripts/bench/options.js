// @ts-check
'use strict';

/**
 * The benchmark's command line (scripts/bench.js): flags, their defaults, and which operations run at which N.
 */

const { parseArgs } = require('node:util');

const FULL_NS = [1_000, 10_000, 100_000];
const QUICK_NS = [1_000, 10_000];
const LATENCIES = [0, 20];
const BASE_OPERATIONS = /** @type {const} */ (['create', 'get', 'delete']);
/** Extra operations, at N = 10 000 only. */
const EXTRA_OPERATIONS = /** @type {const} */ (['update', 'upsert']);
const EXTRA_N = 10_000;
const ALL_OPERATIONS = ['create', 'update', 'upsert', 'get', 'delete'];

const HELP = `npm run bench [-- flags]   (builds dist/ first; or: node scripts/bench.js [flags])

  --quick             N = 1 000 and 10 000 only, and no (a) at N = 10 000 with 20 ms
  --only <ops>        operations to run, comma-separated: create, update, upsert, get, delete
  --n <list>          N values, comma-separated (default 1000,10000,100000)
  --latency <list>    added latencies in ms, comma-separated (default 0,20)
  --repeat <r>        repetitions of (b) and (c) per case, medians reported
                      (default 3 for N ≤ 10 000, 1 above)
  --out <file>        write the summary (Markdown) there (a full run writes bench/results.md;
                      a partial run writes nothing unless --out is given)
  --network wan       over HTTPS through a proxy adding a round trip: keep-alive fetch, a new
                      connection per request, and the node (default: create and get, N 10 000,
                      RTT 50 and 150 ms, concurrency 1, 2, 4, 8, repeat 3; bench/results-wan.md)
  --rtt <list>        (wan) round trips in ms, comma-separated (default 50,150)
  --concurrency <l>   (wan) concurrencies, comma-separated (default 1,2,4,8)
  --help
`;

/** @typedef {import('./clients').Operation} Operation */

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
 * @property {import('./wan').WanOptions | undefined} wan options of --network wan
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

module.exports = { HELP, ALL_OPERATIONS, readOptions, operationsAt };
