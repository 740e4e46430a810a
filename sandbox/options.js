// @ts-check
'use strict';

/**
 * Options of the sandbox: defaults, and validation of what a caller passes (startSandbox,
 * sb.configure, POST /_sandbox/config, the CLI).
 */

/** Master profile attributes (docs/profile-api.md#channels), plus the extra ones seen in the docs. */
const DEFAULT_ATTRIBUTES = Object.freeze([
	'customerId',
	'name',
	'email',
	'msisdn',
	'sms',
	'voice',
	'ussd',
	'rt',
	'fb',
	'fbc',
	'twitter',
	'mxit',
	'wechat',
	'wa',
	'city',
	'country',
	'channel_pref',
]);

/** App ids seen in the docs. */
const DEFAULT_APP_IDS = Object.freeze(['a_636035705699961900', 'MU20051001', 'BO20055029']);

const DEFAULT_KEY = 'sandbox-profile-key';

/**
 * @typedef {'success' | 'queued'} Mode
 * @typedef {'200' | '4xx'} ErrorStatusMode
 *
 * @typedef {Object} SandboxOptions
 * @property {number} port 0 = a random free port; the host is always 127.0.0.1
 * @property {string} key the profile key expected in the `key` header
 * @property {string[]} keys more profile keys accepted, each its own tenant (tenant 1, 2, …; `key` is tenant 0)
 * @property {Mode} mode 'success' = writes applied at once; 'queued' = answered QUEUED, applied later
 * @property {boolean} legacyQueued queued mode answers {"response":{"code":"1001",…}} instead of shape B
 * @property {number} queuePolls status polls answered 7600 before a queued write is applied
 * @property {number} queueDelayMs a queued write is applied after this long at the latest
 * @property {ErrorStatusMode} errorStatus '200' = errors with HTTP 200; '4xx' = errors with 4xx/5xx
 * @property {string[]} attributes master profile attributes of the tenant
 * @property {string[]} appIds registered app ids
 * @property {number} latencyMs added latency per request
 * @property {number} rateLimitPerSecond 0 = off
 * @property {number} rateLimitPerKey 0 = off; else each key (tenant) may send this many per second, counted apart
 * @property {'fixed' | 'sliding'} rateLimitWindow how the rate limit counts: per fixed second, or in any 1 s window
 * @property {boolean} echoKeyInErrors error answers quote the received key (as a careless API or proxy may)
 * @property {number} maxUrlBytes a longer request-target is refused with HTTP 414 (0 = no limit)
 * @property {number} retryAfterSeconds > 0: 7020 answers carry Retry-After
 * @property {number} error7006Share share of requests answered 7006
 * @property {number} dropShare share of requests whose connection is destroyed
 * @property {number} randomSeed seed of the PRNG behind the shares
 * @property {boolean} logBodies keep request bodies in the log
 * @property {string | undefined} dataFile JSON file the store is loaded from and saved to
 *
 * What callers may pass: every field optional, enums as plain strings (checked at run time).
 * @typedef {Object} SandboxOptionsInput
 * @property {number} [port]
 * @property {string} [key]
 * @property {string[]} [keys]
 * @property {string} [mode]
 * @property {boolean} [legacyQueued]
 * @property {number} [queuePolls]
 * @property {number} [queueDelayMs]
 * @property {string | number} [errorStatus]
 * @property {string[]} [attributes]
 * @property {string[]} [appIds]
 * @property {number} [latencyMs]
 * @property {number} [rateLimitPerSecond]
 * @property {number} [rateLimitPerKey]
 * @property {string} [rateLimitWindow]
 * @property {boolean} [echoKeyInErrors]
 * @property {number} [maxUrlBytes]
 * @property {number} [retryAfterSeconds]
 * @property {number} [error7006Share]
 * @property {number} [dropShare]
 * @property {number} [randomSeed]
 * @property {boolean} [logBodies]
 * @property {string} [dataFile]
 */

/** @returns {SandboxOptions} */
function defaultOptions() {
	return {
		port: 0,
		key: DEFAULT_KEY,
		keys: [],
		mode: 'success',
		legacyQueued: false,
		queuePolls: 2,
		queueDelayMs: 1000,
		errorStatus: '200',
		attributes: [...DEFAULT_ATTRIBUTES],
		appIds: [...DEFAULT_APP_IDS],
		latencyMs: 0,
		rateLimitPerSecond: 0,
		rateLimitPerKey: 0,
		rateLimitWindow: 'fixed',
		echoKeyInErrors: false,
		maxUrlBytes: 8192,
		retryAfterSeconds: 0,
		error7006Share: 0,
		dropShare: 0,
		randomSeed: 1,
		logBodies: true,
		dataFile: undefined,
	};
}

