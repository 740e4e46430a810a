// @ts-check
'use strict';

/**
 * Admin endpoints under /_sandbox/ for other processes (no key needed, not logged, no faults):
 *   GET    /_sandbox/log[?since=N]  {total, entries}: log entries from index N (default 0)
 *   DELETE /_sandbox/log            empty the log
 *   GET    /_sandbox/stats          {requests, profiles, appProfiles, throttled: {total, byTenant}}
 *   GET    /_sandbox/config         the options in force
 *   POST   /_sandbox/config         JSON partial options, as sb.configure(); answers the options
 *   GET    /_sandbox/faults         scripted faults not used up yet
 *   POST   /_sandbox/faults         JSON array of faults, as sb.addFaults()
 *   POST   /_sandbox/reset          as sb.reset()
 *   GET    /_sandbox/store          {version, profiles, appProfiles, columns, storeIds}
 * Errors: {"error": "..."} with HTTP 400 (bad JSON or option), 404 (unknown endpoint) or 405.
 */

/**
 * @typedef {import('./server').Sandbox} Sandbox
 * @typedef {import('./target').Target} Target
 * @typedef {import('./http-util').Answer} Answer
 */

/**
 * @param {Target} target
 * @returns {boolean}
 */
function isAdminPath(target) {
	return target.segments === null && (target.path === '/_sandbox' || target.path.startsWith('/_sandbox/'));
}

/**
 * @param {number} status
 * @param {unknown} body
 * @returns {Answer}
 */
function json(status, body) {
	return { status, body, code: '' };
}

/**
 * @param {Sandbox} sb
 * @param {string} method
 * @param {Target} target
 * @param {{ ok: true, value: unknown } | { ok: false } | undefined} parsed the request body
 * @returns {Answer}
 */
function handleAdmin(sb, method, target, parsed) {
	const name = target.path.slice('/_sandbox/'.length);
	/** @type {Record<string, Record<string, () => Answer>>} */
	const endpoints = {
		log: {
			GET: () => {
				const since = Number.parseInt(target.query.since?.[0] ?? '0', 10);
				const from = Number.isFinite(since) && since > 0 ? since : 0;
				return json(200, { total: sb.log.entries.length, entries: sb.log.entries.slice(from) });
			},
			DELETE: () => {
				sb.log.clear();
				return json(200, { ok: true });
			},
		},
		stats: {
			GET: () => json(200, { requests: sb.requests, ...sb.store.counts, throttled: sb.throttled }),
		},
		config: {
			GET: () => json(200, sb.options),
			POST: () => withBody(parsed, (value) => json(200, sb.configure(/** @type {any} */ (value)))),
		},
		faults: {
			GET: () => json(200, sb.pendingFaults),
			POST: () =>
				withBody(parsed, (value) => {
					sb.addFaults(/** @type {any} */ (value));
					return json(200, { ok: true, pending: sb.pendingFaults.length });
				}),
		},
		reset: {
			POST: () => {
				sb.reset();
				return json(200, { ok: true });
			},
		},
		store: {
			GET: () => json(200, sb.store.toJSON()),
		},
	};
	const byMethod = Object.prototype.hasOwnProperty.call(endpoints, name) ? endpoints[name] : undefined;
	if (byMethod === undefined) return json(404, { error: `unknown sandbox admin endpoint ${target.path}` });
	const run = Object.prototype.hasOwnProperty.call(byMethod, method) ? byMethod[method] : undefined;
	if (run === undefined) return json(405, { error: `${method} not allowed on ${target.path}` });
	return run();
}

/**
 * @param {{ ok: true, value: unknown } | { ok: false } | undefined} parsed
 * @param {(value: unknown) => Answer} use
 * @returns {Answer}
 */
function withBody(parsed, use) {
	if (parsed === undefined || !parsed.ok) return json(400, { error: 'the body must be JSON' });
	try {
		return use(parsed.value);
	} catch (error) {
		if (error instanceof TypeError) return json(400, { error: error.message });
		throw error;
	}
}

module.exports = { isAdminPath, handleAdmin };
