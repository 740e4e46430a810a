// @ts-check
'use strict';

/**
 * Demo data (CLI --demo): a few master profiles and app profiles to try workflows with.
 */

/**
 * @typedef {import('./store').ProfileStore} ProfileStore
 * @typedef {import('./store').Attributes} Attributes
 */

/** @type {{ customerId: string, attributes: Attributes }[]} */
const DEMO_PROFILES = [
	{ customerId: '1001', attributes: { name: 'Ada Lovelace', email: 'ada@example.com', msisdn: '447700900001', sms: '1', rt: '1', city: 'London', country: 'GB' } },
	{ customerId: '1002', attributes: { name: 'Grace Hopper', email: 'grace@example.com', msisdn: '12025550102', sms: '1', twitter: '1', city: 'Arlington', country: 'US' } },
	{ customerId: '1003', attributes: { name: 'Alan Turing', email: 'alan@example.com', msisdn: '447700900003', voice: '1', channel_pref: 'voice' } },
];

/** @type {{ appId: string, customerId: string, attributes: Attributes }[]} */
const DEMO_APP_PROFILES = [
	{ appId: 'a_636035705699961900', customerId: '1001', attributes: { userId: 'ada', deviceId: 'ada-phone', channel: 'rt', status: 1, os: 'Android', osversion: '14', make: 'Google', model: 'Pixel 8' } },
	{ appId: 'a_636035705699961900', customerId: '1001', attributes: { userId: 'ada', deviceId: 'ada-tablet', channel: 'rt', status: 1, os: 'iOS', osversion: '17.4', make: 'Apple', model: 'iPad' } },
	{ appId: 'MU20051001', customerId: '1002', attributes: { channel: 'twitter', twitterid: '755652926081761280', twitter_handle: 'grace', status: 1, verified: '1' } },
];

/**
 * Add the demo records that are not there yet (an existing profile or device is left alone).
 * @param {ProfileStore} store
 * @returns {{ profiles: number, appProfiles: number }} how many were added
 */
function addDemoData(store) {
	let profiles = 0;
	let appProfiles = 0;
	for (const p of DEMO_PROFILES) {
		if (store.hasProfile(p.customerId)) continue;
		store.putProfile(p.customerId, p.attributes);
		profiles++;
	}
	for (const a of DEMO_APP_PROFILES) {
		const exists = store.peekAppRecords(a.appId, a.customerId).some((r) => r.attributes.deviceId === a.attributes.deviceId);
		if (exists) continue;
		store.addAppRecord(a.appId, a.customerId, a.attributes);
		appProfiles++;
	}
	return { profiles, appProfiles };
}

module.exports = { addDemoData, DEMO_PROFILES, DEMO_APP_PROFILES };
