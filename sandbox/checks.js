// @ts-check
'use strict';

/**
 * Request-level parameter checks (7003 missing, 7004 invalid, 7012 batch limit, 7018 app id) and
 * per-record checks of write bodies.
 */

const { ApiError } = require('./outcome');
const { result } = require('./envelopes');

const BATCH_LIMIT = 100;

/**
 * @typedef {import('./store').Attributes} Attributes
 * @typedef {{ ok: true, customerId: string, attrs: Attributes }
 *   | { ok: false, customerId: string, code: string }} RecordCheck
 */

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The repeated `customerId` query values: missing/empty → 7003, more than 100 → 7012.
 * @param {Record<string, string[]>} query
 * @returns {string[]}
 */
function customerIdsFromQuery(query) {
	const ids = query.customerId;
	if (ids === undefined || ids.length === 0 || ids.some((id) => id === '')) throw new ApiError('7003');
	if (ids.length > BATCH_LIMIT) throw new ApiError('7012');
	return ids;
}

/**
 * The single `identifier` query value: empty → 7003, repeated → 7004.
 * @param {Record<string, string[]>} query
 * @returns {string}
 */
function identifierFromQuery(query) {
	const values = /** @type {string[]} */ (query.identifier);
	if (values.length > 1) throw new ApiError('7004');
	if (values[0] === '') throw new ApiError('7003');
	return values[0];
}

/**
 * `Records` of a write body: missing, empty or not an array → 7003; more than 100 → 7012.
 * @param {unknown} json
 * @returns {unknown[]}
 */
function recordsFromBody(json) {
	const records = isPlainObject(json) ? json.Records : undefined;
	if (!Array.isArray(records) || records.length === 0) throw new ApiError('7003');
	if (records.length > BATCH_LIMIT) throw new ApiError('7012');
	return records;
}

/**
 * A path parameter that must not be empty (7003).
 * @param {string | undefined} value
 * @returns {string}
 */
function requiredParam(value) {
	if (value === undefined || value === '') throw new ApiError('7003');
	return value;
}

/**
 * 7018 unless the app id is registered.
 * @param {string} appId
 * @param {readonly string[]} appIds
 */
function requireApp(appId, appIds) {
	if (!appIds.includes(appId)) throw new ApiError('7018');
}

/**
 * `showinwardlinks`: 1 or 2; anything else (missing, invalid) is 0.
 * @param {Record<string, string[]>} query
 * @returns {0 | 1 | 2}
 */
function showInwardLinks(query) {
	const v = query.showinwardlinks?.[0]?.trim();
	return v === '1' ? 1 : v === '2' ? 2 : 0;
}

/**
 * The customerId a write record is acknowledged with (before its checks run).
 * @param {unknown} record
 * @returns {string}
 */
function ackCustomerId(record) {
	if (!isPlainObject(record)) return '';
	const id = record.customerId;
	return typeof id === 'string' ? id : typeof id === 'number' && Number.isFinite(id) ? String(id) : '';
}

/**
 * Per-record checks of a write, in this order: customerId missing/empty → 7003, customerId not a
 * string or number → 7004; Attributes not an object → 7004; Attributes.customerId different from
 * the record's → 7004; an attribute named `__proto__` → 7004; an attribute the tenant does not define (master only) → 7017; a value that
 * is not a string, number or boolean → `invalidValueCode` (7011 master, 7205 app).
 * @param {unknown} record
 * @param {{ allowed?: ReadonlySet<string>, invalidValueCode: string }} rules
 * @returns {RecordCheck}
 */
function checkRecord(record, rules) {
	if (!isPlainObject(record)) return { ok: false, customerId: '', code: '7003' };
	const rawId = record.customerId;
	if (rawId === undefined || rawId === null || rawId === '') return { ok: false, customerId: '', code: '7003' };
	if (typeof rawId !== 'string' && !(typeof rawId === 'number' && Number.isFinite(rawId))) {
		return { ok: false, customerId: '', code: '7004' };
	}
	const customerId = String(rawId);
	const attributes = record.Attributes;
	if (!isPlainObject(attributes)) return { ok: false, customerId, code: '7004' };
	if (Object.prototype.hasOwnProperty.call(attributes, 'customerId')) {
		const inner = attributes.customerId;
		if ((typeof inner !== 'string' && typeof inner !== 'number') || String(inner) !== customerId) {
			return { ok: false, customerId, code: '7004' };
		}
	}
	/** @type {Attributes} */
	const attrs = {};
	let invalid = false;
	for (const [name, value] of Object.entries(attributes)) {
		if (name === 'customerId') continue;
		// would change the prototype of the stored object instead of adding an attribute
		if (name === '__proto__') return { ok: false, customerId, code: '7004' };
		if (rules.allowed !== undefined && !rules.allowed.has(name)) return { ok: false, customerId, code: '7017' };
		if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
			attrs[name] = value;
		} else {
			invalid = true;
		}
	}
	if (invalid) return { ok: false, customerId, code: rules.invalidValueCode };
	return { ok: true, customerId, attrs };
}

/**
 * The per-record results of a write body: with a 'partial' fault the first record fails 7006 and
 * is not applied; a record that fails its checks gets its code; the others are applied by `apply`.
 * @param {unknown[]} records
 * @param {{ allowed?: ReadonlySet<string>, invalidValueCode: string }} rules
 * @param {(check: { customerId: string, attrs: Attributes }) => import('./envelopes').WriteResult} apply
 * @returns {(failFirst: boolean) => Array<import('./envelopes').WriteResult>}
 */
function eachRecord(records, rules, apply) {
	return (failFirst) =>
		records.map((record, i) => {
			if (failFirst && i === 0) return result(ackCustomerId(record), '7006');
			const check = checkRecord(record, rules);
			if (!check.ok) return result(check.customerId, check.code);
			return apply(check);
		});
}

module.exports = {
	BATCH_LIMIT,
	isPlainObject,
	customerIdsFromQuery,
	identifierFromQuery,
	recordsFromBody,
	requiredParam,
	requireApp,
	showInwardLinks,
	ackCustomerId,
	checkRecord,
	eachRecord,
};
