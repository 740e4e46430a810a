// @ts-check
'use strict';

/**
 * The request log: one entry per non-admin request, in arrival order.
 */

/**
 * @typedef {Object} LogEntry
 * @property {string} method
 * @property {string} rawPath the request-target exactly as received (undecoded, with query)
 * @property {string} path decoded pathname after /resources/v2
 * @property {Record<string, string[]>} query
 * @property {Record<string, string>} headers request headers (names in lower case) but `key`, whose
 *   value is never kept: only whether one was sent, as `key: '(sent)'`
 * @property {unknown} body parsed JSON, or the raw text when it is not JSON; undefined when empty
 *   or when logBodies is off
 * @property {number} status HTTP status answered; 0 when no answer was sent (dropped, reset, hang)
 * @property {string} code envelope code answered ('' when the answer had none: dropped, reset,
 *   hang, http500/http503, malformed)
 * @property {number} time arrival time, ms since the epoch
 * @property {string} transid the transid of this request's answer
 * @property {string} [fault] the scripted or random fault that answered, if any
 * @property {number} [tenant] whose key was sent: 0 for `key`, i for keys[i - 1]; absent for any
 *   other key or none (the key itself is never logged)
 */

class RequestLog {
	constructor() {
		/** @type {LogEntry[]} */
		this.entries = [];
	}

	/** @param {LogEntry} entry */
	add(entry) {
		this.entries.push(entry);
	}

	/**
	 * @param {{ method?: string, pathPrefix?: string }} [filter] pathPrefix is compared with `path`
	 * @returns {number}
	 */
	count(filter = {}) {
		const method = filter.method?.toUpperCase();
		const prefix = filter.pathPrefix;
		if (method === undefined && prefix === undefined) return this.entries.length;
		let n = 0;
		for (const e of this.entries) {
			if ((method === undefined || e.method === method) && (prefix === undefined || e.path.startsWith(prefix))) n++;
		}
		return n;
	}

	/** Empty the log (in place: a reference to `entries` sees the change). */
	clear() {
		this.entries.length = 0;
	}
}

module.exports = { RequestLog };
