// @ts-check
'use strict';

/**
 * n8n in queue mode: the environment every process shares (Postgres, Redis, one encryption key),
 * one user folder per process (as on separate machines, each with or without the packed package),
 * and the main and worker processes themselves, started, awaited and stopped.
 */

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const proc = require('../../lib/proc');
const { n8nEnv } = require('../n8n-env');
const { readLog } = require('../n8n-command');
const { stopServer } = require('./services');

/**
 * @typedef {Object} QueueProcess
 * @property {string} name e.g. main, worker-1
 * @property {'start' | 'worker'} kind
 * @property {import('../n8n-env').N8nInstance} n8n its user folder, environment, …
 * @property {string} logFile n8n's JSON-lines log
 * @property {number} port N8N_PORT
 * @property {import('node:child_process').ChildProcess} [child] while running
 */

/**
 * Environment shared by main and every worker: queue mode on Redis, Postgres as the database.
 * @param {{ pg: { host: string, port: number, user: string, password: string, database: string },
 *   redis: { host: string, port: number, password: string }, extra?: Record<string, string> }} opts
 * @returns {Record<string, string>}
 */
function queueEnv(opts) {
	return {
		...(opts.extra ?? {}),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: opts.redis.host,
		QUEUE_BULL_REDIS_PORT: String(opts.redis.port),
		QUEUE_BULL_REDIS_PASSWORD: opts.redis.password,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: opts.pg.host,
		DB_POSTGRESDB_PORT: String(opts.pg.port),
		DB_POSTGRESDB_DATABASE: opts.pg.database,
		DB_POSTGRESDB_USER: opts.pg.user,
		DB_POSTGRESDB_PASSWORD: opts.pg.password,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

/**
 * One process's user folder (with the packed package unpacked where n8n's Community Nodes
 * install puts it, unless `withPackage` is false) and its own ports.
 * @param {{ name: string, kind: 'start' | 'worker', base: string, tarball: { file: string, name: string },
 *   withPackage: boolean, nodeBin: string, n8nBin: string, encryptionKey: string, env: Record<string, string>,
 *   children: Set<import('node:child_process').ChildProcess> }} opts
 * @returns {Promise<QueueProcess>}
 */
async function prepareProcess(opts) {
	const dir = path.join(opts.base, opts.name);
	const userFolder = path.join(dir, 'user');
	const workDir = path.join(dir, 'work');
	fs.mkdirSync(workDir, { recursive: true });
	fs.mkdirSync(path.join(userFolder, '.n8n', 'nodes'), { recursive: true });
	if (opts.withPackage) {
		const packageDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', opts.tarball.name);
		fs.mkdirSync(packageDir, { recursive: true });
		await proc.exec('tar', ['-xzf', opts.tarball.file, '--strip-components=1', '-C', packageDir], { cwd: dir, children: opts.children });
	}
	const port = await proc.freePort();
	const env = n8nEnv({
		userFolder,
		encryptionKey: opts.encryptionKey,
		port,
		brokerPort: await proc.freePort(), // the task runners' broker: one per process on a host
		nodeBin: opts.nodeBin,
		extra: opts.env,
	});
	return {
		name: opts.name,
		kind: opts.kind,
		port,
		logFile: path.join(workDir, `${opts.name}.n8n.log`),
		n8n: { nodeBin: opts.nodeBin, n8nBin: opts.n8nBin, userFolder, workDir, children: opts.children, env },
	};
}

/**
 * Starts `n8n start` (main) or `n8n worker` and waits until it answers /healthz/readiness on its
 * port (a worker's health server, QUEUE_HEALTH_CHECK_*, reports ready once it takes jobs).
 * @param {QueueProcess} p
 * @param {{ args?: string[], timeoutMs?: number }} [opts]
 */
async function startProcess(p, opts = {}) {
	fs.rmSync(p.logFile, { force: true });
	const out = fs.openSync(path.join(p.n8n.workDir, `${p.name}.stdout`), 'a');
	const env = { ...p.n8n.env, N8N_LOG_OUTPUT: 'file', N8N_LOG_FILE_LOCATION: p.logFile, N8N_LOG_FILE_SIZE_MAX: '1024' };
	if (p.kind === 'worker') Object.assign(env, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(p.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' });
	const child = spawn(p.n8n.nodeBin, [p.n8n.n8nBin, p.kind, ...(opts.args ?? [])], {
		cwd: p.n8n.workDir,
		env,
		stdio: ['ignore', out, out],
		detached: true, // its own process group: its task runners go with it
	});
	fs.closeSync(out);
	p.child = child;
	p.n8n.children.add(child);
	child.on('exit', () => p.n8n.children.delete(child));
	const ready = await proc.waitReady(child, [`http-get://127.0.0.1:${p.port}/healthz/readiness`], opts.timeoutMs ?? 180_000).then(
		() => true,
		() => false,
	);
	if (ready) return;
	const problems = readLog(p.logFile)
		.filter((l) => l.level === 'error' || l.level === 'warn')
		.slice(-8)
		.map((l) => `  ${l.level}: ${l.message.split('\n')[0]}`);
	throw new Error(`${p.name} (n8n ${p.kind}) did not get ready (${child.exitCode ?? child.signalCode ?? 'timeout'})\n${problems.join('\n')}`);
}

/**
 * Stops a process as an orchestrator would (SIGTERM: n8n shuts down gracefully), its whole group
 * killed if it is still there after 30 s.
 * @param {QueueProcess} p
 */
async function stopProcess(p) {
	if (!p.child) return;
	const child = p.child;
	await stopServer(child, 'SIGTERM', 30_000);
	proc.killTree(child, 'SIGKILL'); // task runners left behind, if any
	p.child = undefined;
}

/**
 * The ids of the executions a worker's log says it started, finished, or errored while running.
 * @param {QueueProcess} p
 */
function workerExecutions(p) {
	/** @type {Record<'started' | 'finished' | 'errored', Set<string>>} */
	const ids = { started: new Set(), finished: new Set(), errored: new Set() };
	for (const { message } of readLog(p.logFile)) {
		const m = /^Worker (started|finished|errored while running) execution (\d+)/.exec(message);
		if (m) ids[m[1] === 'started' ? 'started' : m[1] === 'finished' ? 'finished' : 'errored'].add(m[2]);
	}
	return ids;
}

/**
 * The Node binary each task runner of a process runs on (read from /proc): the runners are
 * started with the `node` found on the process's PATH.
 * @param {QueueProcess} p
 * @returns {string[]}
 */
function taskRunnerNodes(p) {
	if (!p.child?.pid || !fs.existsSync('/proc')) return [];
	const group = String(p.child.pid);
	/** @type {string[]} */
	const binaries = [];
	for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const pgrp = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2];
			if (pgrp !== group || pid === group) continue;
			const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			if (cmdline.includes('task-runner')) binaries.push(fs.readlinkSync(`/proc/${pid}/exe`));
		} catch {
			// gone meanwhile, or not ours to read
		}
	}
	return binaries;
}

module.exports = { queueEnv, prepareProcess, startProcess, stopProcess, workerExecutions, taskRunnerNodes };
