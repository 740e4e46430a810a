// @ts-check
'use strict';

/**
 * Debian's `chromium` for @playwright/test (nothing downloads a browser build): its path, from
 * CHROMIUM_PATH, else `chromium` on PATH, else /usr/bin/chromium; `ensureChromium` installs the
 * package with apt-get when it is missing.
 */

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The chromium to launch, if one is installed. */
const chromiumPath = () =>
	process.env.CHROMIUM_PATH || [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/bin'].map((d) => path.join(d, 'chromium')).find((f) => fs.existsSync(f));

/** Path of Debian's chromium, installing the package when it is missing. */
function ensureChromium() {
	const found = chromiumPath();
	if (found) return found;
	if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error('chromium is missing: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH');
	}
	console.log('  chromium is missing: apt-get install -y chromium …');
	const [cmd, ...lead] = [...(process.getuid?.() === 0 ? [] : ['sudo']), 'apt-get'];
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
		execFileSync(cmd, [...lead, ...args], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	}
	if (!fs.existsSync('/usr/bin/chromium')) throw new Error('apt-get install chromium left no /usr/bin/chromium');
	return '/usr/bin/chromium';
}

module.exports = { chromiumPath, ensureChromium, CHROMIUM_ARGS };
