// @ts-check
'use strict';

/**
 * The sandbox HTTP server: the request pipeline and its order of checks.
 *
 *   admin (/_sandbox/…)  → answered by admin.js, not logged, no faults
 *   latency → scripted fault → rate limit → random drop share → random 7006 share
 *   → key (7002 missing, 7001 wrong) → route (7004) → JSON (7000) → parameters (7003/7004)
 *   → batch limit (7012) → app id (7018) → per-record processing
 */

const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');

const { httpStatusFor4xx } = require('./codes');
const { readBody: readBodyShape, writeBody, queuedBody, legacyQueuedBody, errorBody } = require('./envelopes');
const { ApiError } = require('./outcome');
const { applyOptions, defaultOptions } = require('./options');
const { ProfileStore } = require('./store');
const { RequestLog } = require('./log');
const { FaultQueue } = require('./faults');
const { RateLimiter } = require('./ratelimit');
const { createPrng } = require('./random');
const { WriteQueue } = require('./queue');
const { parseTarget, matchRoute } = require('./target');
const { handleMaster } = require('./master');
const { handleApp } = require('./app');
const { handleAdmin, isAdminPath } = require('./admin');
const { loadDataFile, saveDataFile } = require('./datafile');
const { readBody, parseJson, send, delay } = require('./http-util');

/**
 * @typedef {import('./options').SandboxOptions} SandboxOptions
 * @typedef {import('./options').SandboxOptionsInput} SandboxOptionsInput
 * @typedef {import('./faults').Fault} Fault
 * @typedef {import('./faults').FaultInput} FaultInput
 * @typedef {import('./log').LogEntry} LogEntry
 * @typedef {import('./target').Target} Target
 * @typedef {import('./http-util').Answer} Answer
 *
 * @typedef {Object} ServerOptions
 * @property {{ key: string | Buffer, cert: string | Buffer }} [tls] serve HTTPS with this key and certificate (PEM)
 */

/** Single-target not-found codes: in success mode answered with an error envelope, not shape B. */
const NOT_FOUND_CODES = new Set(['7014', '7203']);

class Sandbox {
	/**
	 * Use startSandbox() instead.
	 * @param {SandboxOptions} options
	 * @param {ServerOptions} [serverOptions]
	 */
	constructor(options, serverOptions = {}) {
		/** @private */
		this.initialOptions = options;
		/** @private */
		this.current = options;
		this.store = new ProfileStore();
		this.log = new RequestLog();
		/** @private */
		this.faults = new FaultQueue();
		/** @private */
		this.limiter = new RateLimiter();
		/** @private */
		this.random = createPrng(options.randomSeed);
		/** @private */
		this.queue = new WriteQueue(() => this.save());
		/** Non-admin requests received since start (or the last reset). */
		this.requests = 0;
		/** @private */
		this.port = 0;
		/** @private @type {Promise<void> | undefined} */
		this.closing = undefined;
		/** @type {(req: http.IncomingMessage, res: http.ServerResponse) => void} */
		const listener = (req, res) => {
			this.handle(req, res).catch((error) => {
				// A bug in the sandbox: answer 7006 rather than leave the client hanging.
				console.error('imiconnect sandbox: unexpected error', error);
				send(res, { status: 500, body: errorBody('7006', crypto.randomUUID()), code: '7006' });
			});
		};
		/** @private */
		this.protocol = serverOptions.tls ? 'https' : 'http';
		/** @private */
		this.server = serverOptions.tls ? https.createServer(serverOptions.tls, listener) : http.createServer(listener);
		this.server.keepAliveTimeout = 5000;
	}

	/** 'http://127.0.0.1:PORT' ('https://…' when served over TLS) */
	get url() {
		return `${this.protocol}://127.0.0.1:${this.port}`;
	}

	/** 'http://127.0.0.1:PORT/resources/v2' */
	get baseUrl() {
		return `${this.url}/resources/v2`;
	}

	/** The profile key expected in the `key` header. */
	get key() {
		return this.current.key;
	}

	/** A copy of the options in force. */
	get options() {
		return { ...this.current, attributes: [...this.current.attributes], appIds: [...this.current.appIds] };
	}

	/** Scripted faults not used up yet. */
	get pendingFaults() {
		return this.faults.pending;
	}

	/** Queued writes not applied yet. */
	get pendingWrites() {
		return this.queue.pendingCount;
	}

	/**
	 * Change options at run time (everything but `port`).
	 * @param {SandboxOptionsInput} partial
	 * @returns {SandboxOptions} the options now in force
	 */
	configure(partial) {
		const next = applyOptions(this.current, partial);
		if (next.port !== this.current.port && next.port !== this.port) {
			throw new TypeError('sandbox option port cannot be changed at run time');
		}
		next.port = this.current.port;
		if (partial.randomSeed !== undefined) this.random = createPrng(next.randomSeed);
		this.current = next;
		this.registerApps();
		return this.options;
	}

