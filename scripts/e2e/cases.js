// @ts-check
'use strict';

/**
 * What the e2e runs: the workflows with an expectation beside them, and the n8n apps to run them on.
 */

const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');

/**
 * @typedef {Object} Case
 * @property {string} name
 * @property {string} file the workflow JSON
 * @property {string} expectFile
 * @property {string} rel repo-relative path of the workflow, for messages
 */

/**
 * Workflows with an expectation beside them: `<name>.workflow.json` or `<name>.json` next to
 * `<name>.expect.js`.
 * @param {string} dir
 * @param {{ warnMissing?: boolean }} [opts]
 * @returns {Case[]}
 */
function casesIn(dir, opts = {}) {
	if (!fs.existsSync(dir)) return [];
	/** @type {Case[]} */
	const cases = [];
	for (const entry of fs.readdirSync(dir).sort()) {
		if (!entry.endsWith('.json') || entry === 'package.json' || entry === 'package-lock.json') continue;
		const name = entry.replace(/(\.workflow)?\.json$/, '');
		const expectFile = path.join(dir, `${name}.expect.js`);
		const rel = path.relative(REPO, path.join(dir, entry));
		if (!fs.existsSync(expectFile)) {
			if (opts.warnMissing) console.log(`skip  ${rel}: no ${name}.expect.js beside it`);
			continue;
		}
		cases.push({ name, file: path.join(dir, entry), expectFile, rel });
	}
	return cases;
}

/** @param {string[]} filters */
function discover(filters) {
	const all = [
		...casesIn(path.join(REPO, 'test', 'e2e-smoke')),
		...casesIn(path.join(__dirname, 'ai-tool')),
		...casesIn(path.join(REPO, 'examples'), { warnMissing: true }),
	];
	const seen = new Set();
	for (const c of all) {
		if (seen.has(c.name)) c.name = path.dirname(c.rel).split(path.sep).pop() + '/' + c.name;
		seen.add(c.name);
	}
	return filters.length ? all.filter((c) => filters.some((f) => c.name.includes(f) || c.rel.includes(f))) : all;
}

/** Apps under scripts/e2e/ (directories n8n-app* with a lockfile). */
function availableApps() {
	return fs
		.readdirSync(__dirname)
		.filter((d) => /^n8n-app/.test(d) && fs.existsSync(path.join(__dirname, d, 'package-lock.json')))
		.sort();
}

module.exports = { discover, availableApps };
