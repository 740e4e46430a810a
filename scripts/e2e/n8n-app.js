// @ts-check
'use strict';

/**
 * Installs (once) and locates the real n8n app used by `npm run e2e` and `npm run dev`, in a cache
 * outside the repository (`${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-imiconnect}`):
 * `node-<platform>-<arch>-<version>/` holds Node 24 from the npm package `node-<platform>-<arch>`
 * (nothing else is downloaded); `<app>-<hash>/` an `npm ci` of scripts/e2e/<app>/package-lock.json
 * under the app's Node, <hash> covering the lockfile, the pins and the Node version (a changed pin
 * installs afresh and the outdated install is removed).
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

const cacheRoot = () => (process.env.N8N_E2E_CACHE?.trim() ? path.resolve(process.env.N8N_E2E_CACHE) : path.join(os.homedir(), '.cache', 'n8n-nodes-imiconnect'));

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
	return {
		...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEPT_NPM_CONFIG.test(key))),
		PATH: [path.join(nodeDir, 'bin'), process.env.PATH ?? ''].join(path.delimiter),
		npm_config_nodedir: nodeDir,
		npm_config_ignore_scripts: 'false',
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_loglevel: 'warn',
	};
}

/**
 * Runs `install(dir)` once for `dir`: a directory counts once its `.complete` marker is written;
 * a half-finished one is removed and redone, under a lock (concurrent runs wait for each other).
 * @param {string} dir
 * @param {(dir: string) => Promise<void>} install
 */
async function installOnce(dir, install) {
	const done = () => fs.existsSync(path.join(dir, COMPLETE));
	if (done()) return false;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	return withLock(dir, async () => {
		if (done()) return false;
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		await install(dir);
		fs.writeFileSync(path.join(dir, COMPLETE), new Date().toISOString());
		return true;
	});
}

/** Node 24 from the npm package `node-<platform>-<arch>@24.21.0`, installed once into the cache. @param {{ verbose?: boolean }} [opts] */
async function ensureNode24(opts = {}) {
	const pkg = `node-${process.platform}-${process.arch}`;
	const dir = path.join(cacheRoot(), `${pkg}-${NODE24_VERSION}`);
	const nodeDir = path.join(dir, 'node_modules', pkg);
	const nodeBin = path.join(nodeDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	const installed = await installOnce(dir, async () => {
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'node24-for-n8n-e2e', private: true, dependencies: { [pkg]: NODE24_VERSION } }));
		const { cmd, lead } = npm();
		// the package is a plain tarball holding bin/node and include/node: no scripts needed
		const env = { ...npmEnv(path.dirname(path.dirname(process.execPath))), npm_config_ignore_scripts: 'true' };
		await exec(cmd, [...lead, 'install', '--no-save', '--no-package-lock', '--ignore-scripts'], { cwd: dir, env, logFile: path.join(dir, 'install.log'), verbose: opts.verbose });
		const version = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
		if (version !== `v${NODE24_VERSION}`) throw new Error(`${nodeBin} says ${version}, expected v${NODE24_VERSION}`);
	});
	return { nodeBin, nodeDir, version: NODE24_VERSION, installed };
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
	const env = Object.fromEntries(Object.entries(pkg.e2eEnv ?? {}).map(([key, value]) => [key, String(value)]));
	return { node: String(pkg.e2eNode ?? NODE24_VERSION), rebuild: (pkg.e2eRebuild ?? []).map(String), env };
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

/** Where an app described by scripts/e2e/<appName>/ is installed, by hash of its pins. @param {string} appName e.g. 'n8n-app' @param {string} nodeVersion */
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
 */
async function ensureN8nApp(opts) {
	const appName = opts.appName ?? 'n8n-app';
	const { src, dir } = appInstallDir(appName, opts.node.version);
	const installed = await installOnce(dir, async () => {
		for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(src, file), path.join(dir, file));
		// an npmrc of the app's own, so nothing of the repository's applies
		fs.writeFileSync(path.join(dir, '.npmrc'), 'audit=false\nfund=false\n');
		const run = { cwd: dir, env: npmEnv(opts.node.nodeDir), logFile: path.join(dir, 'install.log'), verbose: opts.verbose };
		console.log(`  npm ci of ${appName} into ${dir} (log: ${run.logFile}) …`);
		const { cmd, lead } = npm(opts.node.nodeBin);
		// Install scripts stay off for the ~2,200 packages (some fetch from GitHub or compile
		// librdkafka from sources downloaded off the internet) and run only for the native modules
		// the app needs, listed in the app's package.json under "e2eRebuild" (sqlite3 builds with
		// node-gyp against Node 24's headers; isolated-vm picks its bundled prebuild).
		await exec(cmd, [...lead, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], run);
		const { rebuild } = appSettings(appName);
		if (rebuild.length) {
			console.log(`  building native modules for node ${opts.node.version}: ${rebuild.join(', ')} …`);
			await exec(cmd, [...lead, 'rebuild', ...rebuild, '--ignore-scripts=false'], run);
		}
		// the database driver must load under the Node that runs n8n
		execFileSync(opts.node.nodeBin, ['-e', "require('sqlite3')"], { cwd: dir, stdio: 'pipe' });
	});
	if (installed) removeStaleInstalls(appName, dir);
	const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8'));
	return { dir, n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), version: String(version), installed };
}

/** Removes installs of the same app under other hashes (each ~3 GB) but one another run holds. @param {string} appName @param {string} keep */
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
	const { phaseTimer, messageOf } = require('../lib/proc');
	require('./n8n')
		.ensureApp(process.argv[2] ?? 'n8n-app', { phase: phaseTimer().phase, verbose: true })
		.catch((/** @type {unknown} */ error) => {
			console.error(messageOf(error));
			process.exit(1);
		});
}
