// @ts-check
'use strict';

/**
 * `n8n start` as a long-running server (the editor), shared by `npm run dev` and `npm run e2e -- --ui`:
 * start it in its own process group, wait (wait-on) until it answers /healthz/readiness.
 */

const { spawn } = require('node:child_process');
const { waitReady } = require('../lib/proc');

/**
 * Starts `n8n start` (logs to the console streams, which the caller pipes) and waits until it is
 * ready. The child is added to `n8n.children` (the caller's cleanup kills its process group).
 * @param {import('./n8n-env').N8nInstance} n8n env must hold N8N_PORT
 * @param {{ timeoutMs?: number, onSpawn?: (child: import('node:child_process').ChildProcess) => void }} [opts]
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, port: number }>}
 */
async function startN8nServer(n8n, opts = {}) {
	const port = Number(n8n.env.N8N_PORT);
	if (!port) throw new Error('startN8nServer: N8N_PORT is not set');
	const child = spawn(n8n.nodeBin, [n8n.n8nBin, 'start'], {
		cwd: n8n.workDir,
		env: { ...n8n.env, N8N_LOG_OUTPUT: 'console' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: process.platform !== 'win32', // its own process group: its task runners go with it
	});
	n8n.children.add(child);
	child.on('exit', () => n8n.children.delete(child));
	opts.onSpawn?.(child);
	await waitReady(child, [`http-get://127.0.0.1:${port}/healthz/readiness`], opts.timeoutMs ?? 180_000).catch((error) => {
		throw new Error(`n8n ${error.message}`);
	});
	return { child, url: `http://127.0.0.1:${port}`, port };
}

module.exports = { startN8nServer };
