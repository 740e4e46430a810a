// @ts-check
'use strict';

/**
 * Expectation of import-customers.json, run by `npm run e2e` in the real n8n app.
 *
 * Five customers go through Profile → Create or Update (Map Automatically). One of them
 * (C-1003) already exists in the sandbox with older values, so both outcomes are proven: four
 * items say `created`, that one `updated`. On the wire: ONE POST /customerprofile with the five
 * records, then ONE PUT for the record the API answered "already exists". Afterwards the sandbox
 * holds exactly the five customers, each with the item's values as the API stores them
 * (true/false as "1"/"0").
 */

const assert = require('node:assert/strict');

const SOURCE = 'Customers (sample data)';
const NODE = 'Create or update profiles';
const EXISTING = 'C-1003';

/** @param {{ sandbox: any }} ctx */
async function setup({ sandbox }) {
	// an older version of one customer: other e-mail, no name, sms not set
	sandbox.store.putProfile(EXISTING, { email: 'a.turing@example.org', msisdn: '447700900003' });
}

/** How the API stores an attribute value sent by the node. */
function stored(/** @type {unknown} */ value) {
	if (value === true) return '1';
	if (value === false) return '0';
	return String(value);
}

/**
 * @param {import('../scripts/e2e/run-output').WorkflowOutput} output
 * @param {{ sandbox: any }} ctx
 */
async function check(output, { sandbox }) {
	assert.ok(!output.error, `the run failed: ${output.error?.message} ${output.error?.description ?? ''}`);
	const node = output.nodes[NODE];
	assert.ok(node, `node "${NODE}" did not run (ran: ${Object.keys(output.nodes).join(', ')})`);
	assert.ok(!node.error, `"${NODE}" failed: ${node.error?.message}`);

	const customers = output.items[SOURCE];
	assert.equal(customers.length, 5, `the sample node gave ${customers.length} customers`);

	// one result per customer, in input order, created or updated
	const items = output.items[NODE];
	assert.deepEqual(
		items.map((item) => [item.customerId, item.status]),
		customers.map((c) => [c.customerId, c.customerId === EXISTING ? 'updated' : 'created']),
		`unexpected results: ${JSON.stringify(items)}`,
	);
	for (const item of items) assert.ok(!item.error, `an item failed: ${JSON.stringify(item)}`);

	// paired to their input items
	const paired = output.runData[NODE][0].data.main[0].map((/** @type {any} */ item) => item.pairedItem);
	assert.deepEqual(paired.map((/** @type {any} */ p) => (Array.isArray(p) ? p[0].item : p.item)), [0, 1, 2, 3, 4]);

	// batched: one POST with every record, one PUT for the one that existed
	const requests = sandbox.log.entries.map((/** @type {any} */ e) => `${e.method} ${e.path}`);
	assert.deepEqual(requests, ['POST /customerprofile', 'PUT /customerprofile'], `requests: ${requests.join(', ')}`);
	const [post, put] = sandbox.log.entries;
	assert.equal(post.body.Records.length, 5, `the POST carried ${post.body.Records.length} records`);
	assert.equal(put.body.Records.length, 1, `the PUT carried ${put.body.Records.length} records`);

	// the store holds exactly the five customers with the items' values
	const profiles = Object.fromEntries(sandbox.store.listProfiles().map((/** @type {any} */ p) => [p.customerId, p]));
	assert.deepEqual(Object.keys(profiles).sort(), customers.map((c) => c.customerId).sort());
	for (const customer of customers) {
		const expected = Object.fromEntries(Object.entries(customer).map(([k, v]) => [k, stored(v)]));
		assert.deepEqual(profiles[customer.customerId], expected, `profile ${customer.customerId} in the store`);
	}
}

module.exports = { setup, check };
