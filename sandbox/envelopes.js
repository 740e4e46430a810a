// @ts-check
'use strict';

/**
 * Builders for the response bodies of docs/profile-api.md#answers: read (shape A), write/delete/status (shape B),
 * legacy queued acknowledgement (shape C) and error envelope (shape D).
 */

const { describe } = require('./codes');

/**
 * @typedef {string | number | boolean} AttributeValue
 * @typedef {{ Name: string, Value: AttributeValue, ID: number }} AttributeCell
 * @typedef {{ ProfileID: number, ProfileName: string, AppID?: string, Records: AttributeCell[][] }} ProfileLink
 * @typedef {{ Attributes: AttributeCell[], InwardLinks: ProfileLink[], OutwardLinks: ProfileLink[] }} ReadRecord
 * @typedef {{ customerId: string, code: string, description: string, userId?: string }} WriteResult
 * @typedef {{ TotalCount: number, SuccessCount: number, FailureCount: number, code: string,
 *   description: string, transid: string, Results: WriteResult[] }} WriteBody
 * @typedef {{ response: { code: string, description: string, transid: string } }} ResponseEnvelope
 */

/**
 * Shape A.
 * @param {ReadRecord[]} records
 * @param {string} transid
 */
function readBody(records, transid) {
	return { Status: 0, Description: 'success', code: '1000', transid, Records: records };
}

/**
 * Shape B with the real per-record outcome: code 1000 "SUCCESS" when every record succeeded,
 * otherwise 1002 "Partial success" (also when all failed).
 * @param {WriteResult[]} results
 * @param {string} transid
 * @returns {WriteBody}
 */
function writeBody(results, transid) {
	let success = 0;
	for (const result of results) if (result.code === '1000') success++;
	const allOk = success === results.length;
	return {
		TotalCount: results.length,
		SuccessCount: success,
		FailureCount: results.length - success,
		code: allOk ? '1000' : '1002',
		description: allOk ? 'SUCCESS' : 'Partial success',
		transid,
		Results: results,
	};
}

/**
 * Shape B acknowledging a queued write: every entry "QUEUED".
 * @param {{ customerId: string, userId?: string }[]} items
 * @param {string} transid
 * @returns {WriteBody}
 */
function queuedBody(items, transid) {
	return {
		TotalCount: items.length,
		SuccessCount: items.length,
		FailureCount: 0,
		code: '1000',
		description: 'QUEUED',
		transid,
		Results: items.map((item) => {
			/** @type {WriteResult} */
			const result = { customerId: item.customerId, code: '1000', description: 'QUEUED' };
			if (item.userId !== undefined) result.userId = item.userId;
			return result;
		}),
	};
}

/**
 * Shape C, the legacy queued acknowledgement.
 * @param {string} transid
 * @returns {ResponseEnvelope}
 */
function legacyQueuedBody(transid) {
	return { response: { code: '1001', description: 'Queued', transid } };
}

/**
 * Shape D, the error envelope.
 * @param {string} code
 * @param {string} transid
 * @param {string} [description]
 * @returns {ResponseEnvelope}
 */
function errorBody(code, transid, description) {
	return { response: { code, description: description ?? describe(code), transid } };
}

/**
 * One per-record result.
 * @param {string} customerId
 * @param {string} code
 * @param {string} [description]
 * @returns {WriteResult}
 */
function result(customerId, code, description) {
	return { customerId, code, description: description ?? describe(code) };
}

module.exports = { readBody, writeBody, queuedBody, legacyQueuedBody, errorBody, result };
