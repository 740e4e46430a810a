// @ts-check
'use strict';

/**
 * Drives the real n8n CLI headlessly: environment of an offline loopback-only instance, the
 * credential and workflow imports, `n8n execute --id … --rawOutput`, and reading the run back.
 *
 * How the run is read: n8n's `execute` command prints the run through its logger (`this.log` is
 * `logger.info`), also when the run failed ("Execution error:" then the run). With
 * `N8N_LOG_OUTPUT=file` the logger writes one JSON object per line to a log file of our own (one
 * file per command), so the run is the `message` of one line that parses as an execution.
 * Nothing depends on how n8n formats its console output.
 */

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { killTree } = require('../lib/proc');

/** The credential's fixed id and name (workflows get them rewritten into their IMIconnect nodes). */
const CREDENTIAL_ID = 'e2eImiconnectCred';
const CREDENTIAL_NAME = 'IMIconnect sandbox';
const CREDENTIAL_TYPE = 'imiconnectApi';
const PACKAGE_NAME = 'n8n-nodes-imiconnect';

/**
 * Environment of an n8n instance kept offline and on loopback, with its own user folder. The Node
 * that runs n8n comes first on PATH: n8n starts the Code node's task runner with the `node` it
 * finds there.
 * @param {{ userFolder: string, encryptionKey: string, port: number, brokerPort: number, nodeBin: string, extra?: NodeJS.ProcessEnv }} opts
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv(opts) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	// nothing of the outer shell's n8n, npm or node settings leaks into the instance
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|npm_|NODE_OPTIONS$|NODE_PATH$|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|WEBHOOK_URL$)/i.test(key)) continue;
		env[key] = value;
	}
	Object.assign(env, {
		PATH: [path.dirname(opts.nodeBin), process.env.PATH ?? ''].join(path.delimiter),
		N8N_USER_FOLDER: opts.userFolder,
		N8N_ENCRYPTION_KEY: opts.encryptionKey,
		DB_TYPE: 'sqlite',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(opts.port),
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(opts.brokerPort),
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
	});
	return Object.assign(env, opts.extra ?? {});
}

/**
 * @typedef {Object} N8nInstance
 * @property {string} nodeBin the Node that runs n8n
 * @property {string} n8nBin n8n's bin/n8n
 * @property {string} userFolder N8N_USER_FOLDER
 * @property {string} workDir where command logs and input files go
 * @property {NodeJS.ProcessEnv} env
 * @property {Set<import('node:child_process').ChildProcess>} children running commands, for cleanup
 */

/**
 * Runs one n8n CLI command with its logs in a file of its own.
 * @param {N8nInstance} n8n
 * @param {string} label file name stem for its logs
 * @param {string[]} args
 * @param {{ timeoutMs?: number }} [opts]
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string, logFile: string, ms: number }>}
 */
function runN8n(n8n, label, args, opts = {}) {
	const logFile = path.join(n8n.workDir, `${label}.n8n.log`);
	const stdoutFile = path.join(n8n.workDir, `${label}.stdout`);
	const stderrFile = path.join(n8n.workDir, `${label}.stderr`);
	fs.rmSync(logFile, { force: true });
	const env = {
		...n8n.env,
		N8N_LOG_OUTPUT: 'file',
		N8N_LOG_FILE_LOCATION: logFile,
		N8N_LOG_FILE_SIZE_MAX: '1024',
	};
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const out = fs.openSync(stdoutFile, 'w');
		const err = fs.openSync(stderrFile, 'w');
		const child = spawn(n8n.nodeBin, [n8n.n8nBin, ...args], {
			cwd: n8n.workDir,
			env,
			stdio: ['ignore', out, err],
			detached: process.platform !== 'win32', // its own process group: its task runners go with it
		});
		n8n.children.add(child);
		const timeoutMs = opts.timeoutMs ?? 180_000;
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killTree(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			n8n.children.delete(child);
			fs.closeSync(out);
			fs.closeSync(err);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			n8n.children.delete(child);
			// stray task runners of this command, if any, go too
			killTree(child, 'SIGKILL');
			fs.closeSync(out);
			fs.closeSync(err);
			const result = {
				code,
				signal: timedOut ? `timeout after ${timeoutMs} ms` : signal,
				stdout: fs.readFileSync(stdoutFile, 'utf8'),
				stderr: fs.readFileSync(stderrFile, 'utf8'),
				logFile,
				ms: Date.now() - started,
			};
			resolve(result);
		});
	});
}

