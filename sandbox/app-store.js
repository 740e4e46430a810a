// @ts-check
'use strict';

/**
 * App (channel) profiles of the sandbox store, per app id: records by customer and by userId,
 * and each app's numeric store id. Layered on MasterProfiles; ProfileStore (store.js) on this.
 */

const { MasterProfiles, withCustomerId } = require('./master-store');

/**
 * @typedef {import('./master-store').Attributes} Attributes
 * @typedef {import('./master-store').Profile} Profile
 * One stored app profile record (a customer may have several, one per device); its attributes
 * include customerId.
 * @typedef {{ customerId: string, attributes: Attributes }} AppRecord
 * @typedef {{ id: number, byCustomer: Map<string, AppRecord[]>, byUser: Map<string, Set<AppRecord>>, size: number }} AppStore
 */

const FIRST_APP_STORE_ID = 3031;

/**
 * @param {AppRecord} record
 * @returns {string | undefined}
 */
function userIdOf(record) {
	const v = record.attributes.userId;
	return v === undefined ? undefined : String(v);
}

/**
 * @param {AppRecord} record
 * @returns {string | undefined}
 */
function deviceIdOf(record) {
	const v = record.attributes.deviceId;
	return v === undefined ? undefined : String(v);
}

/**
 * @param {AppRecord} record
 * @returns {Profile} flat copy
 */
function copyRecord(record) {
	return /** @type {Profile} */ ({ ...record.attributes, customerId: record.customerId });
}

class AppProfiles extends MasterProfiles {
	constructor() {
		super();
		/** @type {Map<string, AppStore>} */
		this.apps = new Map();
		this.nextStoreId = FIRST_APP_STORE_ID;
		/** @type {Map<string, number>} numeric store id per app id (kept across clear()) */
		this.storeIds = new Map();
	}

	/**
	 * @param {string} appId
	 * @returns {number}
	 */
	appStoreId(appId) {
		let id = this.storeIds.get(appId);
		if (id === undefined) {
			id = this.nextStoreId++;
			this.storeIds.set(appId, id);
		}
		return id;
	}

	/**
	 * @param {string} appId
	 * @param {boolean} create
	 * @returns {AppStore | undefined}
	 */
	appStore(appId, create) {
		let app = this.apps.get(appId);
		if (app === undefined && create) {
			app = { id: this.appStoreId(appId), byCustomer: new Map(), byUser: new Map(), size: 0 };
			this.apps.set(appId, app);
		}
		return app;
	}

	/**
	 * Records of an app (of one customer when customerId is given), as flat copies
	 * `{customerId, ...attributes}`, in creation order per customer.
	 * @param {string} appId
	 * @param {string} [customerId]
	 * @returns {Profile[]}
	 */
	getAppProfiles(appId, customerId) {
		const app = this.apps.get(appId);
		if (app === undefined) return [];
		if (customerId !== undefined) return (app.byCustomer.get(String(customerId)) ?? []).map(copyRecord);
		/** @type {Profile[]} */
		const out = [];
		for (const list of app.byCustomer.values()) for (const r of list) out.push(copyRecord(r));
		return out;
	}

	/**
	 * Stored records of one customer (no copy), for the read and write paths.
	 * @param {string} appId
	 * @param {string} customerId
	 * @returns {AppRecord[]}
	 */
	peekAppRecords(appId, customerId) {
		return this.apps.get(appId)?.byCustomer.get(customerId) ?? [];
	}

	/**
	 * Stored records whose userId attribute equals `userId` (no copy), in creation order.
	 * @param {string} appId
	 * @param {string} userId
	 * @returns {AppRecord[]}
	 */
	peekAppRecordsByUser(appId, userId) {
		const set = this.apps.get(appId)?.byUser.get(userId);
		return set === undefined ? [] : Array.from(set);
	}

