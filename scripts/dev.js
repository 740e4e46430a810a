#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run dev`: the node in the real n8n editor, against the local sandbox.
 *
 *   node scripts/dev.js [--port 5678] [--sandbox-port 4010] [--watch] [--fresh] [--no-build]
 *
 *   --port          n8n's port on 127.0.0.1 (default 5678, or a free one if taken)
 *   --sandbox-port  the sandbox's port (default 4010, or a free one if taken)
 *   --watch         recompile on change (tsc --watch) and hot-reload the node in n8n
 *   --fresh         start from an empty n8n user folder (forgets the owner account and workflows)
 *   --no-build      use dist/ as it is
 *
 * Builds; starts the sandbox (`node sandbox/cli.js --demo`); installs the packed package into a
 * dev n8n user folder kept in the e2e cache (${N8N_E2E_CACHE:-~/.cache/n8n-nodes-imiconnect}/dev),
 * as n8n's Community Nodes install would; imports the credential "IMIconnect sandbox" pointing at
 * the sandbox; starts n8n 2.x on Node 24 (both installed once into the cache, see
 * scripts/e2e/n8n-app.js); prints the editor URL. Ctrl-C stops everything.
 *
 * The first time, n8n asks for an owner account (any e-mail and password: it stays on this
 * machine). Everything listens on 127.0.0.1 only; n8n runs with telemetry, version checks and
 * templates off.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { parseArgs } = require('node:util');

const { ensureAppNode, ensureN8nApp, appSettings, cacheRoot } = require('./e2e/n8n-app');
const wf = require('./e2e/workflows');
const { n8nEnv } = require('./e2e/n8n-env');
const proc = require('./lib/proc');
const { startN8nServer } = require('./e2e/n8n-server');

const REPO = path.resolve(__dirname, '..');
const APP = 'n8n-app';

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let stopping = false;

/** @param {string} msg */
const say = (msg) => process.stdout.write(`[dev] ${msg}\n`);

const { secs } = proc;
const timed = proc.phaseTimer({ say }).phase;

/**
 * Pipes a stream to our stdout, each line prefixed.
 * @param {NodeJS.ReadableStream} stream
 * @param {string} prefix
 * @param {(line: string) => void} [onLine]
 */
function prefixLines(stream, prefix, onLine) {
	let buffer = '';
	stream.setEncoding('utf8');
	stream.on('data', (chunk) => {
		buffer += chunk;
		const lines = buffer.split('\n');
		buffer = lines.pop() ?? '';
		for (const line of lines) {
			process.stdout.write(`${prefix} ${line}\n`);
			onLine?.(line);
		}
	});
	stream.on('end', () => {
		if (buffer) process.stdout.write(`${prefix} ${buffer}\n`);
	});
}

/**
 * Packs the repository and unpacks it as the user's installed community package.
 * @param {string} packageDir
 */
async function installPackage(packageDir) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-imiconnect-dev-'));
	try {
		const info = await proc.npmPack(REPO, tmp, { children });
		fs.rmSync(packageDir, { recursive: true, force: true });
		fs.mkdirSync(packageDir, { recursive: true });
		await proc.exec('tar', ['-xzf', info.file, '--strip-components=1', '-C', packageDir], { cwd: tmp, children });
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/**
 * Starts `node sandbox/cli.js --demo` and waits for its address line.
 * @param {number} port
 * @param {string} key
 * @returns {Promise<{ baseUrl: string, key: string }>}
 */
function startSandbox(port, key) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(REPO, 'sandbox', 'cli.js'), '--demo', '--port', String(port), '--key', key], {
			cwd: REPO,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		children.add(child);
		let ready = false;
		prefixLines(child.stdout, '[sandbox]', (line) => {
			const m = /IMIconnect sandbox: (http:\/\/\S+)\s+key: (\S+)/.exec(line);
			if (m && !ready) {
				ready = true;
				resolve({ baseUrl: m[1], key: m[2] });
			}
		});
		prefixLines(child.stderr, '[sandbox]');
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			children.delete(child);
			if (!ready) reject(new Error(`the sandbox exited (${signal ?? code}) before it was ready`));
			else if (!stopping) {
				say(`the sandbox stopped (${signal ?? code})`);
				void stop(1);
			}
		});
	});
}

/**
 * tsc --watch, and dist/ mirrored into the installed package on every change (n8n reloads it).
 * @param {string} packageDir
 */
function watch(packageDir) {
	const tsc = spawn(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [REPO] }), '--watch', '--preserveWatchOutput', '-p', 'tsconfig.json'], {
		cwd: REPO,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(tsc);
	prefixLines(tsc.stdout, '[tsc]');
	prefixLines(tsc.stderr, '[tsc]');
	tsc.on('exit', () => children.delete(tsc));
	const dist = path.join(REPO, 'dist');
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	const watcher = fs.watch(dist, { recursive: true }, () => {
		clearTimeout(timer);
		timer = setTimeout(() => {
			try {
				fs.cpSync(dist, path.join(packageDir, 'dist'), { recursive: true, force: true });
				say('dist/ changed: copied into n8n (it reloads the node; refresh the editor)');
			} catch (error) {
				say(`copying dist/ failed: ${error instanceof Error ? error.message : error}`);
			}
		}, 400);
	});
	return () => {
		clearTimeout(timer);
		watcher.close();
	};
}

