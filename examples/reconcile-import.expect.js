// @ts-check
'use strict';

/**
 * Expectation of reconcile-import.json, run by `npm run e2e` in the real n8n app.
 *
 * The sandbox queues every write and applies it on the first status poll. R-2 already has a
 * profile. The import says `queued` (with transid and write: create) for all three in one POST;
 * Get Write Status then sends one status request for their one transid: are
 * `created`, R-2 an error item with code 7015 (already exists), paired in order.
 */

const assert = require('node:assert/strict');

const IMPORT = 'Import (no waiting)';
const RECONCILE = 'Reconcile';

/** Queued mode, applied on the first status poll. */
const sandbox = { mode: 'queued', queuePolls: 0, queueDelayMs: 60000 };

/** @param {{ sandbox: any }} ctx */
async function setup({ sandbox: sb }) {
	sb.store.putProfile('R-2', { name: 'Already here' });
}

/**
 * @param {import('../scripts/e2e/run-output').WorkflowOutput} output
 * @param {{ sandbox: any }} ctx
 */
async function check(output, { sandbox: sb }) {
	assert.ok(!output.error, `the run failed: ${output.error?.message} ${output.error?.description ?? ''}`);
	const imported = output.items[IMPORT];
	assert.deepEqual(imported.map((item) => [item.customerId, item.status, item.write]), [
		['R-1', 'queued', 'create'],
		['R-2', 'queued', 'create'],
		['R-3', 'queued', 'create'],
	]);
	const transid = imported[0].transid;
	assert.ok(transid && imported.every((item) => item.transid === transid), 'one transid for the one request');

	const reconciled = output.items[RECONCILE];
	assert.equal(reconciled.length, 3);
	assert.deepEqual([reconciled[0].customerId, reconciled[0].status], ['R-1', 'created']);
	assert.ok(reconciled[1].error, `R-2 should be an error item: ${JSON.stringify(reconciled[1])}`);
	assert.equal(reconciled[1].details?.code, '7015');
	assert.equal(reconciled[1].details?.customerId, 'R-2');
	assert.deepEqual([reconciled[2].customerId, reconciled[2].status], ['R-3', 'created']);

	const requests = sb.log.entries.map((/** @type {any} */ e) => `${e.method} ${e.path}`);
	assert.deepEqual(requests, ['POST /customerprofile', `GET /profile/status/${transid}`]);
	assert.deepEqual(sb.store.getProfile('R-2'), { customerId: 'R-2', name: 'Already here' });
}

module.exports = { sandbox, setup, check };
