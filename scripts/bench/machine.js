// @ts-check
'use strict';

/** What ran a benchmark: Node, the system, the CPUs, and the versions of the packages measured. */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Node, system and CPUs, as the results files record them. */
function machine() {
	const cpus = os.cpus();
	return {
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		cpuModel: cpus[0]?.model ?? 'unknown',
		cpuCount: cpus.length,
	};
}

/**
 * The version in a package.json of the repository (`.`) or of node_modules/<pkg>.
 * @param {string} pkg
 * @returns {string}
 */
function versionOf(pkg) {
	const file = pkg === '.' ? path.join(ROOT, 'package.json') : path.join(ROOT, 'node_modules', pkg, 'package.json');
	try {
		return String(JSON.parse(fs.readFileSync(file, 'utf8')).version);
	} catch {
		return 'unknown';
	}
}

module.exports = { machine, versionOf };
