// @ts-check
'use strict';

/**
 * Shape A records: stored profiles rendered as `{Attributes:[{Name,Value,ID}], InwardLinks, OutwardLinks}`.
 */

const { MASTER_STORE, MASTER_STORE_ID, MASTER_STORE_NAME } = require('./store');

/**
 * @typedef {import('./store').ProfileStore} ProfileStore
 * @typedef {import('./store').Attributes} Attributes
 * @typedef {import('./store').AppRecord} AppRecord
 * @typedef {import('./envelopes').AttributeCell} AttributeCell
 * @typedef {import('./envelopes').ReadRecord} ReadRecord
 * @typedef {import('./envelopes').ProfileLink} ProfileLink
 */

/** Attributes an inward link carries with showinwardlinks=1. */
const KEY_ATTRIBUTES = Object.freeze(['customerId', 'userId', 'deviceId', 'channel']);

/**
 * @param {ProfileStore} store
 * @param {string} storeKey 'master' or the app id
 * @param {Attributes} attrs
 * @param {readonly string[]} [only] just these names (in the stored order)
 * @returns {AttributeCell[]}
 */
function cells(store, storeKey, attrs, only) {
	/** @type {AttributeCell[]} */
	const out = [];
	for (const name of Object.keys(attrs)) {
		if (only !== undefined && !only.includes(name)) continue;
		out.push({ Name: name, Value: attrs[name], ID: store.columnId(storeKey, name) });
	}
	return out;
}

/**
 * A master profile with its inward links (showinwardlinks 1: key attributes of each app profile
 * record; 2: all of them). OutwardLinks is always empty for a master profile.
 * @param {ProfileStore} store
 * @param {string} customerId
 * @param {Attributes} attrs
 * @param {0 | 1 | 2} showInward
 * @returns {ReadRecord}
 */
function masterRecord(store, customerId, attrs, showInward) {
	// master cells first, so that the master store's column ids do not depend on the links
	const attributes = cells(store, MASTER_STORE, attrs);
	/** @type {ProfileLink[]} */
	const inward = [];
	if (showInward > 0) {
		for (const link of store.appLinksOf(customerId)) {
			inward.push({
				ProfileID: link.storeId,
				ProfileName: `${link.appId}_app`,
				AppID: link.appId,
				Records: link.records.map((r) =>
					cells(store, link.appId, r.attributes, showInward === 1 ? KEY_ATTRIBUTES : undefined),
				),
			});
		}
	}
	return { Attributes: attributes, InwardLinks: inward, OutwardLinks: [] };
}

/**
 * An app profile record with its outward link to the master profile (when that exists).
 * @param {ProfileStore} store
 * @param {string} appId
 * @param {AppRecord} record
 * @returns {ReadRecord}
 */
function appRecord(store, appId, record) {
	const master = store.peekProfile(record.customerId);
	/** @type {ProfileLink[]} */
	const outward =
		master === undefined
			? []
			: [{ ProfileID: MASTER_STORE_ID, ProfileName: MASTER_STORE_NAME, Records: [cells(store, MASTER_STORE, master)] }];
	return { Attributes: cells(store, appId, record.attributes), InwardLinks: [], OutwardLinks: outward };
}

module.exports = { KEY_ATTRIBUTES, cells, masterRecord, appRecord };
