// @ts-check
'use strict';

/**
 * Expectation of smoke.workflow.json, run by `npm run e2e` in the real n8n app:
 * two items into IMIconnect → Profile → Get come out as two profiles, fetched with ONE request.
 */

const assert = require('node:assert/strict');

const NODE = 'Get profiles';

/**
 * Before the run: the two profiles exist in the (freshly reset) sandbox.
 * @param {{ sandbox: any }} ctx
 */
async function setup({ sandbox }) {
	sandbox.store.putProfile('c-1', { name: 'Customer One', email: 'one@example.com' });
	sandbox.store.putProfile('c-2', { name: 'Customer Two', email: 'two@example.com' });
}

/**
 * @param {import('../../scripts/e2e/run-output').WorkflowOutput} output
 * @param {{ sandbox: any }} ctx
 */
async function check(output, { sandbox }) {
	assert.ok(!output.error, `the run failed: ${output.error?.message} ${output.error?.description ?? ''}`);
	const node = output.nodes[NODE];
	assert.ok(node, `node "${NODE}" did not run (ran: ${Object.keys(output.nodes).join(', ')})`);
	assert.ok(!node.error, `"${NODE}" failed: ${node.error?.message}`);

	const items = output.items[NODE];
	assert.equal(items.length, 2, `expected 2 items out of "${NODE}", got ${items.length}: ${JSON.stringify(items)}`);
	assert.deepEqual(
		items.map((item) => item.customerId),
		['c-1', 'c-2'],
		'the items keep the order of their input items',
	);
	assert.equal(items[0].name, 'Customer One');
	assert.equal(items[1].email, 'two@example.com');

	// batched: both IDs in one GET
	const requests = sandbox.log.entries.map((/** @type {any} */ e) => `${e.method} ${e.rawPath}`);
	assert.equal(requests.length, 1, `expected 1 request to the sandbox, got:\n  ${requests.join('\n  ')}`);
	assert.match(requests[0], /^GET \/resources\/v2\/customerprofile\?/);
	const url = new URL(requests[0].slice(4), 'http://sandbox');
	assert.deepEqual(url.searchParams.getAll('customerId'), ['c-1', 'c-2']);
}

module.exports = { setup, check };
