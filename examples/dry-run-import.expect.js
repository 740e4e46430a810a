// @ts-check
'use strict';

/**
 * Expectation of dry-run-import.json, run by `npm run e2e` in the real n8n app.
 *
 * Five CSV-like rows through Profile → Create with Dry Run on: the sandbox receives no request and
 * holds no profile. Rows 3 (no customer ID) and 5 (a list as a value) are error items naming the
 * item and the field, routed by the IF to "Rows to fix"; the three others reach "Ready to send" with
 * status "dry run" and dryRun = request 1, POST /customerprofile, and the record as it would be
 * sent (booleans as "1"/"0", numbers as digits).
 */

const assert = require('node:assert/strict');

/**
 * @param {import('../scripts/e2e/run-output').WorkflowOutput} output
 * @param {{ sandbox: any }} ctx
 */
async function check(output, { sandbox }) {
	assert.ok(!output.error, `the run failed: ${output.error?.message} ${output.error?.description ?? ''}`);
	assert.equal(sandbox.log.entries.length, 0, 'a dry run sent a request');
	assert.equal(sandbox.store.counts.profiles, 0);

	const toFix = output.items['Rows to fix'] ?? [];
	assert.deepEqual(toFix.map((item) => item.error), [
		'Item 2: Customer ID is empty',
		'Item 4: attribute "email" is a list; IMIconnect attributes hold text or numbers. Flatten it first or send it as a JSON string',
	]);

	const ready = output.items['Ready to send'] ?? [];
	assert.deepEqual(ready.map((item) => [item.customerId, item.status]), [
		['D-1001', 'dry run'],
		['D-1002', 'dry run'],
		['D-1004', 'dry run'],
	]);
	for (const item of ready) {
		assert.equal(item.dryRun.request, 1);
		assert.equal(item.dryRun.method, 'POST');
		assert.equal(item.dryRun.path, '/customerprofile');
	}
	assert.deepEqual(ready[0].dryRun.record, {
		customerId: 'D-1001',
		Attributes: { customerId: 'D-1001', name: 'Ada Lovelace', email: 'ada@example.com', sms: '1' },
	});
	assert.equal(ready[2].dryRun.record.Attributes.sms, '1');
}

module.exports = { check };
