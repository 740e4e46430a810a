// @ts-check
'use strict';

/**
 * One n8n instance for a run of the e2e (the workflows or the editor check): Node and n8n from the
 * cache, a fresh user folder with the packed package unpacked where n8n's Community Nodes install
 * puts it, and the environment of an offline loopback-only instance.
 */

const fs = require('node:fs');
const path = require('node:path');

const proc = require('../lib/proc');
const { ensureAppNode, ensureN8nApp, appSettings } = require('./n8n-app');
const { n8nEnv, randomKey } = require('./n8n-env');

/**
 * @param {{ app: string, base: string, tarball: { file: string, name: string },
 *   children: Set<import('node:child_process').ChildProcess>, verbose?: boolean,
 *   phase: (name: string, fn: () => Promise<any>) => Promise<any>, extraEnv?: NodeJS.ProcessEnv }} opts
 *   base: a fresh folder for this instance (user folder, logs)
 * @returns {Promise<{ n8n: import('./n8n-env').N8nInstance, version: string, nodeVersion: string, installed: boolean, label: string }>}
 */
async function prepareInstance(opts) {
	const { app, base } = opts;
	/** @type {Awaited<ReturnType<typeof ensureAppNode>>} */
	const node = await opts.phase(`${app}: node`, () => ensureAppNode(app, { verbose: opts.verbose }));
	/** @type {Awaited<ReturnType<typeof ensureN8nApp>>} */
	const n8nApp = await opts.phase(`${app}: n8n install`, () => ensureN8nApp({ appName: app, node, verbose: opts.verbose }));
	console.log(`  ${app}: n8n ${n8nApp.version} on node ${node.version} (${n8nApp.installed ? 'installed now' : 'cached'})`);

	const userFolder = path.join(base, 'user');
	const workDir = path.join(base, 'work');
	const packageDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', opts.tarball.name);
	fs.mkdirSync(packageDir, { recursive: true });
	fs.mkdirSync(workDir, { recursive: true });
	await proc.exec('tar', ['-xzf', opts.tarball.file, '--strip-components=1', '-C', packageDir], { cwd: base, logFile: path.join(workDir, 'tar.log'), children: opts.children });

	/** @type {import('./n8n-env').N8nInstance} */
	const n8n = {
		nodeBin: node.nodeBin,
		n8nBin: n8nApp.n8nBin,
		userFolder,
		workDir,
		children: opts.children,
		env: n8nEnv({
			userFolder,
			encryptionKey: randomKey(),
			port: await proc.freePort(),
			brokerPort: await proc.freePort(),
			// Node 24 first on PATH: n8n starts the Code node's task runner with the node found there.
			nodeBin: node.nodeBin,
			extra: { ...appSettings(app).env, ...(opts.extraEnv ?? {}) },
		}),
	};
	return { n8n, version: n8nApp.version, nodeVersion: node.version, installed: n8nApp.installed, label: `n8n ${n8nApp.version}, node ${node.version}` };
}

module.exports = { prepareInstance };
