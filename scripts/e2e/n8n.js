// @ts-check
'use strict';

/**
 * One n8n instance as the e2e, the editor check, queue mode and `npm run dev` use it: the app from
 * the cache, a user folder of its own with this package where n8n's Community Nodes install puts
 * it, the environment of an offline loopback-only instance; its CLI commands (each with its JSON
 * log in a file of its own), `n8n start` / `n8n worker` until ready, and the imports (the
 * credential pointing at the sandbox, the workflows given it).
 */

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const proc = require('../lib/proc');
const { ensureAppNode, ensureN8nApp, appSettings } = require('./n8n-app');

const PACKAGE_NAME = 'n8n-nodes-imiconnect';
/** The credential's fixed id and name (workflows get them written into their IMIconnect nodes). */
const CREDENTIAL = { id: 'e2eImiconnectCred', name: 'IMIconnect sandbox', type: 'imiconnectApi' };

/**
 * @typedef {Object} N8nInstance
 * @property {string} nodeBin the Node that runs n8n
 * @property {string} n8nBin n8n's bin/n8n
 * @property {string} userFolder N8N_USER_FOLDER
 * @property {string} workDir where command logs and input files go
 * @property {number} port N8N_PORT
 * @property {NodeJS.ProcessEnv} env
 * @property {import('../lib/proc').Children} children running commands, for clean-up
 */

/** A random value for N8N_ENCRYPTION_KEY and the sandbox key. */
const randomKey = () => crypto.randomBytes(24).toString('base64url');

/**
 * Node and n8n of an app (scripts/e2e/<app>/), installed into the cache when missing. @param {string} app
 * @param {{ phase: <T>(name: string, fn: () => Promise<T>) => Promise<T>, verbose?: boolean, label?: string }} opts
 */
async function ensureApp(app, opts) {
	const label = opts.label ?? app;
	const node = await opts.phase(`${label}: node`, () => ensureAppNode(app, { verbose: opts.verbose }));
	const n8nApp = await opts.phase(`${label}: n8n install`, () => ensureN8nApp({ appName: app, node, verbose: opts.verbose }));
	console.log(`  ${label}: n8n ${n8nApp.version} on node ${node.version} (${n8nApp.installed ? 'installed now' : 'cached'})`);
	return { app, node, n8nApp, label: `n8n ${n8nApp.version}, node ${node.version}` };
}

/**
 * An instance's folders, ports and environment, with the package unpacked from `tarball` (or
 * `link`: a symlink to the repository; neither: no package). Nothing of the outer shell's n8n, npm
 * or node settings leaks in; the app's Node comes first on PATH: n8n starts the Code node's task
 * runner with the `node` it finds there.
 * @param {Awaited<ReturnType<typeof ensureApp>>} app
 * @param {{ base: string, children: import('../lib/proc').Children, tarball?: { file: string, name: string }, link?: string,
 *   encryptionKey?: string, port?: number, env?: Record<string, string> }} opts
 * @returns {Promise<N8nInstance>}
 */
async function makeInstance(app, opts) {
	const userFolder = path.join(opts.base, 'user');
	const workDir = path.join(opts.base, 'work');
	const packageDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(workDir, { recursive: true });
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(opts.link ? path.dirname(packageDir) : packageDir, { recursive: true });
	if (opts.link) fs.symlinkSync(opts.link, packageDir, 'dir');
	if (opts.tarball) await proc.exec('tar', ['-xzf', opts.tarball.file, '--strip-components=1', '-C', packageDir], { cwd: opts.base, children: opts.children });
	const port = opts.port ?? (await proc.freePort());
	/** @type {NodeJS.ProcessEnv} */
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^(N8N_|DB_|npm_|NODE_OPTIONS$|NODE_PATH$|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|WEBHOOK_URL$)/i.test(key)),
	);
	Object.assign(env, {
		PATH: [path.dirname(app.node.nodeBin), process.env.PATH ?? ''].join(path.delimiter),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: opts.encryptionKey ?? randomKey(),
		DB_TYPE: 'sqlite',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(await proc.freePort()), // one broker per process on a host
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		NO_COLOR: '1',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		...appSettings(app.app).env,
		...opts.env,
	});
	return { nodeBin: app.node.nodeBin, n8nBin: app.n8nApp.n8nBin, userFolder, workDir, port, env, children: opts.children };
}

/** n8n's JSON-lines log into `logFile` (one file per command or process). @param {string} logFile */
const logEnv = (logFile) => ({ N8N_LOG_OUTPUT: 'file', N8N_LOG_FILE_LOCATION: logFile, N8N_LOG_FILE_SIZE_MAX: '1024' });

/**
 * Runs one n8n CLI command, its log in `<label>.n8n.log` and its output in `<label>.out`; its
 * process group (task runners) is killed at its end. @param {N8nInstance} n8n @param {string} label @param {string[]} args
 */
async function runN8n(n8n, label, args) {
	const logFile = path.join(n8n.workDir, `${label}.n8n.log`);
	fs.rmSync(logFile, { force: true });
	const env = { ...n8n.env, ...logEnv(logFile) };
	const opts = { cwd: n8n.workDir, env, children: n8n.children, group: true, timeoutMs: 180_000, logFile: path.join(n8n.workDir, `${label}.out`) };
	return { ...(await proc.run(n8n.nodeBin, [n8n.n8nBin, ...args], opts)), logFile };
}

