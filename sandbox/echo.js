// @ts-check
'use strict';

/**
 * The request's `key` header: read once, never logged, and (option echoKeyInErrors) quoted back in
 * error answers, as a careless API or an intermediate proxy may do. Clients must not show it.
 */

/**
 * @typedef {import('./http-util').Answer} Answer
 * @typedef {import('node:http').IncomingHttpHeaders} IncomingHttpHeaders
 */

/**
 * @param {IncomingHttpHeaders} headers
 * @returns {string | undefined}
 */
function keyOf(headers) {
	const header = headers.key;
	return Array.isArray(header) ? header.join(', ') : header;
}

/**
 * Request headers for the log: every header as received, but the key's value.
 * @param {IncomingHttpHeaders} headers
 * @returns {Record<string, string>}
 */
function loggedHeaders(headers) {
	/** @type {Record<string, string>} */
	const out = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		out[name] = name === 'key' ? '(sent)' : Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

/** Error codes are 7xxx (success 1000, partial 1002, queued 1001 are not). @param {unknown} code */
const isError = (code) => /^7/.test(String(code));

/** @param {string} description @param {string} key */
const quote = (description, key) => `${description} (request key: ${key})`;

/**
 * The answer with the key quoted in every error text: an error envelope's description, each failed
 * per-record result's description, and the body of a non-JSON 4xx/5xx page. A copy: bodies may be
 * kept for status polls.
 * @param {Answer} answer
 * @param {string} key
 * @returns {Answer}
 */
function withEchoedKey(answer, key) {
	if (key === '') return answer;
	const body = answer.body;
	if (typeof body === 'string') {
		if (answer.status < 400) return answer;
		const line = `<p>Rejected request with key ${key}</p>`;
		return { ...answer, body: body.includes('</body>') ? body.replace('</body>', `${line}</body>`) : `${body}${line}` };
	}
	if (body === null || typeof body !== 'object') return answer;
	const data = /** @type {Record<string, any>} */ (body);
	if (data.response && typeof data.response === 'object' && isError(data.response.code)) {
		return { ...answer, body: { ...data, response: { ...data.response, description: quote(String(data.response.description), key) } } };
	}
	if (Array.isArray(data.Results)) {
		const results = data.Results.map((/** @type {Record<string, any>} */ result) =>
			isError(result.code) ? { ...result, description: quote(String(result.description), key) } : result,
		);
		return { ...answer, body: { ...data, Results: results } };
	}
	return answer;
}

module.exports = { keyOf, loggedHeaders, withEchoedKey };
