#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Command line: `npm run sandbox -- [flags]` or `node sandbox/cli.js [flags]`.
 */

const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { startSandbox } = require('./server');
const { addDemoData } = require('./demo');
const { DEFAULT_KEY } = require('./options');

const HELP = `IMIconnect Profile API sandbox

Usage: node sandbox/cli.js [flags]

  --port <n>             port on 127.0.0.1 (default 4010; 0 = a random free port)
  --key <key>            profile key expected in the "key" header (default ${DEFAULT_KEY})
  --mode <m>             success (writes applied at once) | queued (answered QUEUED, applied later)
  --legacy-queued        queued mode answers {"response":{"code":"1001","description":"Queued",…}}
  --queue-polls <n>      status polls answered 7600 before a queued write is applied (default 2)
  --queue-delay <ms>     a queued write is applied after this long at the latest (default 1000)
  --error-status <s>     200 (errors with HTTP 200, default) | 4xx (errors with 4xx/5xx)
  --latency <ms>         added latency per request (default 0)
  --rate-limit <n>       requests per second; over it → 7020 (default 0 = off)
  --keys <k1,k2>         more profile keys accepted, each its own tenant (comma-separated)
  --rate-limit-per-key <n>  requests per second per key (tenant), counted apart (default 0 = off)
  --retry-after <s>      7020 answers carry Retry-After: s (default 0 = none)
  --error-share <x>      share 0..1 of requests answered 7006 (default 0)
  --drop-share <x>       share 0..1 of requests whose connection is dropped (default 0)
  --seed <n>             seed of the random shares (default 1)
  --no-log-bodies        do not keep request bodies in the request log
  --data <file>          load the store from this JSON file, save it after each applied write
  --demo                 add a few demo profiles and app profiles
  --tls-cert <file>      serve HTTPS with this certificate (PEM; needs --tls-key)
  --tls-key <file>       the certificate's private key (PEM)
  --help                 this text
`;

/**
 * @param {string} flag
 * @param {string | undefined} value
 * @returns {number | undefined}
 */
function num(flag, value) {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (value.trim() === '' || !Number.isFinite(n)) throw new TypeError(`${flag} needs a number, got ${JSON.stringify(value)}`);
	return n;
}

async function main() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			key: { type: 'string' },
			mode: { type: 'string' },
			'legacy-queued': { type: 'boolean' },
			'queue-polls': { type: 'string' },
			'queue-delay': { type: 'string' },
			'error-status': { type: 'string' },
			latency: { type: 'string' },
			'rate-limit': { type: 'string' },
			keys: { type: 'string' },
			'rate-limit-per-key': { type: 'string' },
			'retry-after': { type: 'string' },
			'error-share': { type: 'string' },
			'drop-share': { type: 'string' },
			seed: { type: 'string' },
			'no-log-bodies': { type: 'boolean' },
			data: { type: 'string' },
			demo: { type: 'boolean' },
			'tls-cert': { type: 'string' },
			'tls-key': { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
		strict: true,
	});
	if (values.help) {
		process.stdout.write(HELP);
		return;
	}
	if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
		throw new TypeError('--tls-cert and --tls-key go together');
	}
	const tls =
		values['tls-cert'] !== undefined && values['tls-key'] !== undefined
			? { cert: fs.readFileSync(values['tls-cert'], 'utf8'), key: fs.readFileSync(values['tls-key'], 'utf8') }
			: undefined;
	const sb = await startSandbox({
		port: num('--port', values.port) ?? 4010,
		key: values.key,
		mode: values.mode,
		legacyQueued: values['legacy-queued'],
		queuePolls: num('--queue-polls', values['queue-polls']),
		queueDelayMs: num('--queue-delay', values['queue-delay']),
		errorStatus: values['error-status'],
		latencyMs: num('--latency', values.latency),
		rateLimitPerSecond: num('--rate-limit', values['rate-limit']),
		keys: values.keys === undefined ? undefined : values.keys.split(',').filter((key) => key !== ''),
		rateLimitPerKey: num('--rate-limit-per-key', values['rate-limit-per-key']),
		retryAfterSeconds: num('--retry-after', values['retry-after']),
		error7006Share: num('--error-share', values['error-share']),
		dropShare: num('--drop-share', values['drop-share']),
		randomSeed: num('--seed', values.seed),
		logBodies: values['no-log-bodies'] ? false : undefined,
		dataFile: values.data,
		tls,
	});
	if (values.demo) {
		const added = addDemoData(sb.store);
		if (added.profiles + added.appProfiles > 0) sb.save();
	}
	const o = sb.options;
	process.stdout.write(`IMIconnect sandbox: ${sb.baseUrl}  key: ${sb.key}\n`);
	process.stdout.write(
		`  mode ${o.mode}${o.mode === 'queued' ? ` (${o.legacyQueued ? 'legacy 1001, ' : ''}${o.queuePolls} polls / ${o.queueDelayMs} ms)` : ''}` +
			`, errors with HTTP ${o.errorStatus}, ${sb.store.counts.profiles} profiles, ${sb.store.counts.appProfiles} app profiles` +
			`${o.dataFile ? `, data ${o.dataFile}` : ''}\n  admin: ${sb.url}/_sandbox/{log,stats,config,faults,reset,store}\n`,
	);

	let stopping = false;
	/** @param {string} signal */
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`IMIconnect sandbox: ${signal}, stopping\n`);
		sb.close().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(`imiconnect sandbox: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
