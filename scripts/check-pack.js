#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run check-pack`: what `npm publish` would upload, checked before it is. Packs the built
 * package (`npm pack`, install scripts off) and fails on a file outside package.json, README.md,
 * LICENSE, index.js and dist/'s compiled nodes and credentials (.js, .d.ts, .json, .svg, .png: no
 * sources, source maps, sandbox, tests or scripts); on a node, credential or "main" of
 * package.json missing; on a tarball over the size budgets; on a GitHub link in the shipped code to
 * another repository than package.json's "repository" (where repository, homepage and author are
 * set). Prints every file with its size; exit code 1 on a problem.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { npmPack } = require('./lib/proc');

const REPO = path.resolve(__dirname, '..');

/** Budgets with room to grow (0.1.0: about 33 kB packed, 120 kB unpacked). */
const SIZE_BUDGET = 64 * 1024;
const UNPACKED_BUDGET = 256 * 1024;

const ALLOWED_TOP = new Set(['package.json', 'README.md', 'LICENSE', 'index.js']);
const ALLOWED_DIST = /^dist\/(nodes|credentials)\/[\w./-]+\.(js|d\.ts|json|svg|png)$/;

/**
 * The problems of a packed file list, as messages. @param {{ path: string, size: number }[]} files
 * @param {{ main?: string, n8n?: { nodes?: string[], credentials?: string[] } }} pkg @param {{ size: number, unpackedSize: number }} sizes
 */
function problemsOf(files, pkg, sizes) {
	/** @type {string[]} */
	const problems = [];
	const paths = new Set(files.map((f) => f.path));
	for (const f of files) {
		if (ALLOWED_TOP.has(f.path)) continue;
		if (f.path.endsWith('.map')) problems.push(`${f.path}: a source map (left out on purpose: the .ts sources are not shipped)`);
		else if (!ALLOWED_DIST.test(f.path)) problems.push(`${f.path}: not part of what the package should ship`);
	}
	for (const needed of ['package.json', 'README.md', 'LICENSE', pkg.main ?? 'index.js', ...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
		if (!paths.has(needed)) problems.push(`${needed}: missing`);
	}
	if (sizes.size > SIZE_BUDGET) problems.push(`packed size ${kb(sizes.size)} is over the budget of ${kb(SIZE_BUDGET)}`);
	if (sizes.unpackedSize > UNPACKED_BUDGET) problems.push(`unpacked size ${kb(sizes.unpackedSize)} is over the budget of ${kb(UNPACKED_BUDGET)}`);
	return problems;
}

/** owner/name of a GitHub URL, lower-cased (GitHub's names are case-insensitive). @param {string} url */
function githubRepo(url) {
	const m = /github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[/#?]|$)/.exec(url);
	return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
}

/** Links to GitHub repositories other than `repositoryUrl`'s (package.json's) in the file texts. @param {{ path: string, text: string }[]} files @param {string} repositoryUrl */
function linkProblems(files, repositoryUrl) {
	const own = githubRepo(repositoryUrl);
	if (!own) return [`package.json: repository.url ${JSON.stringify(repositoryUrl)} is not a GitHub repository`];
	/** @type {string[]} */
	const problems = [];
	for (const f of files) {
		for (const [url] of f.text.matchAll(/https:\/\/github\.com\/[\w.-]+\/[\w.-]+[^\s'"`)]*/g)) {
			if (githubRepo(url) !== own) problems.push(`${f.path}: links to ${url}, not to package.json's repository (${own})`);
		}
	}
	return problems;
}

/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function main() {
	if (!fs.existsSync(path.join(REPO, 'dist'))) throw new Error('dist/ is not built: run npm run build first');
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-imiconnect-pack-'));
	try {
		const info = await npmPack(REPO, tmp);
		for (const f of info.files) console.log(`  ${String(f.size).padStart(7)}  ${f.path}`);
		console.log(`${info.filename}: ${info.files.length} files, ${kb(info.size)} packed (budget ${kb(SIZE_BUDGET)}), ${kb(info.unpackedSize)} unpacked (budget ${kb(UNPACKED_BUDGET)})`);
		const shipped = info.files.filter((f) => /^dist\/.+\.(js|json)$/.test(f.path)).map((f) => ({ path: f.path, text: fs.readFileSync(path.join(REPO, f.path), 'utf8') }));
		const problems = [...problemsOf(info.files, pkg, info), ...linkProblems(shipped, String(pkg.repository?.url ?? pkg.repository ?? ''))];
		for (const p of problems) console.log(`FAIL  ${p}`);
		console.log(problems.length ? `check-pack FAILED: ${problems.length} problem(s)` : 'check-pack passed');
		return problems.length ? 1 : 0;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

module.exports = { problemsOf, linkProblems, SIZE_BUDGET, UNPACKED_BUDGET };

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(`check-pack: ${error?.message ?? error}`);
			process.exit(1);
		},
	);
}