/** @type {Array<() => void>} */
const onStop = [];

/** @param {number} code */
async function stop(code) {
	if (stopping) return;
	stopping = true;
	for (const fn of onStop) fn();
	for (const child of children) proc.killTree(child, 'SIGTERM');
	for (const child of children) if (child.pid !== undefined) child.kill('SIGTERM');
	const until = Date.now() + 10_000;
	while ([...children].some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < until) {
		await new Promise((r) => setTimeout(r, 200));
	}
	for (const child of children) {
		proc.killTree(child, 'SIGKILL');
		child.kill('SIGKILL');
	}
	process.exit(code);
}

async function main() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			'sandbox-port': { type: 'string' },
			watch: { type: 'boolean' },
			fresh: { type: 'boolean' },
			build: { type: 'boolean', default: true },
			help: { type: 'boolean', short: 'h' },
		},
		allowNegative: true,
	});
	if (values.help) {
		const doc = fs.readFileSync(__filename, 'utf8').split('*/')[0];
		console.log(doc.replace(/^[\s\S]*?\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
		return;
	}
	for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		process.on(signal, () => {
			say(`${signal}: stopping n8n and the sandbox …`);
			void stop(0);
		});
	}

	if (values.build !== false) {
		const { cmd, lead } = proc.npm();
		await timed('build (npm run build)', () => proc.exec(cmd, [...lead, 'run', 'build'], { cwd: REPO, children }));
	}
	const node = await timed('node 24', () => ensureAppNode(APP));
	const app = await timed('n8n app', () => ensureN8nApp({ appName: APP, node }));

	const devDir = path.join(cacheRoot(), 'dev');
	if (values.fresh) fs.rmSync(devDir, { recursive: true, force: true });
	const userFolder = path.join(devDir, 'user');
	const workDir = path.join(devDir, 'work');
	fs.mkdirSync(workDir, { recursive: true });
	fs.mkdirSync(userFolder, { recursive: true });
	// one encryption key for the dev folder, kept beside it (credentials stay readable across runs)
	const keyFile = path.join(devDir, 'encryption-key');
	if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
	const encryptionKey = fs.readFileSync(keyFile, 'utf8').trim();

	const packageDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', wf.PACKAGE_NAME);
	await timed('install the packed package', () => installPackage(packageDir));

	const sandboxPort = await proc.freePortOr(Number(values['sandbox-port'] ?? 4010));
	const sandbox = await startSandbox(sandboxPort, 'dev-sandbox-key');

	const port = await proc.freePortOr(Number(values.port ?? 5678));
	/** @type {import('./e2e/n8n-env').N8nInstance} */
	const n8n = {
		nodeBin: node.nodeBin,
		n8nBin: app.n8nBin,
		userFolder,
		workDir,
		children,
		env: n8nEnv({
			userFolder,
			encryptionKey,
			port,
			brokerPort: await proc.freePort(),
			nodeBin: node.nodeBin,
			extra: {
				...appSettings(APP).env,
				N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
				...(values.watch ? { N8N_DEV_RELOAD: 'true' } : {}),
			},
		}),
	};
	await timed('import the credential', () => wf.importCredential(n8n, { baseUrl: sandbox.baseUrl, apiKey: sandbox.key }));

	const started = Date.now();
	await startN8nServer(n8n, {
		onSpawn: (child) => {
			prefixLines(/** @type {NodeJS.ReadableStream} */ (child.stdout), '[n8n]');
			prefixLines(/** @type {NodeJS.ReadableStream} */ (child.stderr), '[n8n]');
			child.on('exit', (code, signal) => {
				if (!stopping) {
					say(`n8n stopped (${signal ?? code})`);
					void stop(1);
				}
			});
		},
	});
	say(`n8n ${app.version} ready: ${secs(Date.now() - started)}`);
	if (values.watch) onStop.push(watch(packageDir));

	const url = `http://127.0.0.1:${port}`;
	process.stdout.write(
		[
			'',
			`  n8n editor:  ${url}`,
			`  sandbox:     ${sandbox.baseUrl}  (key ${sandbox.key}; demo customers 1001–1003; log: ${sandbox.baseUrl.replace(/\/resources\/v2$/, '')}/_sandbox/log)`,
			`  credential:  "${wf.CREDENTIAL_NAME}" (IMIconnect API, Custom URL → the sandbox)`,
			`  user folder: ${userFolder}${values.fresh ? ' (fresh)' : ''}`,
			`  ${values.watch ? 'watching: edits are recompiled and reloaded' : 'restart to pick up changes (or use --watch)'}; Ctrl-C stops n8n and the sandbox`,
			'',
		].join('\n') + '\n',
	);
}

main().catch((error) => {
	console.error(`[dev] ${error instanceof Error ? error.message : error}`);
	void stop(1);
});
