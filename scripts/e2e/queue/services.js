// @ts-check
'use strict';

/**
 * Postgres and Redis for n8n's queue mode, from Debian's packages (installed with apt-get when
 * missing), each a child process on 127.0.0.1 with a free port and its data in `dir`.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const proc = require('../../lib/proc');

/** @typedef {import('../../lib/proc').Children} Children */

/** The newest Debian Postgres server's bin directory (/usr/lib/postgresql/<major>/bin), if any. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
	const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
	return newest && path.join(root, newest, 'bin');
}

const redisServerBin = () => [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin'].map((d) => path.join(d, 'redis-server')).find((f) => fs.existsSync(f));

/**
 * Installs the Debian packages of Postgres and Redis when either is missing (apt-get as root, else
 * through `sudo -n`), waiting for another apt run's lock rather than failing on it.
 * @param {{ logFile: string, children: Children }} opts
 */
async function ensureServices(opts) {
	const missing = [...(postgresBinDir() ? [] : ['postgresql']), ...(redisServerBin() ? [] : ['redis-server'])];
	if (missing.length) {
		if (!fs.existsSync('/usr/bin/apt-get')) throw new Error(`queue mode needs ${missing.join(' and ')}; no apt-get here: install them yourself`);
		const [cmd, ...lead] = [...(process.getuid?.() === 0 ? [] : ['sudo', '-n']), 'apt-get', '-o', 'DPkg::Lock::Timeout=600'];
		const run = { cwd: '/', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, logFile: opts.logFile, children: opts.children };
		console.log(`  apt-get install ${missing.join(' ')} (log: ${opts.logFile}) …`);
		await proc.exec(cmd, [...lead, 'update', '-qq'], run);
		await proc.exec(cmd, [...lead, 'install', '-y', '-qq', '--no-install-recommends', ...missing], run);
	}
	const postgresBin = postgresBinDir();
	const redisBin = redisServerBin();
	if (!postgresBin || !redisBin) throw new Error(`apt-get installed ${missing.join(', ')}, but Postgres or redis-server is still not found`);
	return { postgresBin, redisBin, installed: missing };
}

/**
 * A Postgres cluster in `dir` on 127.0.0.1:<free port> (TCP only, password auth), with a database
 * `n8n` owned by the superuser `n8n`. Postgres refuses to run as root: then it runs as the
 * `postgres` user the Debian package creates.
 * @param {{ binDir: string, dir: string, children: Children }} opts
 */
async function startPostgres(opts) {
	const password = crypto.randomBytes(18).toString('base64url');
	const port = await proc.freePort();
	const data = path.join(opts.dir, 'data');
	const logFile = path.join(opts.dir, 'postgres.log');
	const pwfile = path.join(opts.dir, 'pwfile');
	fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
	fs.writeFileSync(pwfile, password);
	/** @type {string[]} */
	let asUser = [];
	if (process.getuid?.() === 0) {
		const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' })));
		// the postgres user must reach its directory through our temporary folder
		const tmp = fs.realpathSync(os.tmpdir());
		for (let d = path.dirname(opts.dir); d.startsWith(tmp + path.sep); d = path.dirname(d)) fs.chmodSync(d, fs.statSync(d).mode | 0o711);
		for (const f of [opts.dir, pwfile]) fs.chownSync(f, uid, gid);
		asUser = ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--'];
	}
	const [initCmd, ...initArgs] = [...asUser, path.join(opts.binDir, 'initdb'), '-D', data, '-U', 'n8n', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--no-locale', '-E', 'UTF8', '--no-sync'];
	await proc.exec(initCmd, initArgs, { cwd: opts.dir, logFile, children: opts.children });
	const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: '', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
	const [cmd, ...args] = [...asUser, path.join(opts.binDir, 'postgres'), '-D', data, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
	const child = proc.startServer(cmd, args, { cwd: opts.dir, logFile, children: opts.children });
	const psql = ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-v', 'ON_ERROR_STOP=1', '-AtX', '-F', '\t'];
	const pg = {
		host: '127.0.0.1',
		port,
		user: 'n8n',
		password,
		database: 'n8n',
		/** Runs SQL with psql; rows as tab-separated lines. @param {string} sql @param {string} [database] */
		query: (sql, database = 'n8n') =>
			proc.exec(path.join(opts.binDir, 'psql'), [...psql, '-d', database, '-c', sql], { cwd: opts.dir, env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' }, children: opts.children }),
		stop: () => proc.stopServer(child, 'SIGINT', 20_000), // SIGINT: Postgres' fast shutdown
	};
	await proc.waitReady(child, [`tcp:127.0.0.1:${port}`], 60_000);
	// the port opens before the database system has started up: a few tries
	for (let i = 0; !(await pg.query('create database n8n', 'postgres').then(() => true, (error) => (i < 40 ? false : Promise.reject(error)))); i++) await proc.sleep(250);
	return pg;
}

/** Redis on 127.0.0.1:<free port>, with a password, nothing saved to disk. @param {{ bin: string, dir: string, children: Children }} opts */
async function startRedis(opts) {
	const password = crypto.randomBytes(18).toString('base64url');
	const port = await proc.freePort();
	fs.mkdirSync(opts.dir, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', opts.dir, '--requirepass', password, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
	const child = proc.startServer(opts.bin, args, { cwd: opts.dir, logFile: path.join(opts.dir, 'redis.log'), children: opts.children });
	await proc.waitReady(child, [`tcp:127.0.0.1:${port}`], 60_000);
	return { host: '127.0.0.1', port, password, stop: () => proc.stopServer(child, 'SIGTERM', 10_000) };
}

module.exports = { ensureServices, startPostgres, startRedis };
