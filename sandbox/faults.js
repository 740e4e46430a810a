// @ts-check
'use strict';

/**
 * Scripted faults: consumed, in the order they were added, by the next requests they match.
 */

/**
 * @typedef {'rateLimit' | 'error7006' | 'error7016' | 'http500' | 'http503' | 'http403' | 'reset' | 'hang'
 *   | 'malformed' | 'partial' | 'foreignRecord'} FaultAction
 * @typedef {{ method?: string, pathPrefix?: string }} FaultMatch
 * What a caller passes. `times` defaults to 1; `applied: true` = apply the request's write first,
 * then answer the fault.
 * @typedef {{ action: string, times?: number, match?: FaultMatch, applied?: boolean }} FaultInput
 * @typedef {{ action: FaultAction, times: number, match: FaultMatch, applied: boolean }} Fault
 */

/** @type {readonly FaultAction[]} */
const ACTIONS = Object.freeze([
	'rateLimit',
	'error7006',
	'error7016',
	'http500',
	'http503',
	'http403',
	'reset',
	'hang',
	'malformed',
	'partial',
	'foreignRecord',
]);

/**
 * @param {unknown} input
 * @returns {Fault}
 */
function validateFault(input) {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new TypeError('a sandbox fault must be an object {action, times?, match?, applied?}');
	}
	const f = /** @type {Record<string, unknown>} */ (input);
	const action = /** @type {FaultAction} */ (f.action);
	if (!ACTIONS.includes(action)) {
		throw new TypeError(`unknown sandbox fault action ${JSON.stringify(f.action)} (one of ${ACTIONS.join(', ')})`);
	}
	const times = f.times === undefined ? 1 : f.times;
	if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) {
		throw new TypeError('sandbox fault times must be an integer >= 1');
	}
	/** @type {FaultMatch} */
	const match = {};
	if (f.match !== undefined) {
		if (typeof f.match !== 'object' || f.match === null) throw new TypeError('sandbox fault match must be an object');
		const m = /** @type {Record<string, unknown>} */ (f.match);
		if (m.method !== undefined) {
			if (typeof m.method !== 'string') throw new TypeError('sandbox fault match.method must be a string');
			match.method = m.method.toUpperCase();
		}
		if (m.pathPrefix !== undefined) {
			if (typeof m.pathPrefix !== 'string') throw new TypeError('sandbox fault match.pathPrefix must be a string');
			match.pathPrefix = m.pathPrefix;
		}
	}
	if (f.applied !== undefined && typeof f.applied !== 'boolean') throw new TypeError('sandbox fault applied must be a boolean');
	return { action, times, match, applied: f.applied === true };
}

class FaultQueue {
	constructor() {
		/** @type {Fault[]} */
		this.faults = [];
	}

	/**
	 * Validate all, then add all (nothing is added when one is invalid).
	 * @param {unknown} list
	 */
	add(list) {
		if (!Array.isArray(list)) throw new TypeError('sandbox faults must be an array');
		const valid = list.map(validateFault);
		this.faults.push(...valid);
	}

	/**
	 * Consume one use of the first fault matching the request.
	 * @param {string} method
	 * @param {string} path decoded path after /resources/v2
	 * @returns {Fault | undefined} the fault (a copy), if one matched
	 */
	take(method, path) {
		const i = this.faults.findIndex(
			(f) =>
				(f.match.method === undefined || f.match.method === method) &&
				(f.match.pathPrefix === undefined || path.startsWith(f.match.pathPrefix)),
		);
		if (i < 0) return undefined;
		const fault = this.faults[i];
		fault.times--;
		if (fault.times === 0) this.faults.splice(i, 1);
		return { ...fault };
	}

	/** Faults not used up yet. */
	get pending() {
		return this.faults.map((f) => ({ ...f, match: { ...f.match } }));
	}

	clear() {
		this.faults = [];
	}
}

module.exports = { ACTIONS, FaultQueue, validateFault };
