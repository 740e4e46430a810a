// @ts-check
'use strict';

/**
 * The walk-through's assertions on @playwright/test: `check` is a soft expectation named by what a
 * user must see (tagged "[Dn]" with the decision of issue 13 it checks, if any), so every check runs
 * and each failure is listed; `step` is a test step whose failure (the editor did not let the user
 * do it) is a failed check of its own, and the walk goes on.
 */

const { expect, test } = require('@playwright/test');

const r = {
	/**
	 * @param {string} name e.g. "[D5] search “Cisco Webex Connect” finds the node"
	 * @param {boolean} ok
	 * @param {string} [detail] what was seen (shown on failure)
	 */
	check(name, ok, detail) {
		expect.soft(ok, detail ? `${name}\n      ${detail.split('\n').join('\n      ')}` : name).toBe(true);
		return ok;
	},

	/**
	 * @template T
	 * @param {string} name
	 * @param {() => Promise<T>} fn
	 * @returns {Promise<T | undefined>}
	 */
	step(name, fn) {
		return test.step(name, async () => {
			try {
				return await fn();
			} catch (error) {
				r.check(`${name} (step)`, false, error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error));
				return undefined;
			}
		});
	},
};

/** @typedef {typeof r} Report */

/** Compares two ordered lists of labels; '' when equal, else what is missing and what is extra. @param {string[]} expected @param {string[]} seen */
function listDiff(expected, seen) {
	if (JSON.stringify(expected) === JSON.stringify(seen)) return '';
	const missing = expected.filter((x) => !seen.includes(x));
	const extra = seen.filter((x) => !expected.includes(x));
	const parts = [];
	if (missing.length) parts.push(`missing: ${missing.join(', ')}`);
	if (extra.length) parts.push(`not expected: ${extra.join(', ')}`);
	if (!parts.length) parts.push(`order: expected ${expected.join(', ')}; shown ${seen.join(', ')}`);
	return parts.join('; ');
}

module.exports = { r, listDiff };
