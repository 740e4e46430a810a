// Tests print reports (e.g. the fault matrix) through here: the n8n lint
// rules forbid console and process in TypeScript files, not in this one.
/** @param {string} text */
function print(text) {
	process.stdout.write(`${text}\n`);
}
module.exports = { print };