	/**
	 * Add an app profile record; or, when the customer already has a record for the same device
	 * (same deviceId, or both without deviceId), replace that record's attributes.
	 * @param {string} appId
	 * @param {string} customerId
	 * @param {Record<string, unknown>} [attrs] values are stored as given
	 * @returns {Profile} a flat copy
	 */
	putAppProfile(appId, customerId, attrs = {}) {
		const cid = String(customerId);
		const device = attrs.deviceId === undefined ? undefined : String(attrs.deviceId);
		const existing = this.peekAppRecords(appId, cid).find((r) => deviceIdOf(r) === device);
		if (existing !== undefined) {
			const app = /** @type {AppStore} */ (this.apps.get(appId));
			this.unindexUser(app, existing);
			existing.attributes = withCustomerId(cid, attrs);
			this.indexUser(app, existing);
			return copyRecord(existing);
		}
		return copyRecord(this.addAppRecord(appId, cid, attrs));
	}

	/**
	 * @param {string} appId
	 * @param {string} customerId
	 * @param {Record<string, unknown>} attrs
	 * @returns {AppRecord} the stored record
	 */
	addAppRecord(appId, customerId, attrs) {
		const app = /** @type {AppStore} */ (this.appStore(appId, true));
		const record = { customerId, attributes: withCustomerId(customerId, attrs) };
		let list = app.byCustomer.get(customerId);
		if (list === undefined) {
			list = [];
			app.byCustomer.set(customerId, list);
		}
		list.push(record);
		app.size++;
		this.indexUser(app, record);
		return record;
	}

	/**
	 * Merge attributes into stored records (keeps the userId index right).
	 * @param {string} appId
	 * @param {AppRecord[]} records stored records of that app
	 * @param {Attributes} attrs
	 */
	mergeAppRecords(appId, records, attrs) {
		const app = this.apps.get(appId);
		if (app === undefined) return;
		for (const record of records) {
			this.unindexUser(app, record);
			Object.assign(record.attributes, attrs, { customerId: record.customerId });
			this.indexUser(app, record);
		}
	}

	/**
	 * Remove stored records.
	 * @param {string} appId
	 * @param {AppRecord[]} records stored records of that app
	 * @returns {number} how many were removed
	 */
	removeAppRecords(appId, records) {
		const app = this.apps.get(appId);
		if (app === undefined || records.length === 0) return 0;
		const doomed = new Set(records);
		let removed = 0;
		const customers = new Set(records.map((r) => r.customerId));
		for (const cid of customers) {
			const list = app.byCustomer.get(cid);
			if (list === undefined) continue;
			const kept = list.filter((r) => !doomed.has(r));
			removed += list.length - kept.length;
			if (kept.length === 0) app.byCustomer.delete(cid);
			else app.byCustomer.set(cid, kept);
		}
		for (const record of doomed) this.unindexUser(app, record);
		app.size -= removed;
		return removed;
	}

	/**
	 * @param {AppStore} app
	 * @param {AppRecord} record
	 */
	indexUser(app, record) {
		const uid = userIdOf(record);
		if (uid === undefined) return;
		let set = app.byUser.get(uid);
		if (set === undefined) {
			set = new Set();
			app.byUser.set(uid, set);
		}
		set.add(record);
	}

	/**
	 * @param {AppStore} app
	 * @param {AppRecord} record
	 */
	unindexUser(app, record) {
		const uid = userIdOf(record);
		if (uid === undefined) return;
		const set = app.byUser.get(uid);
		if (set === undefined) return;
		set.delete(record);
		if (set.size === 0) app.byUser.delete(uid);
	}

	/**
	 * App ids in which a customer has at least one record, with those records (no copies).
	 * @param {string} customerId
	 * @returns {{ appId: string, storeId: number, records: AppRecord[] }[]}
	 */
	appLinksOf(customerId) {
		const out = [];
		for (const [appId, app] of this.apps) {
			const records = app.byCustomer.get(customerId);
			if (records !== undefined && records.length > 0) out.push({ appId, storeId: app.id, records });
		}
		return out;
	}
}

module.exports = { AppProfiles, userIdOf, deviceIdOf };
