// @ts-check
'use strict';

/**
 * Expectation of loop-within-rate-limit.json, run by `npm run e2e` in the real n8n app.
 *
 * 2 000 customers through Loop Over Items (100 a turn) → Profile → Create with Max Requests per
 * Second 5, against a sandbox that refuses a 6th request in ANY 1 s window (7020). Every turn is a
 * new run of the node; the pace is the tenant's, so the 20 requests of the 20 turns never earn a
 * 7020, and all 2 000 profiles are created.
 */

const assert = require('node:assert/strict');

const LIMIT = 5;
const sandbox = { rateLimitPerSecond: LIMIT, rateLimitWindow: 'sliding' };

/**
 * @param {import('../scripts/e2e/run-output').WorkflowOutput} output
 * @param {{ sandbox: any }} ctx
 */
async function check(output, { sandbox: sb }) {
	assert.ok(!output.error, `the run failed: ${output.error?.message} ${output.error?.description ?? ''}`);
	const entries = sb.log.entries;
	const throttled = entries.filter((/** @type {any} */ entry) => entry.code === '7020');
	assert.equal(throttled.length, 0, `${throttled.length} of ${entries.length} requests answered 7020`);
	assert.equal(entries.length, 20);
	assert.equal(sb.store.counts.profiles, 2000);
	assert.equal(output.nodes['Create profiles'].runs, 20, 'one run of the node per loop turn');
	// In any 1 s window at most LIMIT requests arrived.
	/** @type {number[]} */
	const times = entries.map((/** @type {any} */ entry) => Number(entry.time)).sort((/** @type {number} */ a, /** @type {number} */ b) => a - b);
	for (let i = LIMIT; i < times.length; i++) assert.ok(times[i] - times[i - LIMIT] >= 1000, `requests ${i - LIMIT} and ${i} within 1 s`);
}

module.exports = { sandbox, check };
