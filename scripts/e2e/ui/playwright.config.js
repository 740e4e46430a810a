// @ts-check
'use strict';

/**
 * @playwright/test for the editor check (`npm run e2e -- --ui`, which packs the package and runs
 * this config): one test, the walk-through of editor.spec.js, in Debian's headless chromium.
 * On a failure: the trace (`npx playwright show-trace <zip>`) and a screenshot, in
 * .e2e-ui-results/; the HTML report in .e2e-ui-report/.
 */

const path = require('node:path');
const { defineConfig } = require('@playwright/test');
const { chromiumPath, CHROMIUM_ARGS } = require('./browser');

const REPO = path.resolve(__dirname, '..', '..', '..');

module.exports = defineConfig({
	testDir: __dirname,
	testMatch: 'editor.spec.js',
	outputDir: path.join(REPO, '.e2e-ui-results'),
	workers: 1,
	retries: 0,
	timeout: 10 * 60_000, // the walk-through: ~2 min
	reporter: [['list'], ['html', { open: 'never', outputFolder: path.join(REPO, '.e2e-ui-report') }]],
	use: {
		headless: true,
		viewport: { width: 1280, height: 800 },
		deviceScaleFactor: 1,
		testIdAttribute: 'data-test-id', // n8n's own
		// DOM snapshots of every action (no screencast: it costs the walk's time); the screenshot below
		trace: { mode: 'retain-on-failure', snapshots: true, screenshots: false, sources: false },
		screenshot: 'only-on-failure',
		launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
	},
});
