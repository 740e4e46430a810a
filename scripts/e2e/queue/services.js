// @ts-check
'use strict';

/**
 * Postgres and Redis for n8n's queue mode, from Debian's packages (installed with apt-get when
 * missing), each started as a plain child process on 127.0.0.1 with a free port and its own data
 * directory, and stopped by the caller (stop() of each).
 */

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync, spawn } = require('node:child_process');
const proc = require('../../lib/proc');

const APT_PACKAGES = ['postgresql', 'redis-server'];

/** The newest Debian Postgres server's bin directory (/usr/lib/postgresql/<major>/bin), if any. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'postgres')) && fs.existsSync(path.join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

function redisServerBin() {
	for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin']) {
		const file = path.join(dir, 'redis-server');
		if (dir && fs.existsSync(file)) return file;
	}
	return undefined;
}

/**
 * Installs the Debian packages of Postgres and Redis when either is missing (apt-get as root, else
 * through `sudo -n`), waiting for another apt run's lock rather than failing on it.
 * @param {{ logFile: string, children: Set<import('node:child_process').ChildProcess> }} opts
 * @returns {Promise<{ postgresBin: string, redisBin: string, installed: string[] }>}
 */
async function ensureServices(opts) {
	let pgBin = postgresBinDir();
	let redisBin = redisServerBin();
	/** @type {string[]} */
	const missing = [];
	if (!pgBin) missing.push('postgresql');
	if (!redisBin) missing.push('redis-server');
	if (missing.length) {
		if (!fs.existsSync('/usr/bin/apt-get')) throw new Error(`queue mode needs ${missing.join(' and ')}; no apt-get here: install ${APT_PACKAGES.join(', ')} yourself`);
		const root = process.getuid?.() === 0;
		const [cmd, lead] = root ? ['apt-get', []] : ['sudo', ['-n', 'apt-get']];
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const lock = ['-o', 'DPkg::Lock::Timeout=600'];
		console.log(`  apt-get install ${missing.join(' ')} (log: ${opts.logFile}) …`);
		await proc.exec(cmd, [...lead, ...lock, 'update', '-qq'], { cwd: '/', env, logFile: opts.logFile, children: opts.children });
		await proc.exec(cmd, [...lead, ...lock, 'install', '-y', '-qq', '--no-install-recommends', ...missing], {
			cwd: '/',
			env,
			logFile: opts.logFile,
			children: opts.children,
		});
		pgBin = postgresBinDir();
		redisBin = redisServerBin();
	}
	if (!pgBin || !redisBin) throw new Error(`apt-get installed ${missing.join(', ')}, but Postgres or redis-server is still not found`);
	return { postgresBin: pgBin, redisBin, installed: missing };
}

/**
 * Starts a long-running server in its own process group, its output into a log file; it is
 * registered in `children` (stopped by a clean-up) until it exits.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ logFile: string, children: Set<import('node:child_process').ChildProcess>, cwd: string }} opts
 */
function startServer(cmd, args, opts) {
	const out = fs.openSync(opts.logFile, 'a');
	const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	opts.children.add(child);
	child.on('exit', () => opts.children.delete(child));
	return child;
}

/**
 * Stops a server: `signal` to it, then SIGKILL to its group if it is still there after `graceMs`.
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 * @param {number} graceMs
 */
async function stopServer(child, signal, graceMs) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), graceMs));
	if ((await Promise.race([exited, timer])) === 'timeout') {
		proc.killTree(child, 'SIGKILL');
		await exited;
	}
}

/**
 * Waits until `probe` resolves true, failing if the server exits first.
 * @param {string} what
 * @param {import('node:child_process').ChildProcess} child
 * @param {() => Promise<boolean>} probe
 * @param {string} logFile
 */
async function waitReady(what, child, probe, logFile, timeoutMs = 60_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (child.exitCode !== null || child.signalCode !== null) break;
		if (await probe()) return;
		await proc.sleep(250);
	}
	const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
	throw new Error(`${what} did not get ready (${child.exitCode ?? child.signalCode ?? 'timeout'}):\n${tail}`);
}

