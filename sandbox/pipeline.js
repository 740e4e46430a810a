// @ts-check
'use strict';

/**
 * The request pipeline of the sandbox: the order of checks, and how faults are answered.
 *
 *   admin (/_sandbox/…)  → answered by admin.js, not logged, no faults
 *   latency → scripted fault → rate limit → random drop share → random 7006 share
 *   → key (7002 missing, 7001 wrong) → route (7004) → JSON (7000) → parameters (7003/7004)
 *   → batch limit (7012) → app id (7018) → per-record processing
 *
 * From the key on, dispatch.js answers; server.js owns the state read here.
 */

const crypto = require('node:crypto');

const { readBody: readBodyShape } = require('./envelopes');
const { parseTarget } = require('./target');
const { handleAdmin, isAdminPath } = require('./admin');
const { readBody, parseJson, send, delay } = require('./http-util');
const { loggedHeaders, keyOf, withEchoedKey } = require('./echo');
const { tenantOf } = require('./options');
const { htmlPage, FOREIGN_RECORD } = require('./pages');
const { dispatch } = require('./dispatch');
const { errorAnswer } = require('./error-answer');

/**
 * @typedef {import('./server').Sandbox} Sandbox
 * @typedef {import('./faults').Fault} Fault
 * @typedef {import('./log').LogEntry} LogEntry
 * @typedef {import('./http-util').Answer} Answer
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 */

/**
 * Answer one request (admin or API) in the order of checks above.
 * @param {Sandbox} sb
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 */
async function handleRequest(sb, req, res) {
	res.on('error', () => undefined);
	// Counted for the rate limit on arrival, before the body is read, as a tenant's gateway counts.
	const arrived = performance.now();
	const method = (req.method ?? 'GET').toUpperCase();
	const rawPath = req.url ?? '/';
	/** @type {Buffer | null} */
	let buffer;
	try {
		buffer = await readBody(req);
	} catch {
		req.socket.destroy();
		return;
	}
	const target = parseTarget(rawPath);
	const text = buffer === null ? '' : buffer.toString('utf8');
	const parsed = text === '' ? undefined : parseJson(text);

	if (isAdminPath(target)) {
		send(res, handleAdmin(sb, method, target, parsed));
		return;
	}

	const options = sb.current;
	const transid = crypto.randomUUID();
	/** @type {LogEntry} */
	const entry = {
		method,
		rawPath,
		path: target.path,
		query: target.query,
		headers: loggedHeaders(req.headers),
		body: options.logBodies && parsed !== undefined ? (parsed.ok ? parsed.value : text) : undefined,
		status: 0,
		code: '',
		time: Date.now(),
		transid,
	};
	const tenant = tenantOf(options, keyOf(req.headers));
	if (tenant >= 0) entry.tenant = tenant;
	sb.log.add(entry);
	sb.requests++;
	if (options.echoKeyInErrors) sb.echoKeys.set(res, keyOf(req.headers));

	// As common servers and proxies do (8 KB is Apache's and nginx's default).
	if (options.maxUrlBytes > 0 && Buffer.byteLength(rawPath) > options.maxUrlBytes) {
		entry.fault = 'uriTooLong';
		sendAnswer(sb, res, entry, htmlPage(414, 'Request-URI Too Large'));
		return;
	}

	if (options.latencyMs > 0) await delay(options.latencyMs);

	const fault = sb.faults.take(method, target.path);
	// Two draws per request, always: the same requests give the same outcomes for a seed.
	const dropDraw = sb.random();
	const errorDraw = sb.random();
	const overSandbox = sb.limiter.hit(options.rateLimitPerSecond, options.rateLimitWindow, arrived);
	// Each tenant's own limit, counted apart (requests without a known key are not counted there).
	const overTenant = tenant >= 0 && sb.keyLimiter(tenant).hit(options.rateLimitPerKey, options.rateLimitWindow, arrived);
	const overLimit = overSandbox || overTenant;

	if (fault !== undefined && !fault.applied && fault.action !== 'partial') {
		answerFault(sb, req, res, entry, fault, undefined);
		return;
	}
	if (fault === undefined) {
		if (overLimit) {
			entry.fault = 'rateLimit';
			sendAnswer(sb, res, entry, errorAnswer(sb.current, '7020', transid));
			return;
		}
		if (dropDraw < options.dropShare) {
			entry.fault = 'drop';
			req.socket.destroy();
			return;
		}
		if (errorDraw < options.error7006Share) {
			entry.fault = 'error7006';
			sendAnswer(sb, res, entry, errorAnswer(sb.current, '7006', transid));
			return;
		}
	}

	const answer = dispatch(sb, req, method, target, buffer === null ? null : parsed, transid, fault?.action === 'partial');
	if (fault !== undefined && fault.action !== 'partial') {
		answerFault(sb, req, res, entry, fault, answer);
		return;
	}
	if (fault !== undefined) entry.fault = fault.action;
	sendAnswer(sb, res, entry, answer);
}

/**
 * Send an answer and note its status and code in the log entry.
 * @param {Sandbox} sb
 * @param {ServerResponse} res
 * @param {LogEntry} entry
 * @param {Answer} answer
 */
function sendAnswer(sb, res, entry, answer) {
	entry.status = answer.status;
	entry.code = answer.code;
	if (answer.code === '7020') sb.countThrottle(entry.tenant ?? -1);
	const key = sb.echoKeys.get(res);
	send(res, key === undefined ? answer : withEchoedKey(answer, key));
}

/**
 * Answer a scripted fault. `processed` is the real answer when the request was processed first
 * (applied: true).
 * @param {Sandbox} sb
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {LogEntry} entry
 * @param {Fault} fault
 * @param {Answer | undefined} processed
 */
function answerFault(sb, req, res, entry, fault, processed) {
	entry.fault = fault.action;
	const transid = entry.transid;
	switch (fault.action) {
		case 'rateLimit':
			sendAnswer(sb, res, entry, errorAnswer(sb.current, '7020', transid));
			return;
		case 'error7006':
			sendAnswer(sb, res, entry, errorAnswer(sb.current, '7006', transid));
			return;
		case 'error7016':
			sendAnswer(sb, res, entry, errorAnswer(sb.current, '7016', transid));
			return;
		case 'http500':
			sendAnswer(sb, res, entry, { status: 500, body: '', code: '', contentType: 'text/plain' });
			return;
		case 'http503':
			sendAnswer(sb, res, entry, htmlPage(503, 'Service Unavailable'));
			return;
		case 'http403':
			// As a proxy or firewall in front of the API refuses a request.
			sendAnswer(sb, res, entry, htmlPage(403, 'Forbidden'));
			return;
		case 'foreignRecord':
			// A broken API or cache: a read answered with another customer's record.
			sendAnswer(sb, res, entry, { status: 200, body: readBodyShape([FOREIGN_RECORD], transid), code: '1000' });
			return;
		case 'malformed': {
			const full = JSON.stringify(
				processed?.body ?? { response: { code: '1000', description: 'SUCCESS', transid } },
			);
			const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
			sendAnswer(sb, res, entry, { status: 200, body: cut, code: '' });
			return;
		}
		case 'reset':
			req.socket.destroy();
			return;
		case 'hang':
			// Never answered; close() (closeAllConnections) or the client ends it.
			return;
		default:
			sendAnswer(sb, res, entry, processed ?? errorAnswer(sb.current, '7006', transid));
	}
}

module.exports = { handleRequest };
