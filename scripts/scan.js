#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run scan`: n8n's community-package scanner, `@n8n/scan-community-package` (pinned in
 * devDependencies), on this checkout, offline.
 *
 *   node scripts/scan.js [--no-build] [--keep]
 *
 *   --no-build  pack dist/ as it is (skip `npm run build`)
 *   --keep      keep the temporary folder (the packed and unpacked package) and print it
 *
 * `npx @n8n/scan-community-package <name>` works on a *published* version: it (1) checks its npm
 * provenance, (2) downloads the GitHub source at the attested commit and lints its package.json,
 * nodes/ and credentials/, (3) downloads the published tarball and lints its .js files and
 * package.json; any ESLint error fails. Unpublished and offline here, (3) runs on our own
 * `npm pack` of this checkout (built first), (2) on this checkout's files (what the scanner would
 * fetch), (1) and the downloads are reported as not run. Both lints call the scanner's own
 * `analyzePackage(dir, patterns)` (its config, ESLint, plugins, `allowInlineConfig: false`): the
 * verdict is the scanner's; every message is then listed with file, line and rule.
 *
 * Exit code 0 when both lints pass, 1 otherwise. Nothing is sent over the network.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
const { parseArgs } = require('node:util');

const { secs, npm, exec, npmPack, messageOf } = require('./lib/proc');

const REPO = path.resolve(__dirname, '..');
const SCANNER = '@n8n/scan-community-package';

/** The tarball leg's patterns, as in the scanner's analyzePackageByName. */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/**
 * @typedef {{ passed: boolean, message?: string, details?: string, error?: unknown }} AnalysisResult
 * @typedef {{
 *   analyzePackage: (dir: string, patterns?: string[]) => Promise<AnalysisResult>,
 *   buildScanConfig: () => Promise<unknown>,
 *   SOURCE_FILE_PATTERNS: string[],
 * }} ScannerModule
 * @typedef {{ file: string, line: number, column: number, severity: 'error' | 'warning', rule: string, message: string }} Finding
 */

/** @param {string} msg */
const say = (msg) => process.stdout.write(`${msg}\n`);

/**
 * Loads the installed scanner's module (scanner/scanner.mjs). Importing it creates an empty
 * temporary folder (its download folder, unused here); `tmp`'s graceful clean-up removes it at exit.
 * @returns {Promise<{ scanner: ScannerModule, version: string, scannerRequire: NodeJS.Require }>}
 */
async function loadScanner() {
	let file;
	try {
		file = require.resolve(`${SCANNER}/scanner/scanner.mjs`, { paths: [REPO] });
	} catch {
		throw new Error(`${SCANNER} is not installed: run npm ci (it is a devDependency)`);
	}
	const scannerRequire = createRequire(file);
	scannerRequire('tmp').setGracefulCleanup();
	const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(file), '..', 'package.json'), 'utf8'));
	const scanner = /** @type {ScannerModule} */ (await import(pathToFileURL(file).href));
	for (const name of /** @type {const} */ (['analyzePackage', 'buildScanConfig'])) {
		if (typeof scanner[name] !== 'function') throw new Error(`${SCANNER}@${version} exports no ${name}(): this script knows 0.32.0`);
	}
	if (!Array.isArray(scanner.SOURCE_FILE_PATTERNS)) throw new Error(`${SCANNER}@${version} exports no SOURCE_FILE_PATTERNS`);
	return { scanner, version: String(version), scannerRequire };
}

/**
 * Every message (errors and warnings) of the scanner's config on those files, with the options
 * the scanner's analyzePackage uses. Only for the listing: the verdict is analyzePackage's.
 * @param {ScannerModule} scanner
 * @param {NodeJS.Require} scannerRequire
 * @param {string} dir
 * @param {string[]} files relative paths
 * @returns {Promise<Finding[]>}
 */
async function findingsOf(scanner, scannerRequire, dir, files) {
	if (!files.length) return [];
	const { ESLint } = scannerRequire('eslint');
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanner.buildScanConfig() });
	const results = await eslint.lintFiles(files.map((f) => path.join(dir, f)));
	return results.flatMap((/** @type {any} */ result) =>
		result.messages.map((/** @type {any} */ m) => ({
			file: path.relative(dir, result.filePath),
			line: m.line ?? 0,
			column: m.column ?? 0,
			severity: m.severity === 2 ? 'error' : 'warning',
			rule: m.ruleId ?? '(parse)',
			message: m.message,
		})),
	);
}

