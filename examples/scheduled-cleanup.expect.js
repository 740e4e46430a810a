// @ts-check
'use strict';

/**
 * Expectation of scheduled-cleanup.json, run by `npm run e2e` in the real n8n app (from its
 * Manual Trigger: `n8n execute` starts only from one).
 *
 * The list holds four customer IDs; three have a profile in the sandbox, one (C-2003) has none.
 * Profile → Delete runs with On Error = Continue: the three come out `deleted`, C-2003 as an
 * error item with the API's "not found" code (7203 per record, or 7014), in input order, and
 * the clean-up is not stopped by it. All four IDs go in ONE DELETE request. A profile that is
 * not on the list (C-2004) is still there afterwards.
 */

const assert = require('node:assert/strict');

const SOURCE = 'Closed accounts';
const NODE = 'Delete profiles';
const MISSING = 'C-2003';
const KEPT = 'C-2004';

/** @param {{ sandbox: any }} ctx */
async function setup({ sandbox }) {
	sandbox.store.putProfile('C-2001', { name: 'Closed One', email: 'one@example.com' });
	sandbox.store.putProfile('C-2002', { name: 'Closed Two', email: 'two@example.com' });
	sandbox.store.putProfile(KEPT, { name: 'Still a customer', email: 'four@example.com' });
	sandbox.store.putProfile('C-2005', { name: 'Closed Five', email: 'five@example.com' });
}

/**
 * @param {import('../scripts/e2e/run-output').WorkflowOutput} output
 * @param {{ sandbox: any }} ctx
 */
async function check(output, { sandbox }) {
	assert.ok(!output.error, `the run failed: ${output.error?.message} ${output.error?.description ?? ''}`);
	// n8n starts a run from the first trigger in the workflow's node list: the Manual Trigger
	assert.ok(!output.nodes['Every night at 02:00'], 'the Schedule Trigger ran: the Manual Trigger must come first in the node list');
	const node = output.nodes[NODE];
	assert.ok(node, `node "${NODE}" did not run (ran: ${Object.keys(output.nodes).join(', ')})`);
	assert.ok(!node.error, `"${NODE}" stopped the workflow: ${node.error?.message}`);

	const ids = output.items[SOURCE].map((item) => item.customerId);
	assert.deepEqual(ids, ['C-2001', 'C-2002', MISSING, 'C-2005']);

	// one output item per ID, in input order: deleted, or an error item for the missing one
	const items = output.items[NODE];
	assert.equal(items.length, ids.length, `expected ${ids.length} items, got ${JSON.stringify(items)}`);
	for (const [index, item] of items.entries()) {
		if (ids[index] === MISSING) {
			assert.ok(item.error, `${MISSING} should be an error item: ${JSON.stringify(item)}`);
			assert.ok(['7203', '7014'].includes(String(item.details?.code)), `${MISSING}: expected code 7203 or 7014, got ${JSON.stringify(item)}`);
			assert.equal(item.details?.customerId, MISSING);
			assert.equal(item.details?.itemIndex, index);
			assert.match(`${item.error} ${item.message}`, /not found/i);
		} else {
			assert.deepEqual([item.customerId, item.status, item.error], [ids[index], 'deleted', undefined], `item ${index}: ${JSON.stringify(item)}`);
		}
	}

	// paired to their input items, the error item too
	const paired = output.runData[NODE][0].data.main[0].map((/** @type {any} */ item) => item.pairedItem);
	assert.deepEqual(paired.map((/** @type {any} */ p) => (Array.isArray(p) ? p[0].item : p.item)), [0, 1, 2, 3]);

	// batched: the four IDs in one DELETE
	const requests = sandbox.log.entries;
	assert.deepEqual(requests.map((/** @type {any} */ e) => `${e.method} ${e.path}`), ['DELETE /customerprofile']);
	assert.deepEqual(requests[0].query.customerId, ids);

	// the listed profiles are gone, the other one stays
	assert.deepEqual(sandbox.store.listProfiles().map((/** @type {any} */ p) => p.customerId), [KEPT]);
}

module.exports = { setup, check };
