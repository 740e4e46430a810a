// @ts-check
'use strict';

/**
 * Installs (once) and locates the real n8n app used by `npm run e2e` and `npm run dev`.
 *
 * Both live in a cache directory outside the repository,
 * `${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-imiconnect}`:
 *
 *   node-<platform>-<arch>-<version>/  Node 24 from the npm package `node-<platform>-<arch>`
 *                                      (installed with this machine's npm; nothing else is downloaded)
 *   <app>-<hash>/                      `npm ci` of scripts/e2e/<app>/package-lock.json, run with
 *                                      the app's Node first on PATH so native modules (sqlite3)
 *                                      build for it; <hash> covers the lockfile, the pins of
 *                                      package.json and the Node version, so a changed pin
 *                                      installs afresh (and the outdated install is removed)
 *
 * A directory counts only once its `.complete` marker is written; a half-finished one is removed
 * and redone. Concurrent runs wait for each other through a lock directory.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { exec, npm, withLock } = require('../lib/proc');

/** The Node version the 2.x app runs on (n8n 2.x needs Node >= 24). */
const NODE24_VERSION = '24.21.0';

const COMPLETE = '.complete';

/** @returns {string} */
function cacheRoot() {
	const fromEnv = process.env.N8N_E2E_CACHE;
	return fromEnv && fromEnv.trim() ? path.resolve(fromEnv) : path.join(os.homedir(), '.cache', 'n8n-nodes-imiconnect');
}

/** npm settings an outer `npm run` passes on that the app install keeps (where to fetch from). */
const KEPT_NPM_CONFIG = /^npm_config_(cache|cafile|ca|registry|.*:registry|userconfig|globalconfig|proxy|https?_proxy|noproxy|strict_ssl|fetch_\w+|maxsockets|prefer_offline|offline)$/i;

/**
 * Environment for running this machine's npm under another node: that node first on PATH, node-gyp
 * pointed at its headers (a user `nodedir` would otherwise build against the wrong Node), and of
 * the outer `npm run`'s `npm_config_*` only where to fetch from (not e.g. ignore-scripts from the
 * repository's .npmrc, or its local prefix).
 * @param {string} nodeDir
 */
function npmEnv(nodeDir) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) && !KEPT_NPM_CONFIG.test(key)) continue;
		env[key] = value;
	}
	env.PATH = [path.join(nodeDir, 'bin'), process.env.PATH ?? ''].join(path.delimiter);
	env.npm_config_nodedir = nodeDir;
	env.npm_config_ignore_scripts = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_update_notifier = 'false';
	env.npm_config_loglevel = 'warn';
	return env;
}

/**
 * Node 24 from the npm package `node-<platform>-<arch>@24.21.0`, installed once into the cache.
 * @param {{ verbose?: boolean }} [opts]
 * @returns {Promise<{ nodeBin: string, nodeDir: string, version: string, installed: boolean }>}
 */
async function ensureNode24(opts = {}) {
	const pkg = `node-${process.platform}-${process.arch}`;
	const dir = path.join(cacheRoot(), `${pkg}-${NODE24_VERSION}`);
	const nodeDir = path.join(dir, 'node_modules', pkg);
	const nodeBin = path.join(nodeDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	const result = { nodeBin, nodeDir, version: NODE24_VERSION, installed: false };
	if (fs.existsSync(path.join(dir, COMPLETE))) return result;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	return withLock(dir, async () => {
		if (fs.existsSync(path.join(dir, COMPLETE))) return result;
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'node24-for-n8n-e2e', private: true, dependencies: { [pkg]: NODE24_VERSION } }, null, 2),
		);
		const logFile = path.join(dir, 'install.log');
		const { cmd, lead } = npm();
		// the package is a plain tarball holding bin/node and include/node: no scripts needed
		const env = npmEnv(path.dirname(path.dirname(process.execPath)));
		env.npm_config_ignore_scripts = 'true';
		await exec(cmd, [...lead, 'install', '--no-save', '--no-package-lock', '--ignore-scripts'], {
			cwd: dir,
			env,
			logFile,
			verbose: opts.verbose,
		});
		const version = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
		if (version !== `v${NODE24_VERSION}`) throw new Error(`${nodeBin} says ${version}, expected v${NODE24_VERSION}`);
		fs.writeFileSync(path.join(dir, COMPLETE), new Date().toISOString());
		result.installed = true;
		return result;
	});
}

/**
 * The app's settings from scripts/e2e/<appName>/package.json: which Node runs it (`e2eNode`:
 * the pinned Node 24 by default, or "system" = the Node running this script) and which native
 * modules get their install scripts run (`e2eRebuild`), and environment variables the app needs
 * to run here (`e2eEnv`).
 * @param {string} appName
 * @returns {{ node: string, rebuild: string[], env: Record<string, string> }}
 */
function appSettings(appName) {
	const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, appName, 'package.json'), 'utf8'));
	/** @type {Record<string, string>} */
	const env = {};
	for (const [key, value] of Object.entries(pkg.e2eEnv ?? {})) env[key] = String(value);
	return {
		node: String(pkg.e2eNode ?? NODE24_VERSION),
		rebuild: Array.isArray(pkg.e2eRebuild) ? pkg.e2eRebuild.map(String) : [],
		env,
	};
}

/**
 * The Node an app runs on, installed if needed.
 * @param {string} appName
 * @param {{ verbose?: boolean }} [opts]
 * @returns {Promise<{ nodeBin: string, nodeDir: string, version: string, installed: boolean }>}
 */
