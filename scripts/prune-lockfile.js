// @ts-check
/**
 * `npm ci` refuses a lockfile that lists an optional dependency it does not
 * hold. The npm registry reachable here lacks the other platforms' builds of
 * some packages (e.g. @unrs/resolver-binding-darwin-arm64, pulled in by n8n's
 * lint tooling), so `npm install` writes such a lockfile. This drops those
 * entries; run it after any `npm install` that changes package-lock.json:
 *   node scripts/prune-lockfile.js [path/to/package-lock.json]
 */
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'package-lock.json'));
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
/** @type {Record<string, { optionalDependencies?: Record<string, string> }>} */
const packages = lock.packages;
const present = new Set(Object.keys(packages).map((key) => key.split('node_modules/').pop()));
let pruned = 0;
for (const entry of Object.values(packages)) {
	for (const name of Object.keys(entry.optionalDependencies ?? {})) {
		if (present.has(name)) continue;
		delete /** @type {Record<string, string>} */ (entry.optionalDependencies)[name];
		pruned++;
	}
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${path.basename(file)}: pruned ${pruned} optional dependencies the registry does not hold`);
