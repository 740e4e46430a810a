// @ts-check
'use strict';

/**
 * One line per assertion (PASS/FAIL), tagged with the decision of issue 13 it checks when it
 * checks one ("[D2]"), and the tally at the end.
 */

class Report {
	constructor() {
		/** @type {{ name: string, ok: boolean, detail?: string }[]} */
		this.results = [];
	}

	/**
	 * Records one assertion.
	 * @param {string} name what a user must see, e.g. "[D5] search “Cisco Webex Connect” finds the node"
	 * @param {boolean} ok
	 * @param {string} [detail] what was seen (printed on failure)
	 */
	check(name, ok, detail) {
		this.results.push({ name, ok, detail });
		console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${!ok && detail ? `\n      ${detail.split('\n').join('\n      ')}` : ''}`);
		return ok;
	}

	/**
	 * Runs a step of the walk-through; a step that throws (the editor did not let the user do it)
	 * is a failed assertion of its own, and the walk goes on.
	 * @template T
	 * @param {string} name
	 * @param {() => Promise<T>} fn
	 * @returns {Promise<T | undefined>}
	 */
	async step(name, fn) {
		const started = Date.now();
		try {
			return await fn();
		} catch (error) {
			this.check(`${name} (step)`, false, error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error));
			return undefined;
		} finally {
			if (process.env.E2E_UI_DEBUG) console.log(`    step ${name}: ${Date.now() - started} ms`);
		}
	}

	get failed() {
		return this.results.filter((r) => !r.ok);
	}

	summary() {
		return `${this.results.length - this.failed.length} passed, ${this.failed.length} failed`;
	}
}

/**
 * Compares two ordered lists of labels; '' when equal, else what is missing and what is extra.
 * @param {string[]} expected
 * @param {string[]} seen
 */
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

module.exports = { Report, listDiff };
