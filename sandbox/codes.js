// @ts-check
'use strict';

/**
 * The code table of the sandbox (docs/profile-api.md#codes): the description each code is answered with, and
 * the HTTP status an error gets when the sandbox runs with `errorStatus: '4xx'`.
 */

/** @type {Readonly<Record<string, string>>} */
const DESCRIPTIONS = Object.freeze({
	1000: 'SUCCESS',
	1001: 'Queued',
	1002: 'Partial success',
	7000: 'Invalid JSON',
	7001: 'Authentication failed',
	7002: 'Service Key Missing',
	7003: 'Mandatory parameters missing',
	7004: 'Invalid parameters',
	7006: 'Internal error occurred',
	7010: 'Source IP is not white listed',
	7011: 'Invalid Attribute Value',
	7012: 'Batch size limit(100) exceeded',
	7013: 'Master profile store not found',
	7014: 'Customer not found',
	7015: 'Customer already exists',
	// Sic: the vendor's code table spells it this way.
	7016: 'Unknwon error',
	7017: "Profile attribute doesn't exist",
	7018: 'invalid app profile or app profile is not linked to this client',
	7020: 'You have reached maximum transaction limit',
	7203: 'Customer not found',
	7205: 'Invalid attribute value',
	7206: 'Master profile store not found',
	7207: 'Batch size limit (100) exceeded',
	7208: 'Source IP is not allowed listed',
	7209: 'App profile already exists',
	7211: 'Profile attribute does not exist',
	7212: 'Invalid app profile or app profile not linked to this client',
	7600: 'No result found',
});

/** Description used for 7014 when the missing thing is an app profile. */
const APP_PROFILE_NOT_FOUND = 'App profile not found';

/** Codes that are not errors (docs/profile-api.md#answers). */
const OK_CODES = Object.freeze(['1000', '1001', '1002']);

/**
 * @param {string} code
 * @returns {string}
 */
function describe(code) {
	return DESCRIPTIONS[code] ?? 'Unknown error';
}

/**
 * @param {string} code
 * @returns {boolean}
 */
function isError(code) {
	return !OK_CODES.includes(code);
}

/**
 * HTTP status of an error envelope when errors are answered with 4xx/5xx.
 * 7001/7002→401, 7010/7208→403, 7014/7203/7600→404, 7015/7209→409, 7020→429, 7006/7016→500,
 * every other error→400.
 * @param {string} code
 * @returns {number}
 */
function httpStatusFor4xx(code) {
	switch (code) {
		case '7001':
		case '7002':
			return 401;
		case '7010':
		case '7208':
			return 403;
		case '7014':
		case '7203':
		case '7600':
			return 404;
		case '7015':
		case '7209':
			return 409;
		case '7020':
			return 429;
		case '7006':
		case '7016':
			return 500;
		default:
			return 400;
	}
}

module.exports = { DESCRIPTIONS, APP_PROFILE_NOT_FOUND, OK_CODES, describe, isError, httpStatusFor4xx };