/** The messages of a JSON-lines n8n log file. @param {string} logFile @returns {{ level: string, message: string }[]} */
function readLog(logFile) {
	const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
	return text
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => {
			try {
				const entry = JSON.parse(line);
				return { level: String(entry.level ?? ''), message: typeof entry.message === 'string' ? entry.message : JSON.stringify(entry.message) };
			} catch {
				return { level: '', message: line };
			}
		});
}

/**
 * A failed command in a few lines: the warnings and errors of its log, else the end of its output.
 * @param {{ how: string, stdout: string, stderr: string, logFile: string }} result
 */
function explain(result) {
	const problems = readLog(result.logFile)
		.filter((l) => l.level === 'error' || l.level === 'warn')
		.slice(-12)
		.map((l) => `  ${l.level}: ${l.message.split('\n').slice(0, 6).join('\n    ')}`);
	const output = problems.length ? result.stderr : `${result.stdout}\n${result.stderr}`;
	const tail = output.trim().split('\n').slice(-15).map((l) => `  | ${l}`);
	return [result.how, ...problems, ...(output.trim() ? tail : [])].join('\n');
}

/** Runs a command that must succeed. @param {N8nInstance} n8n @param {string} label @param {string[]} args */
async function n8nOk(n8n, label, args) {
	const result = await runN8n(n8n, label, args);
	if (!result.ok) throw new Error(`n8n ${args[0]} failed: ${explain(result)}`);
	return result;
}

/**
 * Starts `n8n start` (or `n8n worker`, with its health server on N8N_PORT) and waits until it
 * answers /healthz/readiness (a worker's once it takes jobs). Its JSON log goes to `logFile`, else
 * its console output is piped (for the caller to read). `ready` settles once it is ready.
 * @param {N8nInstance} n8n
 * @param {{ kind?: 'start' | 'worker', args?: string[], logFile?: string }} [opts]
 */
function startN8n(n8n, opts = {}) {
	const kind = opts.kind ?? 'start';
	const env = { ...n8n.env, ...(opts.logFile ? logEnv(opts.logFile) : { N8N_LOG_OUTPUT: 'console' }) };
	if (kind === 'worker') Object.assign(env, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(n8n.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' });
	if (opts.logFile) fs.rmSync(opts.logFile, { force: true });
	const logFile = opts.logFile && path.join(n8n.workDir, `${kind}.out`);
	const child = proc.startServer(n8n.nodeBin, [n8n.n8nBin, kind, ...(opts.args ?? [])], { cwd: n8n.workDir, env, children: n8n.children, logFile });
	const url = `http://127.0.0.1:${n8n.port}`;
	const ready = proc.waitReady(child, [`http-get://127.0.0.1:${n8n.port}/healthz/readiness`]).catch((error) => {
		const problems = readLog(opts.logFile ?? '').filter((l) => l.level === 'error' || l.level === 'warn');
		throw new Error(`n8n ${kind} ${error.message}\n${problems.slice(-8).map((l) => `  ${l.level}: ${l.message.split('\n')[0]}`).join('\n')}`);
	});
	return { child, url, ready };
}

/**
 * Imports the credential pointing at the sandbox. Its data is plain text in the file;
 * `import:credentials` encrypts it with the instance's N8N_ENCRYPTION_KEY.
 * @param {N8nInstance} n8n @param {{ baseUrl: string, apiKey: string }} sandbox
 */
function importCredential(n8n, sandbox) {
	const file = path.join(n8n.workDir, 'credentials.json');
	const now = new Date().toISOString();
	const data = { region: 'custom', baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey };
	fs.writeFileSync(file, JSON.stringify([{ ...CREDENTIAL, data, createdAt: now, updatedAt: now }]));
	return n8nOk(n8n, 'import-credentials', ['import:credentials', `--input=${file}`]);
}

/**
 * Imports workflows in one command (one n8n start-up for all), each with our id, inactive, every
 * node of this package given the sandbox credential. @param {N8nInstance} n8n @param {{ id: string, workflow: any }[]} workflows
 */
function importWorkflows(n8n, workflows) {
	const prepared = workflows.map(({ id, workflow }) => {
		const { versionId, activeVersionId, shared, meta, tags, ...copy } = JSON.parse(JSON.stringify(workflow));
		for (const node of copy.nodes ?? []) {
			if (String(node.type).startsWith(`${PACKAGE_NAME}.`)) node.credentials = { ...node.credentials, [CREDENTIAL.type]: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
		}
		return { ...copy, id, active: false, settings: { executionOrder: 'v1', ...copy.settings }, pinData: copy.pinData ?? {} };
	});
	const file = path.join(n8n.workDir, 'workflows.json');
	fs.writeFileSync(file, JSON.stringify(prepared));
	return n8nOk(n8n, 'import-workflows', ['import:workflow', `--input=${file}`]);
}

module.exports = { PACKAGE_NAME, CREDENTIAL, randomKey, ensureApp, makeInstance, runN8n, readLog, explain, n8nOk, startN8n, importCredential, importWorkflows };
