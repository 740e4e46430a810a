// @ts-check
'use strict';

/**
 * Operations on app (channel) profiles: /customerappprofile/{appId}…
 */

const { result } = require('./envelopes');
const { APP_PROFILE_NOT_FOUND } = require('./codes');
const { ApiError, read, write } = require('./outcome');
const {
	customerIdsFromQuery,
	identifierFromQuery,
	recordsFromBody,
	requiredParam,
	requireApp,
	ackCustomerId,
	eachRecord,
} = require('./checks');
const { deviceIdOf, userIdOf } = require('./app-store');
const { appRecord } = require('./views');
const { unique } = require('./master');

/**
 * @typedef {import('./master').OpContext} OpContext
 * @typedef {import('./outcome').Outcome} Outcome
 * @typedef {import('./store').ProfileStore} ProfileStore
 * @typedef {import('./store').AppRecord} AppRecord
 * @typedef {import('./envelopes').WriteResult} WriteResult
 */

/**
 * @param {string} customerId
 * @returns {WriteResult}
 */
function notFound(customerId) {
	return result(customerId, '7014', APP_PROFILE_NOT_FOUND);
}

/**
 * Which lookup a `/customerappprofile/{appId}` GET or DELETE asks for.
 * @param {Record<string, string[]>} query
 * @returns {{ by: 'customerId', ids: string[] } | { by: 'identifier', userId: string }}
 */
function lookup(query) {
	const hasIds = query.customerId !== undefined;
	const hasIdentifier = query.identifier !== undefined;
	if (hasIds && hasIdentifier) throw new ApiError('7004');
	if (hasIdentifier) return { by: 'identifier', userId: identifierFromQuery(query) };
	return { by: 'customerId', ids: customerIdsFromQuery(query) };
}

/**
 * @param {OpContext} ctx
 * @returns {Outcome}
 */
function handleApp(ctx) {
	const { store, query, options } = ctx;
	const appId = requiredParam(ctx.params[0]);
	switch (ctx.route) {
		case 'app.get': {
			const customerId = requiredParam(ctx.params[1]);
			requireApp(appId, options.appIds);
			const records = store.peekAppRecords(appId, customerId);
			if (records.length === 0) throw new ApiError('7014', APP_PROFILE_NOT_FOUND);
			return read(records.map((r) => appRecord(store, appId, r)));
		}
		case 'app.getBy': {
			const which = lookup(query);
			requireApp(appId, options.appIds);
			/** @type {AppRecord[]} */
			const records = [];
			if (which.by === 'identifier') {
				records.push(...store.peekAppRecordsByUser(appId, which.userId));
			} else {
				for (const id of unique(which.ids)) records.push(...store.peekAppRecords(appId, id));
			}
			if (records.length === 0) throw new ApiError('7014', APP_PROFILE_NOT_FOUND);
			return read(records.map((r) => appRecord(store, appId, r)));
		}
		case 'app.create':
		case 'app.update': {
			const records = recordsFromBody(ctx.json);
			requireApp(appId, options.appIds);
			const create = ctx.route === 'app.create';
			const rules = { invalidValueCode: '7205' };
			return write(
				records.map((r) => ({ customerId: ackCustomerId(r) })),
				eachRecord(records, rules, ({ customerId, attrs }) => {
					const existing = store.peekAppRecords(appId, customerId);
					const device = attrs.deviceId === undefined ? undefined : String(attrs.deviceId);
					if (create) {
						const clash = existing.some((r) => device === undefined || deviceIdOf(r) === device);
						if (clash) return result(customerId, '7209');
						store.addAppRecord(appId, customerId, attrs);
					} else {
						const targets = device === undefined ? existing : existing.filter((r) => deviceIdOf(r) === device);
						if (targets.length === 0) return notFound(customerId);
						store.mergeAppRecords(appId, targets, attrs);
					}
					return result(customerId, '1000');
				}),
			);
		}
		case 'app.delete': {
			const customerId = requiredParam(ctx.params[1]);
			requireApp(appId, options.appIds);
			return write(
				[{ customerId }],
				(failFirst) => [deleteCustomer(store, appId, customerId, failFirst)],
				true,
			);
		}
		case 'app.deleteBy': {
			const which = lookup(query);
			requireApp(appId, options.appIds);
			if (which.by === 'customerId') {
				const ids = which.ids;
				return write(
					ids.map((customerId) => ({ customerId })),
					(failFirst) => ids.map((id, i) => deleteCustomer(store, appId, id, failFirst && i === 0)),
				);
			}
			const userId = which.userId;
			return write(
				[{ customerId: userId, userId }],
				(failFirst) => {
					if (failFirst) return [{ ...result(userId, '7006'), userId }];
					const records = store.peekAppRecordsByUser(appId, userId);
					return removeAndReport(store, appId, records, userId, userId);
				},
				true,
			);
		}
		case 'app.deleteDevice': {
			const who = requiredParam(ctx.params[1]);
			const deviceId = requiredParam(ctx.params[2]);
			requireApp(appId, options.appIds);
			return write(
				[{ customerId: who, userId: who }],
				(failFirst) => {
					if (failFirst) return [{ ...result(who, '7006'), userId: who }];
					const candidates = new Set([
						...store.peekAppRecords(appId, who),
						...store.peekAppRecordsByUser(appId, who),
					]);
					const records = Array.from(candidates).filter((r) => deviceIdOf(r) === deviceId);
					return removeAndReport(store, appId, records, who, who);
				},
				true,
			);
		}
		default:
			throw new ApiError('7004');
	}
}

/**
 * @param {ProfileStore} store
 * @param {string} appId
 * @param {string} customerId
 * @param {boolean} fail answer 7006 and do nothing
 * @returns {WriteResult}
 */
function deleteCustomer(store, appId, customerId, fail) {
	if (fail) return result(customerId, '7006');
	const records = store.peekAppRecords(appId, customerId);
	if (records.length === 0) return notFound(customerId);
	store.removeAppRecords(appId, records);
	return result(customerId, '1000');
}

/**
 * Remove records and report one result per removed record, carrying its userId (the record's
 * userId attribute; `fallbackUserId` when it has none). Nothing to remove → one 7014 result.
 * @param {ProfileStore} store
 * @param {string} appId
 * @param {AppRecord[]} records stored records
 * @param {string} missingId customerId reported when nothing matched
 * @param {string} fallbackUserId
 * @returns {WriteResult[]}
 */
function removeAndReport(store, appId, records, missingId, fallbackUserId) {
	if (records.length === 0) return [{ ...notFound(missingId), userId: fallbackUserId }];
	const results = records.map((r) => ({ ...result(r.customerId, '1000'), userId: userIdOf(r) ?? fallbackUserId }));
	store.removeAppRecords(appId, records);
	return results;
}

module.exports = { handleApp };
