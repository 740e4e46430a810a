// @ts-check
'use strict';

/**
 * What an operation handler produces, before the server turns it into an HTTP answer.
 * Request-level failures are thrown as ApiError; the server answers them with an error envelope.
 */

/**
 * @typedef {import('./envelopes').ReadRecord} ReadRecord
 * @typedef {import('./envelopes').WriteResult} WriteResult
 * @typedef {{ customerId: string, userId?: string }} AckItem
 * @typedef {{ kind: 'read', records: ReadRecord[] }} ReadOutcome
 * A write, create/update/delete. `execute` applies it to the store (now, or later in queued mode)
 * and returns the per-item results; with failFirst the first item fails 7006 and is not applied.
 * `singleTarget`: a single-target delete, answered with an error envelope (not shape B) when
 * its only item is not found (success mode).
 * @typedef {{ kind: 'write', acks: AckItem[], singleTarget: boolean,
 *   execute: (failFirst: boolean) => WriteResult[] }} WriteOutcome
 * @typedef {ReadOutcome | WriteOutcome} Outcome
 */

class ApiError extends Error {
	/**
	 * @param {string} code a 70xx/72xx/7600 code
	 * @param {string} [description] instead of the code table's
	 * @param {number} [httpStatus] instead of the code table's (used with errorStatus '4xx')
	 */
	constructor(code, description, httpStatus) {
		super(`${code}${description ? ` ${description}` : ''}`);
		this.name = 'ApiError';
		this.code = code;
		this.description = description;
		this.httpStatus = httpStatus;
	}
}

/**
 * @param {ReadRecord[]} records
 * @returns {ReadOutcome}
 */
function read(records) {
	return { kind: 'read', records };
}

/**
 * @param {AckItem[]} acks
 * @param {(failFirst: boolean) => WriteResult[]} execute
 * @param {boolean} [singleTarget]
 * @returns {WriteOutcome}
 */
function write(acks, execute, singleTarget = false) {
	return { kind: 'write', acks, execute, singleTarget };
}

module.exports = { ApiError, read, write };
