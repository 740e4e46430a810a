// @ts-check
'use strict';

/**
 * Operations on master (customer) profiles: /customerprofile.
 */

const { result } = require('./envelopes');
const { ApiError, read, write } = require('./outcome');
const {
	customerIdsFromQuery,
	recordsFromBody,
	requiredParam,
	showInwardLinks,
	ackCustomerId,
	eachRecord,
} = require('./checks');
const { masterRecord } = require('./views');

/**
 * @typedef {import('./store').ProfileStore} ProfileStore
 * @typedef {import('./outcome').Outcome} Outcome
 * @typedef {import('./envelopes').WriteResult} WriteResult
 * @typedef {import('./options').SandboxOptions} SandboxOptions
 * @typedef {Object} OpContext
 * @property {import('./target').RouteName} route
 * @property {string[]} params decoded path segments after the resource name
 * @property {Record<string, string[]>} query
 * @property {unknown} json parsed body (POST/PUT)
 * @property {ProfileStore} store
 * @property {SandboxOptions} options
 */

/**
 * @param {OpContext} ctx
 * @returns {Outcome}
 */
function handleMaster(ctx) {
	const { store, query } = ctx;
	switch (ctx.route) {
		case 'profile.get': {
			const id = requiredParam(ctx.params[0]);
			const attrs = store.peekProfile(id);
			if (attrs === undefined) throw new ApiError('7014');
			return read([masterRecord(store, id, attrs, showInwardLinks(query))]);
		}
		case 'profile.getMany': {
			const ids = unique(customerIdsFromQuery(query));
			const show = showInwardLinks(query);
			const records = [];
			for (const id of ids) {
				const attrs = store.peekProfile(id);
				if (attrs !== undefined) records.push(masterRecord(store, id, attrs, show));
			}
			if (records.length === 0) throw new ApiError('7014');
			return read(records);
		}
		case 'profile.create':
		case 'profile.update': {
			const records = recordsFromBody(ctx.json);
			const rules = { allowed: new Set(ctx.options.attributes), invalidValueCode: '7011' };
			const create = ctx.route === 'profile.create';
			return write(
				records.map((r) => ({ customerId: ackCustomerId(r) })),
				eachRecord(records, rules, ({ customerId, attrs }) => {
					if (create) {
						if (store.hasProfile(customerId)) return result(customerId, '7015');
						store.putProfile(customerId, attrs);
					} else if (!store.mergeProfile(customerId, attrs)) {
						return result(customerId, '7014');
					}
					return result(customerId, '1000');
				}),
			);
		}
		case 'profile.delete': {
			const id = requiredParam(ctx.params[0]);
			return write([{ customerId: id }], (failFirst) => [deleteOne(store, id, failFirst)], true);
		}
		case 'profile.deleteMany': {
			const ids = customerIdsFromQuery(query);
			return write(
				ids.map((customerId) => ({ customerId })),
				(failFirst) => ids.map((id, i) => deleteOne(store, id, failFirst && i === 0)),
			);
		}
		default:
			throw new ApiError('7004');
	}
}

/**
 * Deleting a master profile leaves the customer's app profiles in place.
 * @param {ProfileStore} store
 * @param {string} id
 * @param {boolean} fail answer 7006 and do nothing
 * @returns {WriteResult}
 */
function deleteOne(store, id, fail) {
	if (fail) return result(id, '7006');
	return store.deleteProfile(id) ? result(id, '1000') : result(id, '7203');
}

/**
 * @param {string[]} ids
 * @returns {string[]} first occurrences, in order
 */
function unique(ids) {
	return Array.from(new Set(ids));
}

module.exports = { handleMaster, unique };
