#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run dev`: the node in the real n8n editor, against the local sandbox, recompiled and
 * reloaded on every change.
 *
 *   node scripts/dev.js [--port 5678] [--sandbox-port 4010] [--fresh] [--no-build]
 *
 *   --port          n8n's port on 127.0.0.1 (default 5678, or a free one if taken)
 *   --sandbox-port  the sandbox's port (default 4010, or a free one if taken)
 *   --fresh         start from an empty n8n user folder (forgets the owner account and workflows)
 *   --no-build      use dist/ as it is
 *
 * Builds; starts the sandbox with its demo data; links this repository into a dev n8n user folder
 * kept in the e2e cache (${N8N_E2E_CACHE:-~/.cache/n8n-nodes-imiconnect}/dev) where n8n loads
 * installed community packages (.n8n/nodes/node_modules/n8n-nodes-imiconnect, so the node keeps
 * its published type name, n8n-nodes-imiconnect.imiconnect, and the examples open as they are);
 * imports the credential "IMIconnect sandbox" pointing at the sandbox; starts n8n 2.x on Node 24
 * (both installed once into the cache, see scripts/e2e/n8n-app.js) with N8N_DEV_RELOAD, and
 * `tsc --watch`: n8n reloads the node when dist/ changes (refresh the editor). Prints the editor
 * URL. Ctrl-C stops everything.
 *
 * Not `n8n-node dev --external-n8n` (@n8n/node-cli): it links the package into .n8n/custom, where
 * n8n names the node CUSTOM.imiconnect, so the examples and saved workflows would not find it.
 *
 * The first time, n8n asks for an owner account (any e-mail and password: it stays on this
 * machine). Everything listens on 127.0.0.1 only; n8n runs with telemetry, version checks and
 * templates off.
 */

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const readline = require('node:readline');
const { parseArgs } = require('node:util');

const { cacheRoot } = require('./e2e/n8n-app');
const n8nLib = require('./e2e/n8n');
const proc = require('./lib/proc');

const REPO = path.resolve(__dirname, '..');
const KEY = 'dev-sandbox-key';

/** @type {import('./lib/proc').Children} */
const children = new Set();
/** @type {Array<() => unknown>} */
const onStop = [];
let stopping = false;

/** @param {string} msg */
const say = (msg) => process.stdout.write(`[dev] ${msg}\n`);
const { phase } = proc.phaseTimer({ say });

/** @param {number} code */
async function stop(code) {
	if (stopping) return;
	stopping = true;
	await Promise.all([...children].map((child) => proc.stopServer(child, 'SIGTERM', 10_000)));
	for (const fn of onStop) await fn();
	process.exit(code);
}

/**
 * A child's output on our stdout, each line prefixed; its end stops the others.
 * @param {string} name
 * @param {import('node:child_process').ChildProcess} child
 */
function watchChild(name, child) {
	for (const stream of [child.stdout, child.stderr]) if (stream) readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
	child.on('exit', (code, signal) => {
		if (stopping) return;
		say(`${name} stopped (${signal ?? code})`);
		void stop(1);
	});
}

async function main() {
	const { values } = parseArgs({
		options: { port: { type: 'string' }, 'sandbox-port': { type: 'string' }, fresh: { type: 'boolean' }, build: { type: 'boolean', default: true }, help: { type: 'boolean', short: 'h' } },
		allowNegative: true,
	});
	if (values.help) {
		const doc = fs.readFileSync(__filename, 'utf8').split('*/')[0];
		console.log(doc.replace(/^[\s\S]*?\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
		return;
	}
	for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		process.on(signal, () => {
			say(`${signal}: stopping n8n, tsc and the sandbox …`);
			void stop(0);
		});
	}
	if (values.build !== false) {
		const { cmd, lead } = proc.npm();
		await phase('build (npm run build)', () => proc.exec(cmd, [...lead, 'run', 'build'], { cwd: REPO, children }));
	}
	const app = await n8nLib.ensureApp('n8n-app', { phase });

	const devDir = path.join(cacheRoot(), 'dev');
	if (values.fresh) fs.rmSync(devDir, { recursive: true, force: true });
	fs.mkdirSync(devDir, { recursive: true });
	// one encryption key for the dev folder, kept beside it (credentials stay readable across runs)
	const keyFile = path.join(devDir, 'encryption-key');
	if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });

	const { startSandbox, addDemoData } = require(path.join(REPO, 'sandbox'));
	const sandbox = await startSandbox({ port: await proc.freePort(Number(values['sandbox-port'] ?? 4010)), key: KEY });
	addDemoData(sandbox.store);
	onStop.push(() => sandbox.close());

	const port = await proc.freePort(Number(values.port ?? 5678));
	const url = `http://127.0.0.1:${port}`;
	// the repository itself as the installed package (a copy left by an older dev run is replaced)
	const n8n = await n8nLib.makeInstance(app, {
		base: devDir,
		children,
		link: REPO,
		port,
		encryptionKey: fs.readFileSync(keyFile, 'utf8').trim(),
		env: { N8N_EDITOR_BASE_URL: url, N8N_DEV_RELOAD: 'true' },
	});
	await phase('import the credential', () => n8nLib.importCredential(n8n, { baseUrl: sandbox.baseUrl, apiKey: KEY }));
	const server = n8nLib.startN8n(n8n);
	watchChild('n8n', server.child);
	await phase(`n8n ${app.n8nApp.version}`, () => server.ready);
	const tsc = require.resolve('typescript/bin/tsc', { paths: [REPO] });
	watchChild('tsc', proc.startServer(process.execPath, [tsc, '--watch', '--preserveWatchOutput', '-p', 'tsconfig.json'], { cwd: REPO, children }));

	const lines = [
		`  n8n editor:  ${url}`,
		`  sandbox:     ${sandbox.baseUrl}  (key ${KEY}; demo customers 1001–1003; log: ${sandbox.url}/_sandbox/log)`,
		`  credential:  "${n8nLib.CREDENTIAL.name}" (IMIconnect API, Custom URL → the sandbox)`,
		`  user folder: ${n8n.userFolder}${values.fresh ? ' (fresh)' : ''}`,
		'  watching: edits are recompiled (tsc --watch) and n8n reloads the node; Ctrl-C stops n8n, tsc and the sandbox',
	];
	process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

main().catch((error) => {
	console.error(`[dev] ${proc.messageOf(error)}`);
	void stop(1);
});