/**
 * The messages of a JSON-lines n8n log file.
 * @param {string} logFile
 * @returns {{ level: string, message: string }[]}
 */
function readLog(logFile) {
	let text = '';
	try {
		text = fs.readFileSync(logFile, 'utf8');
	} catch {
		return [];
	}
	/** @type {{ level: string, message: string }[]} */
	const lines = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		try {
			const entry = JSON.parse(line);
			lines.push({ level: String(entry.level ?? ''), message: typeof entry.message === 'string' ? entry.message : JSON.stringify(entry.message) });
		} catch {
			lines.push({ level: '', message: line });
		}
	}
	return lines;
}

/**
 * Explains a failed command in a few lines: its warnings and errors, else the end of its output.
 * @param {{ code: number | null, signal: string | null, stdout: string, stderr: string, logFile: string }} result
 */
function explain(result) {
	const problems = readLog(result.logFile)
		.filter((l) => l.level === 'error' || l.level === 'warn')
		.map((l) => `  ${l.level}: ${l.message.split('\n').slice(0, 6).join('\n    ')}`);
	const tail = (/** @type {string} */ s) =>
		s
			.trim()
			.split('\n')
			.slice(-15)
			.map((l) => `  | ${l}`)
			.join('\n');
	return [
		`exit ${result.signal ?? result.code}`,
		...problems.slice(-12),
		result.stderr.trim() ? `stderr:\n${tail(result.stderr)}` : '',
		!problems.length && result.stdout.trim() ? `stdout:\n${tail(result.stdout)}` : '',
	]
		.filter(Boolean)
		.join('\n');
}

/**
 * Imports one credential of type imiconnectApi pointing at the sandbox. Its data is plain text
 * in the file; `import:credentials` encrypts it with the instance's N8N_ENCRYPTION_KEY.
 * @param {N8nInstance} n8n
 * @param {{ baseUrl: string, apiKey: string }} sandbox
 */
async function importCredential(n8n, sandbox) {
	const file = path.join(n8n.workDir, 'credentials.json');
	const now = new Date().toISOString();
	fs.writeFileSync(
		file,
		JSON.stringify(
			[
				{
					id: CREDENTIAL_ID,
					name: CREDENTIAL_NAME,
					type: CREDENTIAL_TYPE,
					data: { region: 'custom', baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey },
					createdAt: now,
					updatedAt: now,
				},
			],
			null,
			2,
		),
	);
	const result = await runN8n(n8n, 'import-credentials', ['import:credentials', `--input=${file}`]);
	if (result.code !== 0) throw new Error(`n8n import:credentials failed: ${explain(result)}`);
	return result;
}

/**
 * A workflow ready to import: our id, inactive, every node of this package given the sandbox
 * credential.
 * @param {any} workflow parsed workflow JSON
 * @param {string} id
 */
