// @ts-check
'use strict';

/**
 * Expectation of erase-requests.json, run by `npm run e2e` in the real n8n app.
 *
 * F-1001 has a master profile and app profiles in both apps; F-1002 only a master profile;
 * F-1003 nothing at all. Erase Everywhere sends one DELETE per app (the three IDs together),
 * then one DELETE of the master profiles; every customer comes out `erased`, saying where
 * something was deleted and where nothing was found. F-9999, not on the list, is untouched.
 */

const assert = require('node:assert/strict');

const NODE = 'Erase everywhere';
const APPS = ['a_636035705699961900', 'MU20051001'];

/** @param {{ sandbox: any }} ctx */
async function setup({ sandbox }) {
	sandbox.store.putProfile('F-1001', { name: 'One' });
	for (const app of APPS) sandbox.store.putAppProfile(app, 'F-1001', { deviceId: 'd-1' });
	sandbox.store.putProfile('F-1002', { name: 'Two' });
	sandbox.store.putProfile('F-9999', { name: 'Stays' });
	sandbox.store.putAppProfile(APPS[0], 'F-9999', { deviceId: 'd-9' });
}

/**
 * @param {import('../scripts/e2e/run-output').WorkflowOutput} output
 * @param {{ sandbox: any }} ctx
 */
async function check(output, { sandbox }) {
	assert.ok(!output.error, `the run failed: ${output.error?.message} ${output.error?.description ?? ''}`);
	const items = output.items[NODE];
	assert.ok(items, `node "${NODE}" did not run (ran: ${Object.keys(output.nodes).join(', ')})`);
	assert.deepEqual(items, [
		{ customerId: 'F-1001', status: 'erased', masterProfile: 'deleted', appProfiles: { [APPS[0]]: 'deleted', [APPS[1]]: 'deleted' } },
		{ customerId: 'F-1002', status: 'erased', masterProfile: 'deleted', appProfiles: { [APPS[0]]: 'not found', [APPS[1]]: 'not found' } },
		{ customerId: 'F-1003', status: 'erased', masterProfile: 'not found', appProfiles: { [APPS[0]]: 'not found', [APPS[1]]: 'not found' } },
	]);
	const requests = sandbox.log.entries.map((/** @type {any} */ e) => `${e.method} ${e.path}`);
	assert.deepEqual(requests, [`DELETE /customerappprofile/${APPS[0]}`, `DELETE /customerappprofile/${APPS[1]}`, 'DELETE /customerprofile']);
	assert.deepEqual(sandbox.store.listProfiles().map((/** @type {any} */ p) => p.customerId), ['F-9999']);
	assert.equal(sandbox.store.peekAppRecords(APPS[0], 'F-9999').length, 1);
}

module.exports = { setup, check };
