// @ts-check
'use strict';

/**
 * The in-memory data of the sandbox: master (customer) profiles and app profiles per app id.
 * Every lookup the HTTP operations need is a Map access, so a request costs O(its records).
 */

/**
 * @typedef {import('./envelopes').AttributeValue} AttributeValue
 * @typedef {Record<string, AttributeValue>} Attributes
 * A master profile or an app profile record as handed out (a copy): `customerId` plus its
 * attributes, flat.
 * @typedef {{ customerId: string } & Attributes} Profile
 * One stored app profile record (a customer may have several, one per device); its attributes
 * include customerId.
 * @typedef {{ customerId: string, attributes: Attributes }} AppRecord
 * @typedef {{ id: number, byCustomer: Map<string, AppRecord[]>, byUser: Map<string, Set<AppRecord>>, size: number }} AppStore
 * What a data file holds (app profile records flat, like profiles).
 * @typedef {{ version: 1, profiles: Profile[], appProfiles: Record<string, Profile[]>,
 *   columns?: Record<string, Record<string, number>>, storeIds?: Record<string, number> }} StoreData
 */

const MASTER_STORE = 'master';
const MASTER_STORE_ID = 3030;
const MASTER_STORE_NAME = 'sandbox_cpms_1';
const FIRST_APP_STORE_ID = 3031;
const FIRST_COLUMN_ID = 8570;

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

/**
 * Attributes with `customerId` first, as the profile key.
 * @param {string} customerId
 * @param {Record<string, unknown>} attrs
 * @returns {Attributes}
 */
function withCustomerId(customerId, attrs) {
	return /** @type {Attributes} */ (Object.assign({ customerId }, attrs, { customerId }));
}

class ProfileStore {
	constructor() {
		/** @type {Map<string, Attributes>} master profiles by customerId (attributes include customerId) */
		this.profiles = new Map();
		/** @type {Map<string, AppStore>} */
		this.apps = new Map();
		/** @type {Map<string, Map<string, number>>} column id per attribute name, per store */
		this.columns = new Map();
		this.nextColumnId = FIRST_COLUMN_ID;
		this.nextStoreId = FIRST_APP_STORE_ID;
		/** @type {Map<string, number>} numeric store id per app id (kept across clear()) */
		this.storeIds = new Map();
	}

	// ---- master profiles -------------------------------------------------------------------

	/**
	 * @param {string} customerId
	 * @returns {Profile | undefined} a copy
	 */
	getProfile(customerId) {
		const p = this.profiles.get(customerId);
		return p === undefined ? undefined : /** @type {Profile} */ ({ ...p });
	}

	/** @param {string} customerId */
	hasProfile(customerId) {
		return this.profiles.has(customerId);
	}

	/**
	 * The stored attributes themselves (no copy), for the read path.
	 * @param {string} customerId
	 * @returns {Attributes | undefined}
	 */
	peekProfile(customerId) {
		return this.profiles.get(customerId);
	}

	/** @returns {Profile[]} copies, in creation order */
	listProfiles() {
		return Array.from(this.profiles.values(), (p) => /** @type {Profile} */ ({ ...p }));
	}

	/**
	 * Create or replace a master profile (values are stored as given).
	 * @param {string} customerId
	 * @param {Record<string, unknown>} [attrs]
	 * @returns {Profile}
	 */
	putProfile(customerId, attrs = {}) {
		const p = withCustomerId(String(customerId), attrs);
		this.profiles.set(String(customerId), p);
		return /** @type {Profile} */ ({ ...p });
	}

	/**
	 * Merge attributes into an existing profile.
	 * @param {string} customerId
	 * @param {Attributes} attrs
	 * @returns {boolean} false when there is no such profile
	 */
	mergeProfile(customerId, attrs) {
		const p = this.profiles.get(customerId);
		if (p === undefined) return false;
		Object.assign(p, attrs, { customerId });
		return true;
	}

	/**
	 * @param {string} customerId
	 * @returns {boolean} whether it existed
	 */
	deleteProfile(customerId) {
		return this.profiles.delete(customerId);
	}

	// ---- app profiles ----------------------------------------------------------------------

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

	// ---- column ids, counts, clearing, persistence -----------------------------------------

	/**
	 * A stable numeric column id for an attribute name within one store.
	 * @param {string} storeKey 'master' or an app id
	 * @param {string} name
	 * @returns {number}
	 */
	columnId(storeKey, name) {
		let cols = this.columns.get(storeKey);
		if (cols === undefined) {
			cols = new Map();
			this.columns.set(storeKey, cols);
		}
		let id = cols.get(name);
		if (id === undefined) {
			id = this.nextColumnId++;
			cols.set(name, id);
		}
		return id;
	}

	/** @returns {{ profiles: number, appProfiles: number }} */
	get counts() {
		let appProfiles = 0;
		for (const app of this.apps.values()) appProfiles += app.size;
		return { profiles: this.profiles.size, appProfiles };
	}

	/** Remove all profiles and app profiles. Column and store ids stay as they were. */
	clear() {
		this.profiles.clear();
		this.apps.clear();
	}

	/** @returns {StoreData} */
	toJSON() {
		/** @type {Record<string, Profile[]>} */
		const appProfiles = {};
		for (const appId of this.apps.keys()) appProfiles[appId] = this.getAppProfiles(appId);
		/** @type {Record<string, Record<string, number>>} */
		const columns = {};
		for (const [storeKey, cols] of this.columns) columns[storeKey] = Object.fromEntries(cols);
		return {
			version: 1,
			profiles: this.listProfiles(),
			appProfiles,
			columns,
			storeIds: Object.fromEntries(this.storeIds),
		};
	}

	/**
	 * Replace the content with `data` (as written by toJSON).
	 * @param {unknown} data
	 */
	load(data) {
		if (typeof data !== 'object' || data === null) throw new TypeError('sandbox data: not an object');
		const d = /** @type {Partial<StoreData>} */ (data);
		this.clear();
		if (d.storeIds !== undefined) {
			for (const [appId, id] of Object.entries(d.storeIds)) {
				this.storeIds.set(appId, id);
				this.nextStoreId = Math.max(this.nextStoreId, id + 1);
			}
		}
		if (d.columns !== undefined) {
			for (const [storeKey, cols] of Object.entries(d.columns)) {
				const map = new Map(Object.entries(cols));
				this.columns.set(storeKey, map);
				for (const id of map.values()) this.nextColumnId = Math.max(this.nextColumnId, id + 1);
			}
		}
		for (const p of d.profiles ?? []) {
			if (typeof p !== 'object' || p === null || typeof p.customerId !== 'string') {
				throw new TypeError('sandbox data: a profile without customerId');
			}
			this.putProfile(p.customerId, p);
		}
		for (const [appId, records] of Object.entries(d.appProfiles ?? {})) {
			for (const r of records) {
				if (typeof r !== 'object' || r === null || typeof r.customerId !== 'string') {
					throw new TypeError(`sandbox data: an app profile of ${appId} without customerId`);
				}
				this.addAppRecord(appId, r.customerId, r);
			}
		}
	}
}

module.exports = { ProfileStore, MASTER_STORE, MASTER_STORE_ID, MASTER_STORE_NAME, userIdOf, deviceIdOf };
