// @ts-check
'use strict';

/**
 * `npm run e2e -- --queue`: the packed package in n8n's queue mode. Postgres and Redis (Debian's
 * packages, see services.js), n8n 2.x main + 2 workers, each with the package in its own user
 * folder; the workflow of workflow.js published and called on its production webhook; then a
 * worker without the package. Each check is reported as a PASS/FAIL line like the other e2e runs.
 */

const fs = require('node:fs');
const path = require('node:path');
const wf = require('../workflows');
const { randomKey } = require('../n8n-env');
const { runN8n, explain } = require('../n8n-command');
const { ensureAppNode, ensureN8nApp, appSettings } = require('../n8n-app');
const services = require('./services');
const cluster = require('./cluster');
const checks = require('./checks');
const { WORKFLOW_ID, queueWorkflow, waitForWebhook } = require('./workflow');

const APP = 'n8n-app';
const WORKERS = 2;
/** Jobs a worker runs at once (n8n's default is 10): low, so that parallel calls must spread. */
const WORKER_CONCURRENCY = 3;

/**
 * @typedef {{ tmp: string, tarball: { file: string, name: string }, sandbox: any, sandboxKey: string,
 *   children: Set<import('node:child_process').ChildProcess>, cleanups: Array<() => Promise<void> | void>,
 *   phase: <T>(name: string, fn: () => Promise<T>) => Promise<T>, verbose: boolean,
 *   report: (name: string, ok: boolean, ms: number, message?: string) => void }} QueueContext
 */

/** @param {QueueContext} ctx */
async function runQueue(ctx) {
	const { phase } = ctx;
	const base = path.join(ctx.tmp, 'queue');
	fs.mkdirSync(base, { recursive: true });

	const node = await phase('queue: node', () => ensureAppNode(APP, { verbose: ctx.verbose }));
	const app = await phase('queue: n8n install', () => ensureN8nApp({ appName: APP, node, verbose: ctx.verbose }));
	const found = await phase('queue: Postgres + Redis packages', () => services.ensureServices({ logFile: path.join(base, 'apt.log'), children: ctx.children }));
	if (found.installed.length) console.log(`  installed with apt-get: ${found.installed.join(', ')}`);
	const [pg, redis] = await phase('queue: start Postgres + Redis', () =>
		Promise.all([
			services.startPostgres({ binDir: found.postgresBin, dir: path.join(base, 'postgres'), children: ctx.children }),
			services.startRedis({ bin: found.redisBin, dir: path.join(base, 'redis'), children: ctx.children }),
		]),
	);
	ctx.cleanups.push(() => pg.stop(), () => redis.stop());
	console.log(`  Postgres 127.0.0.1:${pg.port} (${path.basename(path.dirname(found.postgresBin))}), Redis 127.0.0.1:${redis.port}; n8n ${app.version} on node ${node.version}`);

	const encryptionKey = randomKey(); // one key for all: stored credentials decrypt on every worker
	const env = cluster.queueEnv({ pg, redis, extra: appSettings(APP).env });
	const common = { base, tarball: ctx.tarball, nodeBin: node.nodeBin, n8nBin: app.n8nBin, encryptionKey, env, children: ctx.children };
	const main = await cluster.prepareProcess({ ...common, name: 'main', kind: 'start', withPackage: true });
	main.n8n.env.N8N_WEBHOOK_URL = `http://127.0.0.1:${main.port}/`;
	/** @type {import('./cluster').QueueProcess[]} */
	const workers = [];
	for (let i = 1; i <= WORKERS; i++) workers.push(await cluster.prepareProcess({ ...common, name: `worker-${i}`, kind: 'worker', withPackage: true }));
	const bare = await cluster.prepareProcess({ ...common, name: 'worker-without-package', kind: 'worker', withPackage: false });
	const all = [main, ...workers, bare];
	ctx.cleanups.push(() => Promise.all(all.map((p) => cluster.stopProcess(p))).then(() => undefined));

	await phase('queue: import credential + workflow, publish', async () => {
		await wf.importCredential(main.n8n, { baseUrl: ctx.sandbox.baseUrl, apiKey: ctx.sandboxKey });
		await wf.importWorkflows(main.n8n, [wf.prepareWorkflow(queueWorkflow(), WORKFLOW_ID)]);
		const published = await runN8n(main.n8n, 'publish-workflow', ['publish:workflow', `--id=${WORKFLOW_ID}`]);
		if (published.code !== 0) throw new Error(`n8n publish:workflow failed: ${explain(published)}`);
	});
	const workerArgs = [`--concurrency=${WORKER_CONCURRENCY}`];
	await phase(`queue: start main + ${WORKERS} workers`, () =>
		Promise.all([cluster.startProcess(main).then(() => waitForWebhook(main.port)), ...workers.map((w) => cluster.startProcess(w, { args: workerArgs }))]),
	);

	const cx = { pg, sandbox: ctx.sandbox, main, workers, appDir: app.dir, nodeBin: node.nodeBin };
	/** @type {Array<[string, () => Promise<string>]>} */
	const positive = [
		['1 000 new customers, one webhook call, run on a worker', () => checks.newCustomers(cx)],
		['the same 1 000 again: existing customers are updated', () => checks.existingCustomers(cx)],
		['6 webhook calls at once, spread over both workers', () => checks.parallelCalls(cx, 6)],
	];
	for (const [name, fn] of positive) await check(ctx, name, fn);

	await phase('queue: swap in a worker without the package', async () => {
		await Promise.all(workers.map((w) => cluster.stopProcess(w)));
		await cluster.startProcess(bare, { args: workerArgs });
	});
	await check(ctx, 'a worker without the package: "Unrecognized node type"', () => checks.workerWithoutPackage({ ...cx, bare }));
	await phase('queue: stop n8n', () => Promise.all(all.map((p) => cluster.stopProcess(p))));
}

/**
 * Runs one check and reports it; a failed check does not stop the others.
 * @param {QueueContext} ctx
 * @param {string} name
 * @param {() => Promise<string>} fn resolves with the figures to show
 */
async function check(ctx, name, fn) {
	const started = Date.now();
	try {
		const figures = await fn();
		ctx.report(name, true, Date.now() - started, figures);
	} catch (error) {
		ctx.report(name, false, Date.now() - started, error instanceof Error ? error.message : String(error));
	}
}

module.exports = { runQueue, WORKER_CONCURRENCY };
