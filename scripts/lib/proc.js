// @ts-check
'use strict';

/**
 * What the scripts share for driving processes: run a command (tinyexec), this machine's npm, a
 * free port (get-port), wait until a server answers (wait-on), stop a process group, time a phase,
 * and a lock that serialises work on one folder (proper-lockfile).
 */

const fs = require('node:fs');
const path = require('node:path');
const lockfile = require('proper-lockfile');
const waitOn = require('wait-on');

// tinyexec and get-port are ES modules: required where used, since jest's module loader cannot
// load them and the tests import scripts (check-pack.js) for their pure functions.
const tinyexec = () => /** @type {typeof import('tinyexec')} */ (require('tinyexec'));
const getPort = (/** @type {import('get-port').Options} */ options) => /** @type {typeof import('get-port')} */ (require('get-port')).default(options);

/** @param {number} ms */
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How to run this machine's npm: the npm running us (`npm run …`, its npm-cli.js under `nodeBin`),
 * else `npm` on PATH.
 * @param {string} [nodeBin] the Node to run npm-cli.js with (default: this one)
 * @returns {{ cmd: string, lead: string[] }}
 */
function npm(nodeBin = process.execPath) {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.c?js$/.test(execPath) && fs.existsSync(execPath)) return { cmd: nodeBin, lead: [execPath] };
	return { cmd: process.platform === 'win32' ? 'npm.cmd' : 'npm', lead: [] };
}

/**
 * Runs a command to completion. Its output goes to `logFile` (appended) or, with `verbose`, to our
 * console; resolves with its stdout (empty when verbose), rejects with the output's last lines.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, logFile?: string, verbose?: boolean,
 *   children?: Set<import('node:child_process').ChildProcess> }} opts children: where a running
 *   command is registered, so a clean-up can stop it
 * @returns {Promise<string>}
 */
async function exec(cmd, args, opts) {
	const run = tinyexec().x(cmd, args, {
		nodePath: false, // PATH as given: n8n's task runners take the first `node` on it
		inheritEnv: false, // env as given (callers drop npm_config_* variables)
		nodeOptions: { cwd: opts.cwd, env: opts.env ?? process.env, stdio: opts.verbose ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'] },
	});
	const child = run.process;
	if (child) opts.children?.add(child);
	const log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
	if (log) for (const stream of [child?.stdout, child?.stderr]) stream?.on('data', (chunk) => log.write(chunk));
	const result = await run.then(undefined, (error) => ({ stdout: '', stderr: String(error?.message ?? error), exitCode: -1 }));
	if (child) opts.children?.delete(child);
	if (log) await new Promise((resolve) => log.end(resolve));
	if (result.exitCode === 0) return result.stdout;
	const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
	const how = run.signalCode ?? `exit ${result.exitCode}`;
	throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${how})${tail ? `:\n${tail}` : ''}`);
}

/** A free TCP port on 127.0.0.1. */
const freePort = () => getPort({ host: '127.0.0.1' });

/**
 * `port` if it is free on 127.0.0.1, else a free one.
 * @param {number} port
 */
const freePortOr = (port) => getPort({ host: '127.0.0.1', port });

/**
 * Waits until every wait-on resource answers (e.g. `http-get://127.0.0.1:5678/healthz/readiness`:
 * HTTP 200), failing early when `child` exits first.
 * @param {import('node:child_process').ChildProcess} child
 * @param {string[]} resources
 * @param {number} timeoutMs
 */
function waitReady(child, resources, timeoutMs) {
	/** @type {(code: number | null, signal: string | null) => void} */
	let onExit = () => {};
	const exited = new Promise((_, reject) => {
		onExit = (code, signal) => reject(new Error(`exited (${signal ?? code}) while starting`));
		if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
		else child.once('exit', onExit);
	});
	const ready = waitOn({ resources, timeout: timeoutMs, interval: 500, window: 0, httpTimeout: 2000, validateStatus: (s) => s === 200 }).catch(() => {
		throw new Error(`not ready within ${timeoutMs / 1000} s (${resources.join(', ')})`);
	});
	return Promise.race([ready, exited]).finally(() => child.off('exit', onExit));
}

/**
 * Signals a child's whole process group (started with `detached: true`, so what it spawned goes
 * with it), ignoring a group already gone. Hand-written: one kill(2) on the negative pid; a
 * tree-walking library (tree-kill) would miss task runners that n8n's process already let go of.
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function killTree(child, signal) {
	if (child.pid === undefined) return;
	try {
		if (process.platform !== 'win32') process.kill(-child.pid, signal);
		else child.kill(signal);
	} catch {
		// already gone
	}
}

/**
 * A phase timer: `phase(name, fn)` runs fn and prints how long it took; `phases` lists them all.
 * @param {{ say?: (line: string) => void, announce?: boolean }} [opts] announce: also print
 *   "… name" when a phase starts
 */
function phaseTimer(opts = {}) {
	const say = opts.say ?? ((/** @type {string} */ line) => process.stdout.write(`${line}\n`));
	/** @type {{ name: string, ms: number }[]} */
	const phases = [];
	/**
	 * @template T
	 * @param {string} name
	 * @param {() => Promise<T>} fn
	 * @returns {Promise<T>}
	 */
	async function phase(name, fn) {
		const started = Date.now();
		if (opts.announce) say(`… ${name}`);
		try {
			return await fn();
		} finally {
			const ms = Date.now() - started;
			phases.push({ name, ms });
			say(`${opts.announce ? '  ' : ''}${name}: ${secs(ms)}`);
		}
	}
	const summary = () => phases.map((p) => `${p.name} ${secs(p.ms)}`).join('; ');
	return { phase, phases, summary };
}

/**
 * Holds `<dir>.lock` while `fn` runs, so two runs never work in the same directory at once (it
 * waits for the other one). proper-lockfile keeps the lock's mtime fresh while we hold it; a lock
 * not refreshed for 30 s (its holder died) is taken over.
 * @template T
 * @param {string} dir
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withLock(dir, fn) {
	const options = { lockfilePath: `${dir}.lock`, realpath: false, stale: 30_000 };
	/** @type {() => Promise<void>} */
	let release;
	try {
		release = await lockfile.lock(dir, options);
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ELOCKED') throw error;
		console.log(`  waiting for another run working in ${dir} …`);
		release = await lockfile.lock(dir, { ...options, retries: { forever: true, minTimeout: 2000, maxTimeout: 2000 } });
	}
	try {
		return await fn();
	} finally {
		await release();
	}
}

/**
 * `npm pack` of the repository into `destDir` (install scripts off: dist/ must be built).
 * @param {string} repo
 * @param {string} destDir
 * @param {{ children?: Set<import('node:child_process').ChildProcess>, logFile?: string }} [opts]
 * @returns {Promise<{ file: string, filename: string, name: string, size: number, unpackedSize: number, files: { path: string, size: number }[] }>}
 */
async function npmPack(repo, destDir, opts = {}) {
	const { cmd, lead } = npm();
	const out = await exec(cmd, [...lead, 'pack', '--json', '--ignore-scripts', '--pack-destination', destDir], { cwd: repo, ...opts });
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	return {
		file: path.join(destDir, info.filename),
		filename: String(info.filename),
		name: String(info.name),
		size: Number(info.size),
		unpackedSize: Number(info.unpackedSize),
		files: info.files.map((/** @type {any} */ f) => ({ path: String(f.path), size: Number(f.size) })),
	};
}

module.exports = { secs, sleep, npm, exec, freePort, freePortOr, waitReady, killTree, phaseTimer, withLock, npmPack };
