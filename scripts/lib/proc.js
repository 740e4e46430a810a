// @ts-check
'use strict';

/**
 * What the scripts share for driving processes: run a command (tinyexec), this machine's npm, a
 * free port (get-port), start a server and wait until it answers (wait-on), stop it, time a
 * phase, and a lock that serialises work on one folder (proper-lockfile).
 */

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const lockfile = require('proper-lockfile');
const waitOn = require('wait-on');

/** @typedef {import('node:child_process').ChildProcess} Child */
/** @typedef {Set<Child>} Children running processes, registered so that a clean-up can stop them */

// tinyexec and get-port are ES modules: required where used, since jest's module loader cannot
// load them and the tests import scripts (check-pack.js) for their pure functions.
const tinyexec = () => /** @type {typeof import('tinyexec')} */ (require('tinyexec'));
const getPort = (/** @type {import('get-port').Options} */ options) => /** @type {typeof import('get-port')} */ (require('get-port')).default(options);

/** @param {number} ms */
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** This machine's npm: the npm running us (its npm-cli.js, under `nodeBin`), else `npm` on PATH. @param {string} [nodeBin] */
function npm(nodeBin = process.execPath) {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.c?js$/.test(execPath) && fs.existsSync(execPath)) return { cmd: nodeBin, lead: [execPath] };
	return { cmd: process.platform === 'win32' ? 'npm.cmd' : 'npm', lead: [] };
}

/**
 * Runs a command to completion: its output to `logFile` (appended) or, with `verbose`, to our
 * console (stdout is still returned when not verbose). With `group` it gets a process group of its
 * own, killed at its end (what it left running goes too); `timeoutMs` ends it.
 * @param {string} cmd @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, logFile?: string, verbose?: boolean, children?: Children, group?: boolean, timeoutMs?: number }} opts
 */
async function run(cmd, args, opts) {
	const proc = tinyexec().x(cmd, args, {
		nodePath: false, // PATH as given: n8n's task runners take the first `node` on it
		inheritEnv: false, // env as given (callers drop npm_config_* variables)
		timeout: opts.timeoutMs,
		nodeOptions: { cwd: opts.cwd, env: opts.env ?? process.env, detached: opts.group, stdio: opts.verbose ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'] },
	});
	const child = proc.process;
	if (child) opts.children?.add(child);
	const log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
	if (log) for (const stream of [child?.stdout, child?.stderr]) stream?.on('data', (chunk) => log.write(chunk));
	const result = await proc.then(undefined, (error) => ({ stdout: '', stderr: messageOf(error), exitCode: -1 }));
	if (child) {
		opts.children?.delete(child);
		if (opts.group) killTree(child, 'SIGKILL');
	}
	if (log) await new Promise((resolve) => log.end(resolve));
	const how = proc.killed && opts.timeoutMs ? `timeout after ${secs(opts.timeoutMs)}` : (proc.signalCode ?? `exit ${result.exitCode}`);
	return { ...result, ok: result.exitCode === 0, how };
}

/** {@link run}, rejecting on a failure with the output's last lines; resolves with stdout. @param {string} cmd @param {string[]} args @param {Parameters<typeof run>[2]} opts */
async function exec(cmd, args, opts) {
	const result = await run(cmd, args, opts);
	if (result.ok) return result.stdout;
	const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
	throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${result.how})${tail ? `:\n${tail}` : ''}`);
}

/** A free TCP port on 127.0.0.1 (`port` itself when it is free). @param {number} [port] */
const freePort = (port) => getPort({ host: '127.0.0.1', port });

/**
 * Starts a long-running server in a process group of its own (what it spawns goes with it), its
 * output appended to `logFile` (else piped), registered in `children` until it exits.
 * @param {string} cmd @param {string[]} args @param {{ cwd: string, env?: NodeJS.ProcessEnv, logFile?: string, children: Children }} opts
 */
function startServer(cmd, args, opts) {
	const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'pipe';
	const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', out, out], detached: process.platform !== 'win32' });
	if (typeof out === 'number') fs.closeSync(out);
	opts.children.add(child);
	child.on('exit', () => opts.children.delete(child));
	return child;
}

/**
 * Waits until every wait-on resource answers (e.g. `http-get://127.0.0.1:5678/healthz/readiness`:
 * HTTP 200, `tcp:127.0.0.1:6379`), failing early when `child` exits first.
 * @param {Child} child @param {string[]} resources @param {number} [timeoutMs]
 */
