// @ts-check
'use strict';

/** Printing progress lines, and whole numbers written with thin gaps (1 000 000). */

/** @param {string} text */
function say(text) {
	process.stdout.write(`${text}\n`);
}

/** @param {number} n */
function fmt(n) {
	return Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');
}

module.exports = { say, fmt };
