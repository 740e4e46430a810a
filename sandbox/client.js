// @ts-check
'use strict';

/**
 * A tiny client for the sandbox (tests, scripts): one request with the sandbox's key and a JSON
 * body. The path is appended to the base URL as given: percent-encode ids yourself.
 */

/**
 * @typedef {Object} CallInit
 * @property {unknown} [body] sent as JSON
 * @property {string} [rawBody] sent as is (wins over body)
 * @property {string | null} [key] default: the sandbox's key; null = no key header
 * @property {Record<string, string>} [headers]
 * @property {AbortSignal} [signal]
 *
 * @typedef {Object} CallResult
 * @property {number} status
 * @property {Headers} headers
 * @property {string} text
 * @property {any} json the parsed body; undefined when it is not JSON
 */

/**
 * @param {{ baseUrl: string, key: string }} sandbox
 * @param {string} method
 * @param {string} path e.g. '/customerprofile/abc?showinwardlinks=1'
 * @param {CallInit} [init]
 * @returns {Promise<CallResult>}
 */
async function callSandbox(sandbox, method, path, init = {}) {
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json', ...init.headers };
	const key = init.key === undefined ? sandbox.key : init.key;
	if (key !== null) headers.key = key;
	const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
	const response = await fetch(sandbox.baseUrl + path, { method, headers, body, signal: init.signal });
	const text = await response.text();
	let json;
	try {
		json = text === '' ? undefined : JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

module.exports = { callSandbox };
