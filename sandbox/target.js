// @ts-check
'use strict';

/**
 * Parsing of the request-target. The raw path is split on `/` FIRST and each segment is then
 * percent-decoded on its own, so an id `a%2Fb` stays one segment `a/b` and `..%2Fx` can never
 * change the route. No URL normalisation is applied.
 */

const API_PREFIX = ['resources', 'v2'];

/**
 * @typedef {Object} Target
 * @property {string} rawPath the request-target exactly as received (undecoded, with query)
 * @property {string} path decoded pathname after /resources/v2 (the whole decoded pathname when
 *   the request is not under /resources/v2); used by the log and by fault matching
 * @property {string[] | null} segments decoded segments after /resources/v2, or null when the
 *   path is not under /resources/v2
 * @property {boolean} badEncoding a segment has an invalid percent-escape
 * @property {Record<string, string[]>} query repeated keys give several values, in order
 */

/**
 * @param {string} segment
 * @returns {string | null} null when the segment is not valid percent-encoding
 */
function decodeSegment(segment) {
	if (!segment.includes('%')) return segment;
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

/**
 * Query string → record of value lists (application/x-www-form-urlencoded rules, `+` = space).
 * @param {string} search without the leading `?`
 * @returns {Record<string, string[]>}
 */
function parseQuery(search) {
	/** @type {Record<string, string[]>} */
	const query = {};
	if (search === '') return query;
	for (const [name, value] of new URLSearchParams(search)) {
		if (Object.prototype.hasOwnProperty.call(query, name)) {
			query[name].push(value);
		} else {
			// defineProperty: a key such as `__proto__` becomes a plain own property.
			Object.defineProperty(query, name, { value: [value], enumerable: true, writable: true, configurable: true });
		}
	}
	return query;
}

/**
 * @param {string} rawUrl `req.url` as received
 * @returns {Target}
 */
function parseTarget(rawUrl) {
	let target = rawUrl;
	// absolute-form (sent to proxies): drop scheme and authority.
	const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(target);
	if (absolute) target = target.slice(absolute[0].length) || '/';
	const hashAt = target.indexOf('#');
	if (hashAt >= 0) target = target.slice(0, hashAt);
	const queryAt = target.indexOf('?');
	const pathname = queryAt >= 0 ? target.slice(0, queryAt) : target;
	const search = queryAt >= 0 ? target.slice(queryAt + 1) : '';

	const raw = pathname.split('/');
	if (raw[0] === '') raw.shift();
	let badEncoding = false;
	const underApi = raw.length >= API_PREFIX.length && API_PREFIX.every((p, i) => raw[i] === p);
	const rest = underApi ? raw.slice(API_PREFIX.length) : raw;
	// One trailing slash is tolerated: `/customerprofile/` is `/customerprofile`.
	if (rest.length > 0 && rest[rest.length - 1] === '') rest.pop();
	const decoded = rest.map((s) => {
		const d = decodeSegment(s);
		if (d === null) {
			badEncoding = true;
			return s;
		}
		return d;
	});
	return {
		rawPath: rawUrl,
		path: '/' + decoded.join('/'),
		segments: underApi ? decoded : null,
		badEncoding,
		query: parseQuery(search),
	};
}

/**
 * @typedef {'profile.get' | 'profile.getMany' | 'profile.create' | 'profile.update' | 'profile.delete'
 *   | 'profile.deleteMany' | 'app.get' | 'app.getBy' | 'app.create' | 'app.update' | 'app.delete'
 *   | 'app.deleteBy' | 'app.deleteDevice' | 'status'} RouteName
 * @typedef {{ name: RouteName, params: string[] }} Route
 */

/** @type {Record<string, Record<number, Record<string, RouteName>>>} resource → segment count → method → route */
const ROUTES = {
	customerprofile: {
		1: { GET: 'profile.getMany', POST: 'profile.create', PUT: 'profile.update', DELETE: 'profile.deleteMany' },
		2: { GET: 'profile.get', DELETE: 'profile.delete' },
	},
	customerappprofile: {
		2: { GET: 'app.getBy', POST: 'app.create', PUT: 'app.update', DELETE: 'app.deleteBy' },
		3: { GET: 'app.get', DELETE: 'app.delete' },
		4: { DELETE: 'app.deleteDevice' },
	},
};

/**
 * @param {string} method
 * @param {string[]} segments decoded segments after /resources/v2
 * @returns {Route | 'notFound' | 'methodNotAllowed'}
 */
function matchRoute(method, segments) {
	if (segments.length === 3 && segments[0] === 'profile' && segments[1] === 'status') {
		return method === 'GET' ? { name: 'status', params: [segments[2]] } : 'methodNotAllowed';
	}
	const byCount = Object.prototype.hasOwnProperty.call(ROUTES, segments[0] ?? '') ? ROUTES[segments[0]] : undefined;
	const byMethod = byCount?.[segments.length];
	if (byMethod === undefined) return 'notFound';
	const name = byMethod[method];
	if (name === undefined) return 'methodNotAllowed';
	return { name, params: segments.slice(1) };
}

module.exports = { parseTarget, parseQuery, matchRoute, decodeSegment };
