// @ts-check
'use strict';

/**
 * The benchmark's sandbox: `node sandbox/cli.js` in a child process (so that the benchmark
 * process's CPU time and heap measure only the client side), on a free port of 127.0.0.1, with
 * request bodies not logged. Talks to it through its admin endpoints (/_sandbox/...).
 */

const path = require('node:path');
const { spawn } = require('node:child_process');

const CLI = path.resolve(__dirname, '..', '..', 'sandbox', 'cli.js');
const STARTUP_TIMEOUT_MS = 20_000;

/**
 * @typedef {object} SandboxStats
 * @property {number} requests non-admin requests received since the last reset
 * @property {number} profiles master profiles in the store
 * @property {number} appProfiles
 */

class SandboxChild {
	/**
	 * @param {import('node:child_process').ChildProcess} child
	 * @param {string} baseUrl 'http://127.0.0.1:PORT/resources/v2' (https with TLS)
	 * @param {string} key
	 * @param {number} latencyMs
	 */
	constructor(child, baseUrl, key, latencyMs) {
		this.child = child;
		this.baseUrl = baseUrl;
		this.url = baseUrl.replace(/\/resources\/v2$/, '');
		this.key = key;
		this.latencyMs = latencyMs;
		/** @type {Promise<void> | undefined} */
		this.stopping = undefined;
	}

	/**
	 * @param {string} method
	 * @param {string} name endpoint under /_sandbox/
	 * @param {unknown} [body]
	 * @returns {Promise<any>}
	 */
	async admin(method, name, body) {
		const response = await fetch(`${this.url}/_sandbox/${name}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = await response.json();
		if (!response.ok) throw new Error(`sandbox admin ${method} ${name}: HTTP ${response.status} ${JSON.stringify(json)}`);
		return json;
	}

	/** Empty the store, the log and the request counter (the CLI's options stay). */
	async reset() {
		await this.admin('POST', 'reset');
	}

	/** @returns {Promise<SandboxStats>} */
	async stats() {
		return await this.admin('GET', 'stats');
	}

	/** @returns {Promise<Record<string, unknown>>} */
	async config() {
		return await this.admin('GET', 'config');
	}

	/** @returns {Promise<void>} */
	stop() {
		if (this.stopping === undefined) {
			this.stopping = new Promise((resolve) => {
				if (this.child.exitCode !== null || this.child.signalCode !== null) {
					resolve();
					return;
				}
				this.child.once('exit', () => resolve());
				this.child.kill('SIGTERM');
			});
		}
		return this.stopping;
	}
}

/**
 * Start `node sandbox/cli.js --port 0 --key KEY --latency MS --no-log-bodies` (with `tls`: over
 * HTTPS, `--tls-cert`, `--tls-key`) and wait for the line that names its base URL.
 * @param {{ key: string, latencyMs: number, tls?: { certFile: string, keyFile: string } }} options
 * @returns {Promise<SandboxChild>}
 */
function startSandboxChild(options) {
	const args = [CLI, '--port', '0', '--key', options.key, '--latency', String(options.latencyMs), '--no-log-bodies'];
	if (options.tls) args.push('--tls-cert', options.tls.certFile, '--tls-key', options.tls.keyFile);
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((resolve, reject) => {
		let out = '';
		let err = '';
		const timer = setTimeout(() => {
			child.kill('SIGTERM');
			reject(new Error(`the sandbox did not start within ${STARTUP_TIMEOUT_MS} ms: ${out}${err}`));
		}, STARTUP_TIMEOUT_MS);
		/** @param {unknown} error */
		const fail = (error) => {
			clearTimeout(timer);
			reject(error);
		};
		child.once('error', fail);
		child.once('exit', (code, signal) => fail(new Error(`the sandbox exited (${code ?? signal}) before it was ready: ${out}${err}`)));
		child.stderr?.setEncoding('utf8');
		child.stderr?.on('data', (/** @type {string} */ chunk) => {
			err += chunk;
		});
		child.stdout?.setEncoding('utf8');
		child.stdout?.on('data', (/** @type {string} */ chunk) => {
			out += chunk;
			const match = /IMIconnect sandbox: (https?:\/\/127\.0\.0\.1:\d+\/resources\/v2)\s+key: (\S+)/.exec(out);
			if (!match) return;
			clearTimeout(timer);
			child.removeAllListeners('exit');
			child.removeAllListeners('error');
			child.stdout?.removeAllListeners('data');
			child.stdout?.resume();
			child.on('exit', (code, signal) => {
				if (signal !== 'SIGTERM' && code !== 0) process.stderr.write(`bench: the sandbox exited (${code ?? signal}): ${err}\n`);
			});
			resolve(new SandboxChild(child, match[1], match[2], options.latencyMs));
		});
	});
}

module.exports = { startSandboxChild, SandboxChild };
