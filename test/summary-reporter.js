// Prints the closing line CI reads ("tests: N passed, M failed") after jest's own summary.
class SummaryReporter {
	/** @param {any} _globalConfig @param {any} _options */
	constructor(_globalConfig, _options) {}
	/** @param {any} _contexts @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number }} results */
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests ? `, ${results.numPendingTests} skipped` : '';
		process.stdout.write(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped}\n`);
	}
}
module.exports = SummaryReporter;
