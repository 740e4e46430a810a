// @ts-check
'use strict';

/**
 * The sandbox HTTP server: its state (store, log, faults, options), its lifecycle and the HTTP(S)
 * listener. Each request goes through the pipeline in pipeline.js.
 */

const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');

const { errorBody } = require('./envelopes');
const { applyOptions, defaultOptions, tenantOf } = require('./options');
const { ProfileStore } = require('./store');
const { RequestLog } = require('./log');
const { FaultQueue } = require('./faults');
const { RateLimiter } = require('./ratelimit');
const { createPrng } = require('./random');
const { WriteQueue } = require('./queue');
const { loadDataFile, saveDataFile } = require('./datafile');
const { send } = require('./http-util');
const { handleRequest } = require('./pipeline');

/**
 * @typedef {import('./options').SandboxOptions} SandboxOptions
 * @typedef {import('./options').SandboxOptionsInput} SandboxOptionsInput
 * @typedef {import('./faults').FaultInput} FaultInput
 * @typedef {{ key: string, cert: string }} TlsOptions
 */

/** Request-targets up to this long reach the handler (node's own default limit is 16 KB). */
const MAX_HEADER_BYTES = 256 * 1024;

class Sandbox {
	/**
	 * Use startSandbox() instead.
	 * @param {SandboxOptions} options
	 * @param {TlsOptions} [tls] serve HTTPS with this key and certificate
	 */
	constructor(options, tls) {
		/** @private */
		this.initialOptions = options;
		/** @internal read by the request pipeline (pipeline.js, dispatch.js) */
		this.current = options;
		this.store = new ProfileStore();
		this.log = new RequestLog();
		/** @internal read by the request pipeline (pipeline.js, dispatch.js) */
		this.faults = new FaultQueue();
		/** @internal read by the request pipeline (pipeline.js, dispatch.js) */
		this.limiter = new RateLimiter();
		/** @internal one limiter per tenant (index: 0 = `key`, i = keys[i - 1]), for rateLimitPerKey */
		this.keyLimiters = new Map();
		/** @private 7020 answers per tenant index */
		this.throttles = /** @type {number[]} */ ([]);
		/** @private 7020 answers to requests without a known key */
		this.throttlesUnknown = 0;
		/** @internal read by the request pipeline (pipeline.js, dispatch.js) */
		this.random = createPrng(options.randomSeed);
		/** @internal read by the request pipeline (pipeline.js, dispatch.js) */
		this.queue = new WriteQueue(() => this.save());
		/** Non-admin requests received since start (or the last reset). */
		this.requests = 0;
		/** @private */
		this.port = 0;
		/** @private @type {Promise<void> | undefined} */
		this.closing = undefined;
		/** @private */
		this.scheme = tls ? 'https' : 'http';
		/** @internal The received key of a request being answered, for echoKeyInErrors only. */
		this.echoKeys = new WeakMap();
		/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
		const listener = (req, res) => {
			handleRequest(this, req, res).catch((error) => {
				// A bug in the sandbox: answer 7006 rather than leave the client hanging.
				console.error('imiconnect sandbox: unexpected error', error);
				send(res, { status: 500, body: errorBody('7006', crypto.randomUUID()), code: '7006' });
			});
		};
		/** @private */
		this.server = tls
			? https.createServer({ ...tls, maxHeaderSize: MAX_HEADER_BYTES }, listener)
			: http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, listener);
		this.server.keepAliveTimeout = 5000;
	}

	/** 'http://127.0.0.1:PORT' ('https://…' when started with tls) */
	get url() {
		return `${this.scheme}://127.0.0.1:${this.port}`;
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
		return {
			...this.current,
			keys: [...this.current.keys],
			attributes: [...this.current.attributes],
			appIds: [...this.current.appIds],
		};
	}

	/**
	 * 7020 answers (rate limits and scripted rateLimit faults) since start or reset: `total`, and
	 * `byTenant[i]` for the requests sent with tenant i's key (0 = `key`, i = keys[i - 1]).
	 */
	get throttled() {
		const byTenant = [0, ...this.current.keys].map((_, index) => this.throttles[index] ?? 0);
		return { total: this.throttles.reduce((sum, n) => sum + (n ?? 0), 0) + this.throttlesUnknown, byTenant };
	}

	/**
	 * 7020 answers to requests sent with `key` (0 for a key the sandbox does not accept).
	 * @param {string} key
	 */
	throttledFor(key) {
		const index = tenantOf(this.current, key);
		return index < 0 ? 0 : (this.throttles[index] ?? 0);
	}

	/**
	 * @internal A 7020 was answered to a request of tenant `index` (-1: no known key).
	 * @param {number} index
	 */
	countThrottle(index) {
		if (index < 0) this.throttlesUnknown = this.throttlesUnknown + 1;
		else this.throttles[index] = (this.throttles[index] ?? 0) + 1;
	}

	/**
	 * @internal The per-key limiter of tenant `index`.
	 * @param {number} index
	 * @returns {RateLimiter}
	 */
	keyLimiter(index) {
		let limiter = this.keyLimiters.get(index);
		if (!limiter) {
			limiter = new RateLimiter();
			this.keyLimiters.set(index, limiter);
		}
		return limiter;
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
		this.keyLimiters.clear();
		this.throttles = [];
		this.throttlesUnknown = 0;
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
}


/**
 * Start a sandbox on 127.0.0.1; with `tls` ({key, cert}, PEM) it serves HTTPS.
 * @param {SandboxOptionsInput & { tls?: TlsOptions }} [input]
 * @returns {Promise<Sandbox>}
 */
async function startSandbox(input = {}) {
	const { tls, ...options } = /** @type {SandboxOptionsInput & { tls?: TlsOptions }} */ (input);
	const sandbox = new Sandbox(applyOptions(defaultOptions(), options), tls);
	await sandbox.start();
	return sandbox;
}

module.exports = { Sandbox, startSandbox };