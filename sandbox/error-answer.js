// @ts-check
'use strict';

/** The answer of an API error code, as the options in force shape it (HTTP status, Retry-After). */

const { httpStatusFor4xx } = require('./codes');
const { errorBody } = require('./envelopes');

/**
 * @typedef {import('./options').SandboxOptions} SandboxOptions
 * @typedef {import('./http-util').Answer} Answer
 */

/**
 * An error envelope, with HTTP 200 or (errorStatus '4xx') the code's 4xx/5xx status.
 * 7020 carries Retry-After when retryAfterSeconds > 0 (and Retry-After: 1 under '4xx' otherwise).
 * @param {SandboxOptions} options the options in force
 * @param {string} code
 * @param {string} transid
 * @param {string} [description]
 * @param {number} [httpStatus]
 * @returns {Answer}
 */
function errorAnswer(options, code, transid, description, httpStatus) {
	const fourxx = options.errorStatus === '4xx';
	/** @type {Answer} */
	const answer = {
		status: fourxx ? httpStatus ?? httpStatusFor4xx(code) : 200,
		body: errorBody(code, transid, description),
		code,
	};
	if (code === '7020' && (options.retryAfterSeconds > 0 || fourxx)) {
		answer.headers = { 'retry-after': String(Math.max(1, Math.ceil(options.retryAfterSeconds))) };
	}
	return answer;
}

module.exports = { errorAnswer };