/**
 * A Postgres cluster in `dir` on 127.0.0.1:<free port> (TCP only, password auth), with a database
 * `n8n` owned by the superuser `n8n`. Postgres refuses to run as root: then it runs as the
 * `postgres` user the Debian package creates.
 * @param {{ binDir: string, dir: string, children: Set<import('node:child_process').ChildProcess> }} opts
 */
async function startPostgres(opts) {
	const password = crypto.randomBytes(18).toString('base64url');
	const port = await proc.freePort();
	const data = path.join(opts.dir, 'data');
	const logFile = path.join(opts.dir, 'postgres.log');
	fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
	fs.writeFileSync(path.join(opts.dir, 'pwfile'), password);
	/** @type {string[]} */
	let asUser = [];
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		// the postgres user must reach its directory through our temporary folder
		const tmp = fs.realpathSync(os.tmpdir());
		for (let d = path.dirname(opts.dir); d.startsWith(tmp + path.sep); d = path.dirname(d)) {
			fs.chmodSync(d, fs.statSync(d).mode | 0o711);
		}
		for (const f of [opts.dir, path.join(opts.dir, 'pwfile')]) fs.chownSync(f, uid, gid);
		asUser = ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--'];
	}
	const bin = (/** @type {string} */ name) => path.join(opts.binDir, name);
	const [initCmd, ...initLead] = [...asUser, bin('initdb')];
	await proc.exec(
		initCmd,
		[...initLead, '-D', data, '-U', 'n8n', `--pwfile=${path.join(opts.dir, 'pwfile')}`, '--auth=scram-sha-256', '--no-locale', '-E', 'UTF8', '--no-sync'],
		{ cwd: opts.dir, logFile, children: opts.children },
	);
	const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: '', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
	const [cmd, ...lead] = [...asUser, bin('postgres')];
	const child = startServer(cmd, [...lead, '-D', data, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])], {
		cwd: opts.dir,
		logFile,
		children: opts.children,
	});
	const pg = {
		host: '127.0.0.1',
		port,
		user: 'n8n',
		password,
		database: 'n8n',
		logFile,
		/** Runs SQL with psql; rows as tab-separated lines. @param {string} sql @param {string} [database] */
		query: (sql, database = 'n8n') =>
			proc.exec(bin('psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', database, '-v', 'ON_ERROR_STOP=1', '-AtX', '-F', '\t', '-c', sql], {
				cwd: opts.dir,
				env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
				children: opts.children,
			}),
		stop: () => stopServer(child, 'SIGINT', 20_000), // SIGINT: Postgres' fast shutdown
	};
	await waitReady('Postgres', child, () => pg.query('select 1', 'postgres').then(() => true, () => false), logFile);
	await pg.query('create database n8n', 'postgres');
	return pg;
}

/**
 * Sends commands to Redis over one connection and resolves with what it answered.
 * @param {number} port
 * @param {string} text
 * @returns {Promise<string>}
 */
function redisSay(port, text) {
	return new Promise((resolve) => {
		let answer = '';
		const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
		socket.setTimeout(2000, () => socket.destroy());
		socket.on('data', (chunk) => (answer += chunk));
		socket.on('close', () => resolve(answer));
		socket.on('error', () => resolve(answer));
	});
}

/**
 * Redis on 127.0.0.1:<free port>, with a password, nothing saved to disk.
 * @param {{ bin: string, dir: string, children: Set<import('node:child_process').ChildProcess> }} opts
 */
async function startRedis(opts) {
	const password = crypto.randomBytes(18).toString('base64url');
	const port = await proc.freePort();
	const logFile = path.join(opts.dir, 'redis.log');
	fs.mkdirSync(opts.dir, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', opts.dir, '--requirepass', password, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
	const child = startServer(opts.bin, args, { cwd: opts.dir, logFile, children: opts.children });
	await waitReady('Redis', child, async () => /\+PONG/.test(await redisSay(port, `AUTH ${password}\r\nPING\r\n`)), logFile);
	return { host: '127.0.0.1', port, password, logFile, stop: () => stopServer(child, 'SIGTERM', 10_000) };
}

module.exports = { ensureServices, startPostgres, startRedis, startServer, stopServer, waitReady };