function prepareWorkflow(workflow, id) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = id;
	copy.active = false;
	delete copy.versionId;
	delete copy.activeVersionId;
	delete copy.shared;
	delete copy.meta;
	delete copy.tags;
	copy.settings = { executionOrder: 'v1', ...(copy.settings ?? {}) };
	copy.pinData = copy.pinData ?? {};
	for (const node of copy.nodes ?? []) {
		if (typeof node.type === 'string' && node.type.startsWith(`${PACKAGE_NAME}.`)) {
			node.credentials = { ...(node.credentials ?? {}), [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
		}
	}
	return copy;
}

/**
 * Imports workflows in one command (one n8n start-up for all of them).
 * @param {N8nInstance} n8n
 * @param {any[]} workflows prepared with prepareWorkflow()
 */
async function importWorkflows(n8n, workflows) {
	const file = path.join(n8n.workDir, 'workflows.json');
	fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
	const result = await runN8n(n8n, 'import-workflows', ['import:workflow', `--input=${file}`]);
	if (result.code !== 0) throw new Error(`n8n import:workflow failed: ${explain(result)}`);
	return result;
}

/**
 * Whether a value looks like an n8n run (IRun).
 * @param {any} value
 */
function isRun(value) {
	return !!value && typeof value === 'object' && !!value.data && typeof value.data === 'object' && !!value.data.resultData;
}

/**
 * Finds the run in an `execute` command's log (the last message that parses as one).
 * @param {string} logFile
 * @returns {any | undefined}
 */
function runFromLog(logFile) {
	const messages = readLog(logFile);
	for (let i = messages.length - 1; i >= 0; i--) {
		const text = messages[i].message.trim();
		if (!text.startsWith('{')) continue;
		try {
			const value = JSON.parse(text);
			if (isRun(value)) return value;
		} catch {
			// not JSON
		}
	}
	return undefined;
}

/**
 * @typedef {Object} NodeOutput
 * @property {any[]} items json of the node's first main output, last run
 * @property {any[][]} outputs json of each main output, last run
 * @property {Record<string, any[][]>} connections json of every output by connection type
 *   (e.g. ai_tool for a node run as a tool), last run
 * @property {any} error the node's error, if it failed
 * @property {string | undefined} status its executionStatus
 * @property {number} runs how many times it ran
 *
 * @typedef {Object} WorkflowOutput
 * @property {string} status the run's status ('success', 'error', …)
 * @property {any} error the run's error (resultData.error), if any
 * @property {string | undefined} lastNodeExecuted
 * @property {Record<string, any[]>} items node name → json of its first main output (last run)
 * @property {Record<string, NodeOutput>} nodes node name → what it did
 * @property {Record<string, any[]>} runData resultData.runData as n8n gives it
 * @property {any} run the whole run
 */

/**
 * What expectations get: the run, the items per node.
 * @param {any} run
 * @returns {WorkflowOutput}
 */
function toOutput(run) {
	const runData = run?.data?.resultData?.runData ?? {};
	/** @type {Record<string, NodeOutput>} */
	const nodes = {};
	/** @type {Record<string, any[]>} */
	const items = {};
	for (const [name, runs] of Object.entries(runData)) {
		const last = Array.isArray(runs) && runs.length ? runs[runs.length - 1] : undefined;
		/** @type {Record<string, any[][]>} */
		const connections = {};
		for (const [type, outputs] of Object.entries(last?.data ?? {})) {
			connections[type] = (Array.isArray(outputs) ? outputs : []).map((output) => (Array.isArray(output) ? output.map((item) => item?.json) : []));
		}
		const outputs = connections.main ?? [];
		nodes[name] = {
			items: outputs[0] ?? [],
			outputs,
			connections,
			error: last?.error,
			status: last?.executionStatus,
			runs: Array.isArray(runs) ? runs.length : 0,
		};
		items[name] = nodes[name].items;
	}
	return {
		status: String(run?.status ?? (run?.data?.resultData?.error ? 'error' : 'success')),
		error: run?.data?.resultData?.error,
		lastNodeExecuted: run?.data?.resultData?.lastNodeExecuted,
		items,
		nodes,
		runData,
		run,
	};
}

/**
 * `n8n execute --id <id> --rawOutput` and the run it made.
 * @param {N8nInstance} n8n
 * @param {string} id
 * @param {string} label
 * @returns {Promise<{ output: WorkflowOutput, ms: number, logFile: string }>}
 */
async function executeWorkflow(n8n, id, label) {
	const result = await runN8n(n8n, label, ['execute', `--id=${id}`, '--rawOutput']);
	const run = runFromLog(result.logFile);
	if (!run) throw new Error(`n8n execute --id=${id} left no run in its log: ${explain(result)}`);
	return { output: toOutput(run), ms: result.ms, logFile: result.logFile };
}

/** A random value for N8N_ENCRYPTION_KEY and the sandbox key. */
function randomKey() {
	return crypto.randomBytes(24).toString('base64url');
}

/**
 * A workflow id n8n accepts (≤ 21 characters, like its nanoids).
 * @param {number} index
 */
function workflowId(index) {
	return `e2eWorkflow${String(index).padStart(5, '0')}`;
}

module.exports = {
	CREDENTIAL_NAME,
	PACKAGE_NAME,
	n8nEnv,
	runN8n,
	readLog,
	explain,
	importCredential,
	prepareWorkflow,
	importWorkflows,
	executeWorkflow,
	randomKey,
	workflowId,
};
