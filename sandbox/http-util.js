// @ts-check
'use strict';

/**
 * Small HTTP helpers of the server: reading a request body, sending an answer, parsing JSON.
 */

/** Bodies larger than this are not kept (the request is answered 7012). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * @typedef {Object} Answer
 * @property {number} status
 * @property {unknown} body an object (sent as JSON) or a string (sent as is)
 * @property {string} code the envelope code, '' when there is none
 * @property {string} [contentType]
 * @property {Record<string, string>} [headers]
 */

/**
 * Read the whole body. Resolves null when it is larger than `limit` (the rest is drained).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} [limit]
 * @returns {Promise<Buffer | null>}
 */
function readBody(req, limit = MAX_BODY_BYTES) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size > limit) tooLarge = true;
			if (!tooLarge) chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? null : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
		req.on('error', reject);
		req.on('close', () => {
			if (!req.complete) reject(new Error('request aborted'));
		});
	});
}

/**
 * @param {string} text
 * @returns {{ ok: true, value: unknown } | { ok: false }}
 */
function parseJson(text) {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {Answer} answer
 */
function send(res, answer) {
	if (res.headersSent || res.destroyed) return;
	const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
	res.writeHead(answer.status, {
		'content-type': answer.contentType ?? 'application/json; charset=utf-8',
		'content-length': String(Buffer.byteLength(text)),
		...answer.headers,
	});
	res.end(text);
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { MAX_BODY_BYTES, readBody, parseJson, send, delay };