function waitReady(child, resources, timeoutMs = 180_000) {
	/** @type {(code: number | null, signal: string | null) => void} */
	let onExit = () => {};
	const exited = new Promise((_, reject) => {
		onExit = (code, signal) => reject(new Error(`exited (${signal ?? code}) while starting`));
		if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
		else child.once('exit', onExit);
	});
	const ready = waitOn({ resources, timeout: timeoutMs, interval: 250, window: 0, httpTimeout: 2000, validateStatus: (s) => s === 200 }).catch(() => {
		throw new Error(`not ready within ${timeoutMs / 1000} s (${resources.join(', ')})`);
	});
	return Promise.race([ready, exited]).finally(() => child.off('exit', onExit));
}

/**
 * Signals a child's whole process group, ignoring a group already gone. Hand-written: one kill(2)
 * on the negative pid; a tree-walking library (tree-kill) would miss task runners that n8n's
 * process already let go of. @param {Child} child @param {NodeJS.Signals} signal
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
 * Stops a server: `signal` to it (its own graceful shutdown), then SIGKILL to its group after
 * `graceMs` or once it is gone (anything it left behind).
 * @param {Child | undefined} child @param {NodeJS.Signals} signal @param {number} graceMs
 */
async function stopServer(child, signal, graceMs) {
	if (!child) return;
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill(signal);
		await Promise.race([exited, sleep(graceMs)]);
	}
	killTree(child, 'SIGKILL');
}

/**
 * A phase timer: `phase(name, fn)` runs fn and prints how long it took; `summary()` lists them all.
 * @param {{ say?: (line: string) => void, announce?: boolean }} [opts] announce: also print
 *   "… name" when a phase starts
 */
function phaseTimer(opts = {}) {
	const say = opts.say ?? ((/** @type {string} */ line) => process.stdout.write(`${line}\n`));
	/** @type {string[]} */
	const phases = [];
	/** @template T @param {string} name @param {() => Promise<T>} fn @returns {Promise<T>} */
	async function phase(name, fn) {
		const started = Date.now();
		if (opts.announce) say(`… ${name}`);
		try {
			return await fn();
		} finally {
			phases.push(`${name} ${secs(Date.now() - started)}`);
			say(`${opts.announce ? '  ' : ''}${name}: ${secs(Date.now() - started)}`);
		}
	}
	return { phase, summary: () => phases.join('; ') };
}

/**
 * Holds `<dir>.lock` while `fn` runs, so two runs never work in the same directory at once (it
 * waits for the other one). proper-lockfile keeps the lock's mtime fresh while we hold it; a lock
 * not refreshed for 30 s (its holder died) is taken over.
 * @template T @param {string} dir @param {() => Promise<T>} fn @returns {Promise<T>}
 */
async function withLock(dir, fn) {
	const options = { lockfilePath: `${dir}.lock`, realpath: false, stale: 30_000 };
	const release = await lockfile.lock(dir, options).catch((error) => {
		if (error.code !== 'ELOCKED') throw error;
		console.log(`  waiting for another run working in ${dir} …`);
		return lockfile.lock(dir, { ...options, retries: { forever: true, minTimeout: 2000, maxTimeout: 2000 } });
	});
	try {
		return await fn();
	} finally {
		await release();
	}
}

/**
 * `npm pack` of the repository into `destDir` (install scripts off: dist/ must be built).
 * @param {string} repo @param {string} destDir @param {{ children?: Children, logFile?: string }} [opts]
 * @returns {Promise<{ file: string, filename: string, name: string, size: number, unpackedSize: number, files: { path: string, size: number }[] }>}
 */
async function npmPack(repo, destDir, opts = {}) {
	const { cmd, lead } = npm();
	const out = await exec(cmd, [...lead, 'pack', '--json', '--ignore-scripts', '--pack-destination', destDir], { cwd: repo, ...opts });
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	return { ...info, file: path.join(destDir, info.filename) };
}

module.exports = { secs, sleep, messageOf, npm, run, exec, freePort, startServer, waitReady, killTree, stopServer, phaseTimer, withLock, npmPack };
