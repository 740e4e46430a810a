// @ts-check
'use strict';

/**
 * The in-memory data of the sandbox: master (customer) profiles (master-store.js) and app
 * profiles per app id (app-store.js), plus here the column ids, counts, clearing and persistence.
 * Every lookup the HTTP operations need is a Map access, so a request costs O(its records).
 */

const { AppProfiles } = require('./app-store');

/**
 * @typedef {import('./master-store').Attributes} Attributes
 * @typedef {import('./master-store').Profile} Profile
 * @typedef {import('./app-store').AppRecord} AppRecord
 * @typedef {import('./app-store').AppStore} AppStore
 * What a data file holds (app profile records flat, like profiles).
 * @typedef {{ version: 1, profiles: Profile[], appProfiles: Record<string, Profile[]>,
 *   columns?: Record<string, Record<string, number>>, storeIds?: Record<string, number> }} StoreData
 */

const MASTER_STORE = 'master';
const MASTER_STORE_ID = 3030;
const MASTER_STORE_NAME = 'sandbox_cpms_1';
const FIRST_COLUMN_ID = 8570;

class ProfileStore extends AppProfiles {
	constructor() {
		super();
		/** @type {Map<string, Map<string, number>>} column id per attribute name, per store */
		this.columns = new Map();
		this.nextColumnId = FIRST_COLUMN_ID;
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

module.exports = { ProfileStore, MASTER_STORE, MASTER_STORE_ID, MASTER_STORE_NAME };
