// @ts-check
'use strict';

/**
 * Master (customer) profiles of the sandbox store, by customerId. The base of ProfileStore
 * (store.js): the handlers share one store object, so its parts are layered classes, one per file.
 */

/**
 * @typedef {import('./envelopes').AttributeValue} AttributeValue
 * @typedef {Record<string, AttributeValue>} Attributes
 * A master profile or an app profile record as handed out (a copy): `customerId` plus its
 * attributes, flat.
 * @typedef {{ customerId: string } & Attributes} Profile
 */

/**
 * Attributes with `customerId` first, as the profile key.
 * @param {string} customerId
 * @param {Record<string, unknown>} attrs
 * @returns {Attributes}
 */
function withCustomerId(customerId, attrs) {
	return /** @type {Attributes} */ (Object.assign({ customerId }, attrs, { customerId }));
}

class MasterProfiles {
	constructor() {
		/** @type {Map<string, Attributes>} master profiles by customerId (attributes include customerId) */
		this.profiles = new Map();
	}

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
}

module.exports = { MasterProfiles, withCustomerId };