/**
 * One lint leg: the scanner's analyzePackage (the verdict) and the listing of its messages.
 * @param {{ scanner: ScannerModule, scannerRequire: NodeJS.Require }} loaded
 * @param {{ title: string, dir: string, label: string, patterns: string[] }} leg
 */
async function lintLeg({ scanner, scannerRequire }, leg) {
	const started = Date.now();
	// the files the scanner's own glob and ignores cover
	/** @type {string[]} */
	const files = scannerRequire('fast-glob').sync(leg.patterns, { cwd: leg.dir, ignore: ['node_modules/**', '**/package-lock.json'] }).sort();
	const result = await scanner.analyzePackage(leg.dir, leg.patterns);
	const findings = await findingsOf(scanner, scannerRequire, leg.dir, files);
	const errors = findings.filter((f) => f.severity === 'error').length;
	const warnings = findings.length - errors;
	say(`${result.passed ? 'PASS' : 'FAIL'}  ${leg.title}: ${files.length} files of ${leg.label} [${leg.patterns.join(', ')}], ${errors} error(s), ${warnings} warning(s), ${secs(Date.now() - started)}`);
	for (const f of findings) say(`      ${f.severity}  ${f.file}:${f.line}:${f.column}  ${f.rule}  ${f.message}`);
	if (!result.passed) {
		say(`      scanner: ${result.message ?? 'failed'}`);
		if (result.details && !findings.length) say(result.details.trim().replace(/^/gm, '      '));
	}
	return { passed: result.passed, files: files.length, errors, warnings };
}

async function main() {
	const { values } = parseArgs({
		options: { build: { type: 'boolean', default: true }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
		allowNegative: true,
	});
	if (values.help) {
		const doc = fs.readFileSync(__filename, 'utf8').split('*/')[0];
		say(doc.replace(/^[\s\S]*?\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
		return 0;
	}
	const total = Date.now();
	const loaded = await loadScanner();
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	const label = `${pkg.name}@${pkg.version}`;
	say(`scan: ${SCANNER}@${loaded.version} on ${label} (this checkout, packed locally; offline)`);

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-imiconnect-scan-'));
	try {
		const { cmd, lead } = npm();
		if (values.build !== false) {
			const started = Date.now();
			await exec(cmd, [...lead, 'run', 'build'], { cwd: REPO });
			say(`  build (npm run build): ${secs(Date.now() - started)}`);
		}
		if (!fs.existsSync(path.join(REPO, 'dist'))) throw new Error('dist/ is not built (run without --no-build)');

		// what the scanner's downloadAndExtractPackage does with `npm pack <name>@<version>`,
		// on our own pack: the tarball unpacked with --strip-components=1
		const started = Date.now();
		const info = await npmPack(REPO, tmp);
		const packageDir = path.join(tmp, 'package');
		fs.mkdirSync(packageDir);
		await exec('tar', ['-xzf', info.file, '-C', packageDir, '--strip-components=1'], { cwd: tmp });
		say(`  pack (npm pack): ${info.filename}, ${info.files.length} files, ${secs(Date.now() - started)}`);

		say('');
		const tarball = await lintLeg(loaded, { title: "lint of the packed package (the scanner's tarball leg)", dir: packageDir, label: info.filename, patterns: TARBALL_PATTERNS });
		const source = await lintLeg(loaded, { title: "lint of the source (the scanner's source leg)", dir: REPO, label: 'this checkout', patterns: loaded.scanner.SOURCE_FILE_PATTERNS });
		say('NOT RUN  provenance check: there is no npm provenance attestation of an unpublished version');
		say('NOT RUN  source and tarball downloads: none exist for an unpublished version (the same lints ran above)');

		const passed = tarball.passed && source.passed;
		say(`\nscan ${passed ? 'passed' : 'FAILED'}: ${tarball.errors + source.errors} error(s), ${tarball.warnings + source.warnings} warning(s) in ${tarball.files + source.files} files; total ${secs(Date.now() - total)}`);
		return passed ? 0 : 1;
	} finally {
		if (values.keep) say(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`scan: ${messageOf(error)}`);
		process.exit(1);
	},
);
