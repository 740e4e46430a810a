// @ts-check
'use strict';

/**
 * What the scripts share for driving processes: run a command, this machine's npm, a free port,
 * stop a process group, time a phase, and a lock directory that serialises work on one folder.
 */

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

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

/** @param {string} text @param {number} n */
const lastLines = (text, n) => text.trim().split('\n').slice(-n).join('\n');

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
function exec(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: opts.verbose ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
		});
		opts.children?.add(child);
		const log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
		let stdout = '';
		let output = '';
		child.stdout?.on('data', (chunk) => {
			stdout += chunk;
			output += chunk;
			log?.write(chunk);
		});
		child.stderr?.on('data', (chunk) => {
			output += chunk;
			log?.write(chunk);
		});
		const done = (/** @type {() => void} */ fn) => {
			opts.children?.delete(child);
			if (log) log.end(fn);
			else fn();
		};
		child.on('error', (error) => done(() => reject(error)));
		child.on('close', (code, signal) =>
			done(() => {
				if (code === 0) return resolve(stdout);
				const tail = lastLines(output, 25);
				reject(new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${tail ? `:\n${tail}` : ''}`));
			}),
		);
	});
}

/**
 * A free TCP port on 127.0.0.1 (the system picks one; it is free the moment we close it).
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * `port` if it is free on 127.0.0.1, else a free one.
 * @param {number} port
 * @returns {Promise<number>}
 */
async function freePortOr(port) {
	const free = await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
	return free ? port : freePort();
}

/**
 * Signals a child's whole process group (started with `detached: true`, so what it spawned goes
 * with it), ignoring a group already gone.
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

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Holds `<dir>.lock` while `fn` runs, so two runs never work in the same directory at once (it
 * waits for the other one). A lock left by a process that no longer exists is taken over.
 * @template T
 * @param {string} dir
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withLock(dir, fn) {
	const lock = `${dir}.lock`;
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			let owner = NaN;
			try {
				owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				// being created right now, or left without a pid file
			}
			if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				console.log(`  waiting for another run working in ${dir} …`);
				announced = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
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

module.exports = { secs, sleep, npm, exec, freePort, freePortOr, killTree, phaseTimer, withLock, npmPack };
