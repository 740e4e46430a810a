// @ts-check
'use strict';

/**
 * `npm run e2e -- --queue`: the packed package in n8n's queue mode. Postgres and Redis (Debian's
 * packages, services.js), n8n 2.x main + 2 workers, each with the package in a user folder of its
 * own (as on separate machines) and one encryption key; the workflow of workflow.js published and
 * called on its production webhook; then a worker without the package. Each check is reported as a
 * PASS/FAIL line; a failed check does not stop the others.
 */

const fs = require('node:fs');
const path = require('node:path');
const proc = require('../../lib/proc');
const n8nLib = require('../n8n');
const services = require('./services');
const checks = require('./checks');
const { WORKFLOW_ID, queueWorkflow, waitForWebhook } = require('./workflow');

const WORKERS = 2;
/** Jobs a worker runs at once (n8n's default is 10): low, so that parallel calls must spread. */
const WORKER_ARGS = ['--concurrency=3'];

/**
 * @typedef {import('./checks').QueueProcess} QueueProcess
 * @typedef {{ tmp: string, tarball: { file: string, name: string }, sandbox: any, sandboxKey: string,
 *   children: import('../../lib/proc').Children, cleanups: Array<() => Promise<void> | void>,
 *   phase: <T>(name: string, fn: () => Promise<T>) => Promise<T>, verbose: boolean,
 *   report: (name: string, ok: boolean, ms: number, message?: string) => void }} QueueContext
 */

/** @param {QueueContext} ctx */
async function runQueue(ctx) {
	const { phase, children } = ctx;
	const base = path.join(ctx.tmp, 'queue');
	fs.mkdirSync(base, { recursive: true });
	const app = await n8nLib.ensureApp('n8n-app', { phase, verbose: ctx.verbose, label: 'queue' });
	const found = await phase('queue: Postgres + Redis packages', () => services.ensureServices({ logFile: path.join(base, 'apt.log'), children }));
	if (found.installed.length) console.log(`  installed with apt-get: ${found.installed.join(', ')}`);
	const [pg, redis] = await phase('queue: start Postgres + Redis', () =>
		Promise.all([
			services.startPostgres({ binDir: found.postgresBin, dir: path.join(base, 'postgres'), children }),
			services.startRedis({ bin: found.redisBin, dir: path.join(base, 'redis'), children }),
		]),
	);
	ctx.cleanups.push(() => pg.stop(), () => redis.stop());
	console.log(`  Postgres 127.0.0.1:${pg.port} (${path.basename(path.dirname(found.postgresBin))}), Redis 127.0.0.1:${redis.port}`);

	const encryptionKey = n8nLib.randomKey(); // one key for all: stored credentials decrypt on every worker
	const env = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_PASSWORD: redis.password,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
	/** @param {string} name @param {boolean} withPackage @returns {Promise<QueueProcess>} */
	const prepare = async (name, withPackage) => {
		const n8n = await n8nLib.makeInstance(app, { base: path.join(base, name), children, encryptionKey, env, tarball: withPackage ? ctx.tarball : undefined });
		return { name, n8n, logFile: path.join(n8n.workDir, `${name}.n8n.log`) };
	};
	const main = await prepare('main', true);
	main.n8n.env.N8N_WEBHOOK_URL = `http://127.0.0.1:${main.n8n.port}/`;
	const workers = await Promise.all(Array.from({ length: WORKERS }, (_, i) => prepare(`worker-${i + 1}`, true)));
	const bare = await prepare('worker-without-package', false);
	const all = [main, ...workers, bare];
	/** Started as an orchestrator would; stopped with SIGTERM (n8n shuts down gracefully), killed after 30 s. */
	const start = async (/** @type {QueueProcess} */ p, /** @type {'start' | 'worker'} */ kind) => {
		const { child, ready } = n8nLib.startN8n(p.n8n, { kind, args: kind === 'worker' ? WORKER_ARGS : [], logFile: p.logFile });
		p.child = child;
		await ready.catch((error) => Promise.reject(new Error(`${p.name}: ${error.message}`)));
	};
	const stop = (/** @type {QueueProcess[]} */ ps) => Promise.all(ps.map((p) => proc.stopServer(p.child, 'SIGTERM', 30_000)));
	ctx.cleanups.push(() => stop(all).then(() => undefined));

	await phase('queue: import credential + workflow, publish', async () => {
		await n8nLib.importCredential(main.n8n, { baseUrl: ctx.sandbox.baseUrl, apiKey: ctx.sandboxKey });
		await n8nLib.importWorkflows(main.n8n, [{ id: WORKFLOW_ID, workflow: queueWorkflow() }]);
		await n8nLib.n8nOk(main.n8n, 'publish-workflow', ['publish:workflow', `--id=${WORKFLOW_ID}`]);
	});
	await phase(`queue: start main + ${WORKERS} workers`, () =>
		Promise.all([start(main, 'start').then(() => waitForWebhook(main.n8n.port)), ...workers.map((w) => start(w, 'worker'))]),
	);

	const cx = { pg, sandbox: ctx.sandbox, main, workers, appDir: app.n8nApp.dir, nodeBin: app.node.nodeBin };
	await check(ctx, '1 000 new customers, one webhook call, run on a worker', () => checks.newCustomers(cx));
	await check(ctx, 'the same 1 000 again: existing customers are updated', () => checks.existingCustomers(cx));
	await check(ctx, '6 webhook calls at once, spread over both workers', () => checks.parallelCalls(cx, 6));
	const limited = { limit: 20, calls: 3, count: 8000 };
	await check(ctx, `3 webhook calls at once against a tenant limited to ${limited.limit}/s, the node not told`, () => checks.rateLimited(cx, limited));

	await phase('queue: swap in a worker without the package', async () => {
		await stop(workers);
		await start(bare, 'worker');
	});
	await check(ctx, 'a worker without the package: "Unrecognized node type"', () => checks.workerWithoutPackage({ ...cx, bare }));
	await phase('queue: stop n8n', () => stop(all));
}

/** Runs one check and reports it with its figures, or its failure. @param {QueueContext} ctx @param {string} name @param {() => Promise<string>} fn */
async function check(ctx, name, fn) {
	const started = Date.now();
	await fn().then(
		(figures) => ctx.report(name, true, Date.now() - started, figures),
		(error) => ctx.report(name, false, Date.now() - started, proc.messageOf(error)),
	);
}

module.exports = { runQueue };
