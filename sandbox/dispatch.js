// @ts-check
'use strict';

/**
 * Request routing of the sandbox, after the faults (pipeline.js): key (7002/7001), route (7004),
 * JSON body (7000/7012), the operation (master.js or app.js), then a write answered at once or
 * queued (queue.js).
 */

const { readBody: readBodyShape, writeBody, queuedBody, legacyQueuedBody } = require('./envelopes');
const { ApiError } = require('./outcome');
const { matchRoute } = require('./target');
const { handleMaster } = require('./master');
const { handleApp } = require('./app');
const { keyOf } = require('./echo');
const { tenantOf } = require('./options');
const { errorAnswer } = require('./error-answer');

/**
 * @typedef {import('./server').Sandbox} Sandbox
 * @typedef {import('./target').Target} Target
 * @typedef {import('./http-util').Answer} Answer
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 */

/** Single-target not-found codes: in success mode answered with an error envelope, not shape B. */
const NOT_FOUND_CODES = new Set(['7014', '7203']);

/**
 * Everything after the faults: key, route, JSON, parameters, the operation.
 * @param {Sandbox} sb
 * @param {IncomingMessage} req
 * @param {string} method
 * @param {Target} target
 * @param {{ ok: true, value: unknown } | { ok: false } | undefined | null} parsed null: body too large
 * @param {string} transid
 * @param {boolean} failFirst the 'partial' fault: the first item fails 7006 and is not applied
 * @returns {Answer}
 */
function dispatch(sb, req, method, target, parsed, transid, failFirst) {
	const options = sb.current;
	try {
		const key = keyOf(req.headers);
		if (key === undefined || key === '') throw new ApiError('7002');
		if (tenantOf(options, key) < 0) throw new ApiError('7001');

		if (target.segments === null) throw new ApiError('7004', undefined, 404);
		const route = matchRoute(method, target.segments);
		if (route === 'notFound') throw new ApiError('7004', undefined, 404);
		if (route === 'methodNotAllowed') throw new ApiError('7004', undefined, 405);
		if (target.badEncoding) throw new ApiError('7004');

		if (route.name === 'status') {
			if (failFirst) throw new ApiError('7006');
			const body = sb.queue.poll(route.params[0]);
			if (body === undefined) throw new ApiError('7600');
			return { status: 200, body, code: body.code };
		}

		let json;
		if (method === 'POST' || method === 'PUT') {
			if (parsed === null) throw new ApiError('7012');
			if (parsed === undefined || !parsed.ok) throw new ApiError('7000');
			json = parsed.value;
		}

		const ctx = { route: route.name, params: route.params, query: target.query, json, store: sb.store, options };
		const outcome = route.name.startsWith('profile.') ? handleMaster(ctx) : handleApp(ctx);

		if (outcome.kind === 'read') {
			if (failFirst) throw new ApiError('7006');
			return { status: 200, body: readBodyShape(outcome.records, transid), code: '1000' };
		}

		if (options.mode === 'queued') {
			sb.queue.enqueue(transid, () => outcome.execute(failFirst), options.queuePolls, options.queueDelayMs);
			if (options.legacyQueued) return { status: 200, body: legacyQueuedBody(transid), code: '1001' };
			return { status: method === 'PUT' ? 200 : 202, body: queuedBody(outcome.acks, transid), code: '1000' };
		}

		const results = outcome.execute(failFirst);
		const body = writeBody(results, transid);
		sb.queue.record(transid, body);
		sb.save();
		const only = results.length === 1 ? results[0] : undefined;
		if (outcome.singleTarget && only !== undefined && NOT_FOUND_CODES.has(only.code)) {
			throw new ApiError(only.code, only.description);
		}
		return { status: 200, body, code: body.code };
	} catch (error) {
		if (error instanceof ApiError) return errorAnswer(options, error.code, transid, error.description, error.httpStatus);
		throw error;
	}
}

module.exports = { dispatch };