async function ensureAppNode(appName, opts = {}) {
	const { node } = appSettings(appName);
	if (node === 'system') {
		return { nodeBin: process.execPath, nodeDir: path.dirname(path.dirname(process.execPath)), version: process.versions.node, installed: false };
	}
	if (node !== NODE24_VERSION) throw new Error(`scripts/e2e/${appName}/package.json: e2eNode ${node} is not supported (use ${NODE24_VERSION} or "system")`);
	return ensureNode24(opts);
}

/**
 * Where an app described by scripts/e2e/<appName>/ is installed, by hash of its pins.
 * @param {string} appName e.g. 'n8n-app'
 * @param {string} nodeVersion
 */
function appInstallDir(appName, nodeVersion) {
	const src = path.join(__dirname, appName);
	const hash = crypto.createHash('sha256');
	// what decides the install: the lockfile, the pins and overrides, the native rebuilds (not the
	// descriptions or the run-time settings of package.json)
	const pkg = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'));
	hash.update(JSON.stringify([pkg.dependencies ?? {}, pkg.overrides ?? {}, pkg.e2eRebuild ?? []]));
	hash.update(fs.readFileSync(path.join(src, 'package-lock.json')));
	hash.update(`node ${nodeVersion} ${process.platform}-${process.arch}`);
	return { src, dir: path.join(cacheRoot(), `${appName}-${hash.digest('hex').slice(0, 16)}`) };
}

/**
 * Installs the app pinned in scripts/e2e/<appName>/ (once per lockfile hash) and returns where its
 * n8n entry point is.
 * @param {{ appName?: string, node: { nodeBin: string, nodeDir: string, version: string }, verbose?: boolean }} opts
 * @returns {Promise<{ dir: string, n8nBin: string, version: string, installed: boolean }>}
 */
async function ensureN8nApp(opts) {
	const appName = opts.appName ?? 'n8n-app';
	const { src, dir } = appInstallDir(appName, opts.node.version);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const describe = (installed = false) => ({
		dir,
		n8nBin,
		version: String(JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version),
		installed,
	});
	if (fs.existsSync(path.join(dir, COMPLETE))) return describe();
	fs.mkdirSync(cacheRoot(), { recursive: true });
	return withLock(dir, async () => {
		if (fs.existsSync(path.join(dir, COMPLETE))) return describe();
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(src, file), path.join(dir, file));
		// an npmrc of the app's own, so nothing of the repository's applies
		fs.writeFileSync(path.join(dir, '.npmrc'), 'audit=false\nfund=false\n');
		const logFile = path.join(dir, 'install.log');
		console.log(`  npm ci of ${appName} into ${dir} (log: ${logFile}) …`);
		const { cmd, lead } = npm(opts.node.nodeBin);
		const env = npmEnv(opts.node.nodeDir);
		// Install scripts stay off for the ~2,200 packages (some fetch from GitHub or compile
		// librdkafka from sources downloaded off the internet) and run only for the native modules
		// the app needs, listed in the app's package.json under "e2eRebuild" (sqlite3 builds with
		// node-gyp against Node 24's headers; isolated-vm picks its bundled prebuild).
		await exec(cmd, [...lead, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, env, logFile, verbose: opts.verbose });
		const { rebuild } = appSettings(appName);
		if (rebuild.length) {
			console.log(`  building native modules for node ${opts.node.version}: ${rebuild.join(', ')} …`);
			await exec(cmd, [...lead, 'rebuild', ...rebuild, '--ignore-scripts=false'], { cwd: dir, env, logFile, verbose: opts.verbose });
		}
		// the database driver must load under the Node that runs n8n
		execFileSync(opts.node.nodeBin, ['-e', "require('sqlite3')"], { cwd: dir, stdio: 'pipe' });
		fs.writeFileSync(path.join(dir, COMPLETE), new Date().toISOString());
		removeStaleInstalls(appName, dir);
		return describe(true);
	});
}

/**
 * Removes installs of the same app under other hashes (each is about 3 GB), unless another run
 * holds their lock.
 * @param {string} appName
 * @param {string} keep
 */
function removeStaleInstalls(appName, keep) {
	const root = cacheRoot();
	const pattern = new RegExp(`^${appName.replace(/[-]/g, '\\-')}-[0-9a-f]{16}$`);
	for (const name of fs.readdirSync(root)) {
		const full = path.join(root, name);
		if (full === keep || !pattern.test(name) || fs.existsSync(`${full}.lock`)) continue;
		console.log(`  removing the outdated install ${full}`);
		fs.rmSync(full, { recursive: true, force: true });
	}
}

module.exports = { cacheRoot, ensureAppNode, ensureN8nApp, appSettings };

if (require.main === module) {
	// `node scripts/e2e/n8n-app.js [app-name]`: install only, verbosely
	(async () => {
		const t0 = Date.now();
		const appName = process.argv[2] ?? 'n8n-app';
		const node = await ensureAppNode(appName, { verbose: true });
		console.log(`node ${node.version}: ${node.nodeBin} (${node.installed ? 'installed' : 'cached'}, ${Date.now() - t0} ms)`);
		const t1 = Date.now();
		const app = await ensureN8nApp({ appName, node, verbose: true });
		console.log(`n8n ${app.version}: ${app.n8nBin} (${app.installed ? 'installed' : 'cached'}, ${Date.now() - t1} ms)`);
	})().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
