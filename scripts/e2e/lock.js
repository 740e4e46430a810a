// @ts-check
'use strict';

/**
 * Maintenance: (re)writes scripts/e2e/<app>/package-lock.json after a pin changes.
 *
 *   node scripts/e2e/lock.js n8n-app        # then commit the lockfile
 *   node scripts/e2e/lock.js n8n-app-v1
 *
 * Runs `npm install --package-lock-only` under the app's Node, then adds the lock entries of
 * platform-specific optional packages the registry in use does not hold (npm drops an optional
 * package it cannot fetch from the lockfile, and `npm ci` then refuses the lockfile as out of
 * sync). The added entries carry `os`/`cpu` from their names, so npm skips them on every other
 * platform, as it would with a complete lockfile.
 */

const fs = require('node:fs');
const path = require('node:path');
const { ensureAppNode } = require('./n8n-app');
const { exec, npm, messageOf } = require('../lib/proc');

/** @param {string} name e.g. @msgpackr-extract/msgpackr-extract-darwin-arm64 @returns {{ os?: string[], cpu?: string[] }} */
function platformOf(name) {
	const m = /(?:^|[-/])(darwin|linux|win32|freebsd|openbsd|android|sunos|aix)-(x64|arm64|arm|ia32|ppc64|s390x|riscv64)(?:-|$)/.exec(name);
	return m ? { os: [m[1]], cpu: [m[2]] } : {};
}

/**
 * Where npm would find `dep` for the package at lock key `from` (walking up node_modules).
 * @param {Record<string, any>} packages
 * @param {string} from
 * @param {string} dep
 */
function resolves(packages, from, dep) {
	let base = from;
	for (;;) {
		const key = base ? `${base}/node_modules/${dep}` : `node_modules/${dep}`;
		if (packages[key]) return true;
		if (!base) return false;
		const i = base.lastIndexOf('/node_modules/');
		base = i >= 0 ? base.slice(0, i) : '';
	}
}

/** Adds the missing optional platform packages; returns their lock keys. @param {string} lockFile */
function completeOptionalPlatformPackages(lockFile) {
	const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
	/** @type {Record<string, any>} */
	const packages = lock.packages;
	/** @type {string[]} */
	const added = [];
	for (const [key, entry] of Object.entries(packages)) {
		for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
			if (resolves(packages, key, dep)) continue;
			const platform = platformOf(dep);
			if (!platform.os || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(String(spec))) {
				console.warn(`  ${key} wants the optional ${dep}@${spec}, which is not in the lockfile (left alone)`);
				continue;
			}
			// hoisted to the top, as npm places them, unless another version sits there
			const top = `node_modules/${dep}`;
			const target = !packages[top] ? top : `${key}/node_modules/${dep}`;
			packages[target] = { version: String(spec), ...platform, optional: true };
			added.push(target);
		}
	}
	if (added.length) {
		// '' (the root) first, as npm writes it
		lock.packages = Object.fromEntries(Object.keys(packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))).map((k) => [k, packages[k]]));
		fs.writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
	}
	return added;
}

async function main() {
	const appName = process.argv[2];
	if (!appName || !fs.existsSync(path.join(__dirname, appName, 'package.json'))) {
		throw new Error('usage: node scripts/e2e/lock.js <app dir under scripts/e2e, e.g. n8n-app>');
	}
	const dir = path.join(__dirname, appName);
	const node = await ensureAppNode(appName);
	const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key))), PATH: [path.join(node.nodeDir, 'bin'), process.env.PATH ?? ''].join(path.delimiter) };
	const { cmd, lead } = npm(node.nodeBin);
	console.log(`npm install --package-lock-only in scripts/e2e/${appName} (node ${node.version}) …`);
	await exec(cmd, [...lead, 'install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, env, verbose: true });
	const added = completeOptionalPlatformPackages(path.join(dir, 'package-lock.json'));
	for (const key of added) console.log(`  added the optional platform package ${key}`);
	console.log('done; check with: npm ci --dry-run --ignore-scripts (in a copy of the directory)');
}

main().catch((error) => {
	console.error(messageOf(error));
	process.exit(1);
});