	/**
	 * Add scripted faults, consumed in order by the next matching requests.
	 * @param {FaultInput[]} faults
	 */
	addFaults(faults) {
		this.faults.add(faults);
	}

	/**
	 * Clear the store, the log, the faults and the queued writes; restore the construction options.
	 * With a data file, the (now empty) store is saved.
	 */
	reset() {
		this.queue.clear();
		this.store.clear();
		this.log.clear();
		this.faults.clear();
		this.limiter.reset();
		this.requests = 0;
		this.current = this.initialOptions;
		this.random = createPrng(this.current.randomSeed);
		this.registerApps();
		this.save();
	}

	/**
	 * Stop: pending queued writes are applied, every connection (hanging ones included) is closed.
	 * @returns {Promise<void>}
	 */
	close() {
		if (this.closing === undefined) {
			this.closing = new Promise((resolve) => {
				this.queue.flush();
				this.server.close(() => resolve());
				this.server.closeAllConnections();
			});
		}
		return this.closing;
	}

	/**
	 * @internal
	 * @returns {Promise<void>}
	 */
	async start() {
		if (this.current.dataFile !== undefined) loadDataFile(this.current.dataFile, this.store);
		this.registerApps();
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.current.port, '127.0.0.1', () => {
				this.server.off('error', reject);
				resolve(undefined);
			});
		});
		const address = this.server.address();
		this.port = typeof address === 'object' && address !== null ? address.port : this.current.port;
	}

	/** @private Give the registered apps their store ids in a fixed order. */
	registerApps() {
		for (const appId of this.current.appIds) this.store.appStoreId(appId);
	}

	/** Save the store to the data file now (nothing happens without a data file). */
	save() {
		const file = this.current.dataFile;
		if (file === undefined) return;
		try {
			saveDataFile(file, this.store);
		} catch (error) {
			console.error(`imiconnect sandbox: cannot save ${file}:`, error);
		}
	}

	/**
	 * @private
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	async handle(req, res) {
		res.on('error', () => undefined);
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
			send(res, handleAdmin(this, method, target, parsed));
			return;
		}

		const options = this.current;
		const transid = crypto.randomUUID();
		/** @type {LogEntry} */
		const entry = {
			method,
			rawPath,
			path: target.path,
			query: target.query,
			body: options.logBodies && parsed !== undefined ? (parsed.ok ? parsed.value : text) : undefined,
			status: 0,
			code: '',
			time: Date.now(),
			transid,
		};
		this.log.add(entry);
		this.requests++;

		if (options.latencyMs > 0) await delay(options.latencyMs);

		const fault = this.faults.take(method, target.path);
		// Two draws per request, always: the same requests give the same outcomes for a seed.
		const dropDraw = this.random();
		const errorDraw = this.random();
		const overLimit = this.limiter.hit(options.rateLimitPerSecond);

		if (fault !== undefined && !fault.applied && fault.action !== 'partial') {
			this.answerFault(req, res, entry, fault, undefined);
			return;
		}
		if (fault === undefined) {
			if (overLimit) {
				entry.fault = 'rateLimit';
				this.answer(res, entry, this.errorAnswer('7020', transid));
				return;
			}
			if (dropDraw < options.dropShare) {
				entry.fault = 'drop';
				req.socket.destroy();
				return;
			}
			if (errorDraw < options.error7006Share) {
				entry.fault = 'error7006';
				this.answer(res, entry, this.errorAnswer('7006', transid));
				return;
			}
		}

		const answer = this.process(req, method, target, buffer === null ? null : parsed, transid, fault?.action === 'partial');
		if (fault !== undefined && fault.action !== 'partial') {
			this.answerFault(req, res, entry, fault, answer);
			return;
		}
		if (fault !== undefined) entry.fault = fault.action;
		this.answer(res, entry, answer);
	}

	/**
	 * Everything after the faults: key, route, JSON, parameters, the operation.
	 * @private
	 * @param {http.IncomingMessage} req
	 * @param {string} method
	 * @param {Target} target
	 * @param {{ ok: true, value: unknown } | { ok: false } | undefined | null} parsed null: body too large
	 * @param {string} transid
	 * @param {boolean} failFirst the 'partial' fault: the first item fails 7006 and is not applied
	 * @returns {Answer}
	 */
	process(req, method, target, parsed, transid, failFirst) {
		const options = this.current;
		try {
			const header = req.headers.key;
			const key = Array.isArray(header) ? header.join(', ') : header;
			if (key === undefined || key === '') throw new ApiError('7002');
			if (key !== options.key) throw new ApiError('7001');

			if (target.segments === null) throw new ApiError('7004', undefined, 404);
			const route = matchRoute(method, target.segments);
			if (route === 'notFound') throw new ApiError('7004', undefined, 404);
			if (route === 'methodNotAllowed') throw new ApiError('7004', undefined, 405);
			if (target.badEncoding) throw new ApiError('7004');

			if (route.name === 'status') {
				if (failFirst) throw new ApiError('7006');
				const body = this.queue.poll(route.params[0]);
				if (body === undefined) throw new ApiError('7600');
				return { status: 200, body, code: body.code };
			}

			let json;
			if (method === 'POST' || method === 'PUT') {
				if (parsed === null) throw new ApiError('7012');
				if (parsed === undefined || !parsed.ok) throw new ApiError('7000');
				json = parsed.value;
			}

			const ctx = { route: route.name, params: route.params, query: target.query, json, store: this.store, options };
			const outcome = route.name.startsWith('profile.') ? handleMaster(ctx) : handleApp(ctx);

			if (outcome.kind === 'read') {
				if (failFirst) throw new ApiError('7006');
				return { status: 200, body: readBodyShape(outcome.records, transid), code: '1000' };
			}

			if (options.mode === 'queued') {
				this.queue.enqueue(transid, () => outcome.execute(failFirst), options.queuePolls, options.queueDelayMs);
				if (options.legacyQueued) return { status: 200, body: legacyQueuedBody(transid), code: '1001' };
				return { status: method === 'PUT' ? 200 : 202, body: queuedBody(outcome.acks, transid), code: '1000' };
			}

			const results = outcome.execute(failFirst);
			const body = writeBody(results, transid);
			this.queue.record(transid, body);
			this.save();
			const only = results.length === 1 ? results[0] : undefined;
			if (outcome.singleTarget && only !== undefined && NOT_FOUND_CODES.has(only.code)) {
				throw new ApiError(only.code, only.description);
			}
			return { status: 200, body, code: body.code };
		} catch (error) {
			if (error instanceof ApiError) return this.errorAnswer(error.code, transid, error.description, error.httpStatus);
			throw error;
		}
	}

	/**
	 * An error envelope, with HTTP 200 or (errorStatus '4xx') the code's 4xx/5xx status.
	 * 7020 carries Retry-After when retryAfterSeconds > 0 (and Retry-After: 1 under '4xx' otherwise).
	 * @private
	 * @param {string} code
	 * @param {string} transid
	 * @param {string} [description]
	 * @param {number} [httpStatus]
	 * @returns {Answer}
	 */
	errorAnswer(code, transid, description, httpStatus) {
		const options = this.current;
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

	/**
	 * @private
	 * @param {http.ServerResponse} res
	 * @param {LogEntry} entry
	 * @param {Answer} answer
	 */
	answer(res, entry, answer) {
		entry.status = answer.status;
		entry.code = answer.code;
		send(res, answer);
	}

	/**
	 * Answer a scripted fault. `processed` is the real answer when the request was processed first
	 * (applied: true).
	 * @private
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {LogEntry} entry
	 * @param {Fault} fault
	 * @param {Answer | undefined} processed
	 */
	answerFault(req, res, entry, fault, processed) {
		entry.fault = fault.action;
		const transid = entry.transid;
		switch (fault.action) {
			case 'rateLimit':
				this.answer(res, entry, this.errorAnswer('7020', transid));
				return;
			case 'error7006':
				this.answer(res, entry, this.errorAnswer('7006', transid));
				return;
			case 'error7016':
				this.answer(res, entry, this.errorAnswer('7016', transid));
				return;
			case 'http500':
				this.answer(res, entry, { status: 500, body: '', code: '', contentType: 'text/plain' });
				return;
			case 'http503':
				this.answer(res, entry, {
					status: 503,
					body: '<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1></body></html>',
					code: '',
					contentType: 'text/html; charset=utf-8',
				});
				return;
			case 'malformed': {
				const full = JSON.stringify(
					processed?.body ?? { response: { code: '1000', description: 'SUCCESS', transid } },
				);
				const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
				this.answer(res, entry, { status: 200, body: cut, code: '' });
				return;
			}
			case 'reset':
				req.socket.destroy();
				return;
			case 'hang':
				// Never answered; close() (closeAllConnections) or the client ends it.
				return;
			default:
				this.answer(res, entry, processed ?? this.errorAnswer('7006', transid));
		}
	}
}

/**
 * Start a sandbox on 127.0.0.1.
 * @param {SandboxOptionsInput} [input]
 * @param {ServerOptions} [serverOptions] how it serves, fixed for its life (not an API behaviour option)
 * @returns {Promise<Sandbox>}
 */
async function startSandbox(input = {}, serverOptions = {}) {
	const sandbox = new Sandbox(applyOptions(defaultOptions(), input), serverOptions);
	await sandbox.start();
	return sandbox;
}

module.exports = { Sandbox, startSandbox };