/**
 * @param {string} name
 * @param {unknown} value
 * @param {number} [max]
 * @returns {number}
 */
function nonNegative(name, value, max) {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (max !== undefined && value > max)) {
		const range = max === undefined ? 'a number >= 0' : `a number between 0 and ${max}`;
		throw new TypeError(`sandbox option ${name} must be ${range}, got ${JSON.stringify(value)}`);
	}
	return value;
}

/**
 * @param {string} name
 * @param {unknown} value
 * @returns {string[]}
 */
function stringList(name, value) {
	if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) {
		throw new TypeError(`sandbox option ${name} must be an array of non-empty strings`);
	}
	return [...value];
}

/**
 * Validate `input` and return `base` with it applied (a new object; `base` is not changed).
 * Unknown option names are refused, so that a typo does not go unnoticed.
 * @param {SandboxOptions} base
 * @param {unknown} input
 * @returns {SandboxOptions}
 */
function applyOptions(base, input) {
	if (input === undefined || input === null) return { ...base };
	if (typeof input !== 'object' || Array.isArray(input)) {
		throw new TypeError('sandbox options must be an object');
	}
	const out = { ...base };
	for (const [name, value] of Object.entries(input)) {
		if (value === undefined) continue;
		switch (name) {
			case 'port':
				if (!Number.isInteger(value) || value < 0 || value > 65535) {
					throw new TypeError(`sandbox option port must be an integer 0..65535, got ${JSON.stringify(value)}`);
				}
				out.port = value;
				break;
			case 'key':
				if (typeof value !== 'string' || value === '') throw new TypeError('sandbox option key must be a non-empty string');
				out.key = value;
				break;
			case 'mode':
				if (value !== 'success' && value !== 'queued') {
					throw new TypeError(`sandbox option mode must be 'success' or 'queued', got ${JSON.stringify(value)}`);
				}
				out.mode = value;
				break;
			case 'errorStatus': {
				const v = String(value);
				if (v !== '200' && v !== '4xx') {
					throw new TypeError(`sandbox option errorStatus must be '200' or '4xx', got ${JSON.stringify(value)}`);
				}
				out.errorStatus = v;
				break;
			}
			case 'rateLimitWindow':
				if (value !== 'fixed' && value !== 'sliding') {
					throw new TypeError(`sandbox option rateLimitWindow must be 'fixed' or 'sliding', got ${JSON.stringify(value)}`);
				}
				out.rateLimitWindow = value;
				break;
			case 'legacyQueued':
			case 'echoKeyInErrors':
			case 'logBodies':
				if (typeof value !== 'boolean') throw new TypeError(`sandbox option ${name} must be a boolean`);
				out[name] = value;
				break;
			case 'queuePolls':
				nonNegative(name, value);
				if (!Number.isInteger(value)) throw new TypeError('sandbox option queuePolls must be an integer');
				out.queuePolls = value;
				break;
			case 'queueDelayMs':
			case 'maxUrlBytes':
			case 'latencyMs':
			case 'rateLimitPerSecond':
			case 'rateLimitPerKey':
			case 'retryAfterSeconds':
				out[name] = nonNegative(name, value);
				break;
			case 'error7006Share':
			case 'dropShare':
				out[name] = nonNegative(name, value, 1);
				break;
			case 'randomSeed':
				if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError('sandbox option randomSeed must be a number');
				out.randomSeed = value;
				break;
			case 'attributes':
			case 'appIds':
				out[name] = stringList(name, value);
				break;
			case 'keys':
				out.keys = stringList(name, value);
				break;
			case 'dataFile':
				if (typeof value !== 'string' || value === '') throw new TypeError('sandbox option dataFile must be a non-empty string');
				out.dataFile = value;
				break;
			default:
				throw new TypeError(`unknown sandbox option ${JSON.stringify(name)}`);
		}
	}
	return out;
}

/**
 * The tenant a received key belongs to: 0 for `key`, 1, 2, … for `keys`; -1 for any other key.
 * @param {SandboxOptions} options
 * @param {string | undefined} received
 * @returns {number}
 */
function tenantOf(options, received) {
	if (received === undefined || received === '') return -1;
	if (received === options.key) return 0;
	const index = options.keys.indexOf(received);
	return index < 0 ? -1 : index + 1;
}

module.exports = { DEFAULT_ATTRIBUTES, DEFAULT_APP_IDS, DEFAULT_KEY, defaultOptions, applyOptions, tenantOf };
