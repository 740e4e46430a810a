// @ts-check
/**
 * Whether dist/ was built from the source as it is now. The engine tests, the
 * demo and the benchmark load dist/, so after an edit to nodes/ or
 * credentials/ without `npm run build` they would quietly run the old code:
 * the engine refuses to, naming the first source file newer than its build.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['nodes', 'credentials'];

/**
 * @typedef {object} SourceTimes
 * @property {string} source the source file, relative to the repository, with `/`
 * @property {number} sourceMtimeMs
 * @property {number | undefined} builtMtimeMs its compiled file's, undefined when there is none
 */

/**
 * The complaint about a build, or undefined when every source is older than its compiled file.
 * @param {SourceTimes[]} files
 * @param {boolean} distExists
 * @returns {string | undefined}
 */
function staleDistMessage(files, distExists) {
	if (!distExists) return 'dist/ is missing: run npm run build';
	const stale = files.find((file) => file.builtMtimeMs === undefined || file.builtMtimeMs < file.sourceMtimeMs);
	return stale ? `dist/ is older than ${stale.source}: run npm run build` : undefined;
}

/**
 * nodes/**\/*.ts and credentials/**\/*.ts (not .d.ts) with the times of their compiled dist/ files.
 * @param {string} [root] the repository
 * @returns {SourceTimes[]}
 */
function sourceTimes(root = ROOT) {
	return SOURCE_DIRS.flatMap((dir) => (fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)) : []))
		.filter((relative) => relative.endsWith('.ts') && !relative.endsWith('.d.ts'))
		.map((relative) => ({
			source: relative.split(path.sep).join('/'),
			sourceMtimeMs: fs.statSync(path.join(root, relative)).mtimeMs,
			builtMtimeMs: fs.statSync(path.join(root, 'dist', relative.replace(/\.ts$/, '.js')), { throwIfNoEntry: false })?.mtimeMs,
		}));
}

/** Throws when dist/ is missing or older than a source file. @param {string} [root] the repository */
function assertFreshDist(root = ROOT) {
	const message = staleDistMessage(sourceTimes(root), fs.existsSync(path.join(root, 'dist')));
	if (message) throw new Error(message);
}

module.exports = { assertFreshDist, staleDistMessage, sourceTimes };
