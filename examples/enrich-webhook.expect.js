// @ts-check
'use strict';

/**
 * Expectation of enrich-webhook.json, run by `npm run e2e` in the real n8n app (from its Manual
 * Trigger and the sample webhook body: `n8n execute` cannot start from a Webhook).
 *
 * Customer 1001 has a master profile, two devices in the app a_636035705699961900 and a Twitter
 * profile in another app; customer 1002 has a device in the same app (and must not leak in).
 * Profile → Get with Show Inward Links = With App Profiles, then App Profile → Get of that app,
 * then the Code node: ONE enriched item with the profile's fields, `inwardLinks` naming both apps
 * (the key fields of each device), and `appProfiles` holding the two devices' fields, each with
 * its `masterProfile`. On the wire: one GET of the profile (showinwardlinks=1), one GET of the
 * app profiles.
 */

const assert = require('node:assert/strict');

const APP_ID = 'a_636035705699961900';
const OTHER_APP_ID = 'MU20051001';
const CUSTOMER = '1001';
const PROFILE = { name: 'Ada Lovelace', email: 'ada@example.com', msisdn: '447700900001', sms: '1', rt: '1', city: 'London', country: 'GB' };
const DEVICES = [
	{ userId: 'ada', deviceId: 'ada-phone', channel: 'rt', status: 1, os: 'Android', osversion: '14', make: 'Google', model: 'Pixel 8' },
	{ userId: 'ada', deviceId: 'ada-tablet', channel: 'rt', status: 1, os: 'iOS', osversion: '17.4', make: 'Apple', model: 'iPad' },
];
const NODE = 'Enriched customer';

/** @param {{ sandbox: any }} ctx */
async function setup({ sandbox }) {
	sandbox.store.putProfile(CUSTOMER, PROFILE);
	for (const device of DEVICES) sandbox.store.putAppProfile(APP_ID, CUSTOMER, device);
	sandbox.store.putAppProfile(OTHER_APP_ID, CUSTOMER, { channel: 'twitter', twitterid: '755652926081761280', twitter_handle: 'ada', status: 1 });
	// another customer of the same app
	sandbox.store.putProfile('1002', { name: 'Grace Hopper', email: 'grace@example.com' });
	sandbox.store.putAppProfile(APP_ID, '1002', { userId: 'grace', deviceId: 'grace-phone', channel: 'rt', os: 'Android' });
}

/**
 * @param {import('../scripts/e2e/run-output').WorkflowOutput} output
 * @param {{ sandbox: any }} ctx
 */
async function check(output, { sandbox }) {
	assert.ok(!output.error, `the run failed: ${output.error?.message} ${output.error?.description ?? ''}`);
	assert.ok(!output.nodes['Customer webhook'], 'the Webhook node ran in a manual execution');
	for (const name of ['Get profile', 'Get app profiles', NODE]) {
		assert.ok(output.nodes[name], `node "${name}" did not run (ran: ${Object.keys(output.nodes).join(', ')})`);
		assert.ok(!output.nodes[name].error, `"${name}" failed: ${output.nodes[name].error?.message}`);
	}

	const items = output.items[NODE];
	assert.equal(items.length, 1, `expected one enriched customer, got ${JSON.stringify(items)}`);
	const enriched = items[0];

	// the master profile's fields
	for (const [name, value] of Object.entries({ customerId: CUSTOMER, ...PROFILE })) {
		assert.equal(enriched[name], value, `enriched.${name}: ${JSON.stringify(enriched)}`);
	}

	// inwardLinks: the app's link with the key fields of both devices, and the other app's link
	assert.ok(Array.isArray(enriched.inwardLinks), `no inwardLinks: ${JSON.stringify(enriched)}`);
	const link = enriched.inwardLinks.find((/** @type {any} */ l) => l.appID === APP_ID);
	assert.ok(link, `no inward link of ${APP_ID}: ${JSON.stringify(enriched.inwardLinks)}`);
	assert.deepEqual(
		link.records,
		DEVICES.map((d) => ({ customerId: CUSTOMER, userId: d.userId, deviceId: d.deviceId, channel: d.channel })),
		'the inward link lists the key fields of each device',
	);
	assert.ok(enriched.inwardLinks.some((/** @type {any} */ l) => l.appID === OTHER_APP_ID), `no inward link of ${OTHER_APP_ID}`);

	// appProfiles: both devices of this customer in this app, all their fields, with the masterProfile
	assert.ok(Array.isArray(enriched.appProfiles), `no appProfiles: ${JSON.stringify(enriched)}`);
	assert.equal(enriched.appProfiles.length, DEVICES.length, `appProfiles: ${JSON.stringify(enriched.appProfiles)}`);
	for (const [index, device] of DEVICES.entries()) {
		const appProfile = enriched.appProfiles[index];
		const { masterProfile, ...fields } = appProfile;
		assert.deepEqual(fields, { customerId: CUSTOMER, ...device }, `appProfiles[${index}]`);
		assert.ok(masterProfile, `appProfiles[${index}] has no masterProfile`);
		assert.equal(masterProfile.customerId, CUSTOMER);
		assert.equal(masterProfile.name, PROFILE.name);
		assert.equal(masterProfile.email, PROFILE.email);
	}

	// two requests: the profile with its inward links, the app profiles of the app
	const requests = sandbox.log.entries;
	assert.deepEqual(
		requests.map((/** @type {any} */ e) => `${e.method} ${e.path}`),
		['GET /customerprofile', `GET /customerappprofile/${APP_ID}`],
		`requests: ${requests.map((/** @type {any} */ e) => `${e.method} ${e.rawPath}`).join(', ')}`,
	);
	assert.deepEqual(requests[0].query.customerId, [CUSTOMER]);
	assert.deepEqual(requests[0].query.showinwardlinks, ['1']);
	assert.deepEqual(requests[1].query.customerId, [CUSTOMER]);
}

module.exports = { setup, check };
