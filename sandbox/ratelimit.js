// @ts-check
'use strict';

/**
 * Rate limit, in one of two ways a tenant's limit may be enforced:
 * - 'fixed': a one-second window counter; once more than `limit` requests arrived in the current
 *   window, the rest of that window is refused (7020). Lenient: up to 2 × limit can pass in a
 *   second that straddles two windows.
 * - 'sliding': strict; a request is refused when the last 1000 ms (it included) hold more than
 *   `limit` requests. Every request counts, refused ones too, as a server that counts arrivals.
 */

/** @typedef {'fixed' | 'sliding'} RateLimitWindow */

class RateLimiter {
	constructor() {
		this.windowStart = 0;
		this.count = 0;
		/** @type {number[]} arrival times of the last second (sliding mode), oldest first */
		this.arrivals = [];
	}

	/**
	 * Count one request.
	 * @param {number} limit requests per second; 0 = no limit
	 * @param {RateLimitWindow} [window]
	 * @param {number} [now] ms, from a monotonic clock
	 * @returns {boolean} true when the request is over the limit
	 */
	hit(limit, window = 'fixed', now = performance.now()) {
		if (window === 'sliding') {
			while (this.arrivals.length > 0 && this.arrivals[0] <= now - 1000) this.arrivals.shift();
			this.arrivals.push(now);
			return limit > 0 && this.arrivals.length > limit;
		}
		if (now - this.windowStart >= 1000) {
			this.windowStart = now;
			this.count = 0;
		}
		this.count++;
		return limit > 0 && this.count > limit;
	}

	reset() {
		this.windowStart = 0;
		this.count = 0;
		this.arrivals = [];
	}
}

module.exports = { RateLimiter };
