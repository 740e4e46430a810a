// @ts-check
'use strict';

/**
 * A small seeded PRNG (mulberry32), so that the random shares (7006, dropped connections) are
 * the same from run to run for the same seed and the same sequence of requests.
 */

/**
 * @param {number} seed
 * @returns {() => number} uniform numbers in [0, 1)
 */
function createPrng(seed) {
	let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
	return function next() {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

module.exports = { createPrng };
