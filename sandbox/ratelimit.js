// @ts-check
'use strict';

/**
 * Rate limit: a fixed one-second window counter. Every non-admin request counts; once more than
 * `limit` requests arrived in the current window, the rest of that window is refused (7020).
 */

class RateLimiter {
	constructor() {
		this.windowStart = 0;
		this.count = 0;
	}

	/**
	 * Count one request.
	 * @param {number} limit requests per second; 0 = no limit
	 * @param {number} [now] ms
	 * @returns {boolean} true when the request is over the limit
	 */
	hit(limit, now = Date.now()) {
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
	}
}

module.exports = { RateLimiter };
