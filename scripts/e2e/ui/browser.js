// @ts-check
'use strict';

/**
 * Debian's `chromium` for @playwright/test (nothing downloads a browser build): its path, from
 * CHROMIUM_PATH, else `chromium` on PATH, else /usr/bin/chromium; `ensureChromium` installs the
 * package with apt-get when it is missing.
 */

const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The chromium to launch, if one is installed. */
function chromiumPath() {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	try {
		const found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
		if (found) return found;
	} catch {
		// not on PATH
	}
	return fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Path of Debian's chromium, installing the package when it is missing. */
function ensureChromium() {
	const found = chromiumPath();
	if (found) return found;
	if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error('chromium is missing: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH');
	}
	console.log('  chromium is missing: apt-get install -y chromium …');
	const sudo = typeof process.getuid === 'function' && process.getuid() !== 0 ? ['sudo'] : [];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const run = (/** @type {string[]} */ cmd) => execFileSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env });
	run([...sudo, 'apt-get', 'update', '-qq']);
	run([...sudo, 'apt-get', 'install', '-y', '-qq', 'chromium']);
	if (!fs.existsSync('/usr/bin/chromium')) throw new Error('apt-get install chromium left no /usr/bin/chromium');
	return '/usr/bin/chromium';
}

module.exports = { chromiumPath, ensureChromium, CHROMIUM_ARGS };
