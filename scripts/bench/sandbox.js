// @ts-check
'use strict';

/**
 * The benchmark's sandbox: `node sandbox/cli.js` in a child process (so that the benchmark process's CPU
 * time and heap are the client side only), on a free port of 127.0.0.1, bodies not logged, driven through
 * its admin endpoints. For --network wan: a certificate made at run time (sandbox/tls.js, `selfsigned`,
 * RSA 2048 as most public APIs serve) that the benchmark's process trusts through NODE_EXTRA_CA_CERTS
 * (read at start-up, hence the relaunch), never by turning verification off.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const CLI = path.resolve(__dirname, '..', '..', 'sandbox', 'cli.js');
const TLS_DIR_ENV = 'IMICONNECT_BENCH_TLS_DIR';
/** Profile keys, each its own tenant: a node run that must start with a cold governor takes a new one. */
const KEYS = Array.from({ length: 600 }, (_, i) => `bench-key-${i + 1}`);

/**
 * @typedef {object} Sandbox
 * @property {string} baseUrl
 * @property {string} key the first tenant's key (plain clients, store set-up)
 * @property {() => string} freshKey a key no node run has used yet
 * @property {(key: string) => number} tenantOf the sandbox's tenant index of a key (its log and `throttled.byTenant`)
 * @property {(method: string, name: string, body?: unknown) => Promise<any>} admin
 * @property {() => Promise<{ requests: number, profiles: number }>} stats
 * @property {(options?: Record<string, unknown>) => Promise<void>} reset store, log and counters emptied; `options` applied after
 * @property {() => Promise<void>} stop
 */

/**
 * @param {{ latencyMs: number, tls?: { certFile: string, keyFile: string } }} options
 * @returns {Promise<Sandbox>}
 */
function startSandbox(options) {
	const args = [CLI, '--port', '0', '--key', 'bench-profile-key', '--keys', KEYS.join(','), '--latency', String(options.latencyMs), '--no-log-bodies'];
	if (options.tls) args.push('--tls-cert', options.tls.certFile, '--tls-key', options.tls.keyFile);
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
	const kill = () => void child.kill('SIGTERM');
	process.once('exit', kill);
	let used = 0;
	return new Promise((resolve, reject) => {
		let out = '';
		child.once('error', reject);
		child.once('exit', (code, signal) => reject(new Error(`the sandbox exited (${code ?? signal}) before it was ready: ${out}`)));
		child.stdout?.setEncoding('utf8');
		child.stdout?.on('data', (/** @type {string} */ chunk) => {
			out += chunk;
			const match = /IMIconnect sandbox: (https?:\/\/127\.0\.0\.1:\d+\/resources\/v2)\s+key: (\S+)/.exec(out);
			if (!match) return;
			child.removeAllListeners('exit');
			child.stdout?.removeAllListeners('data');
			child.stdout?.resume();
			const url = match[1].replace(/\/resources\/v2$/, '');
			/** @type {Sandbox['admin']} */
			const admin = async (method, name, body) => {
				const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
				const response = await fetch(`${url}/_sandbox/${name}`, init);
				const json = await response.json();
				if (!response.ok) throw new Error(`sandbox ${method} ${name}: HTTP ${response.status} ${JSON.stringify(json)}`);
				return json;
			};
			resolve({
				baseUrl: match[1],
				key: match[2],
				freshKey: () => {
					if (used >= KEYS.length) throw new Error('the sandbox ran out of fresh keys');
					return KEYS[used++];
				},
				tenantOf: (key) => KEYS.indexOf(key) + 1,
				admin,
				stats: () => admin('GET', 'stats'),
				reset: async (config) => {
					await admin('POST', 'reset');
					if (config) await admin('POST', 'config', config);
				},
				stop: () =>
					new Promise((done) => {
						process.off('exit', kill);
						if (child.exitCode !== null || child.signalCode !== null) return done();
						child.once('exit', () => done());
						child.kill('SIGTERM');
					}),
			});
		});
	});
}

/** The run's certificate when this process was relaunched trusting it; undefined otherwise. */
function trustedCertificate() {
	const dir = process.env[TLS_DIR_ENV];
	const certFile = dir ? path.join(dir, 'cert.pem') : '';
	if (!dir || !fs.existsSync(certFile) || process.env.NODE_EXTRA_CA_CERTS !== certFile) return undefined;
	return { certFile, keyFile: path.join(dir, 'key.pem') };
}

/**
 * Runs `script` again with `--expose-gc` (heap figures) and, with `trust`, a certificate made for it and
 * trusted; exits with its code, the certificate removed.
 * @param {string} script
 * @param {boolean} trust
 */
async function relaunch(script, trust) {
	const env = { ...process.env };
	/** @type {string | undefined} */
	let dir;
	if (trust) {
		const { selfSignedCertificate } = require('../../sandbox/tls');
		const { key, cert } = await selfSignedCertificate({ keyType: 'rsa', days: 2 });
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imiconnect-bench-tls-'));
		fs.writeFileSync(path.join(dir, 'cert.pem'), cert);
		fs.writeFileSync(path.join(dir, 'key.pem'), key, { mode: 0o600 });
		env[TLS_DIR_ENV] = dir;
		env.NODE_EXTRA_CA_CERTS = path.join(dir, 'cert.pem');
	}
	const child = spawn(process.execPath, ['--expose-gc', ...process.execArgv, script, ...process.argv.slice(2)], { stdio: 'inherit', env });
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
	child.on('exit', (code, signal) => {
		if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
		process.exit(code ?? (signal ? 1 : 0));
	});
}

module.exports = { startSandbox, trustedCertificate, relaunch };
