import type { IDataObject } from 'n8n-workflow';

import { numberOption } from './options';
import type { ParamReader } from './types';

/** Largest number of records or IDs one request may carry (docs/profile-api.md#limits). */
export const MAX_BATCH = 100;

/** n8n's Settings → Request Options of a declarative node, as the node honours them. */
export interface RequestOptions {
	/** `http://user:pass@host:port`: every request goes through this proxy. */
	proxy?: { protocol?: string; host: string; port: number; auth?: { username: string; password: string } };
	/** Ignore SSL Issues. */
	skipSslCertificateValidation: boolean;
	/** n8n's Batching: at most `items` records per request, and a pause between requests. */
	batching?: { items: number; intervalMs: number };
}

export interface RunSettings {
	/** Flat fields (on) or the API's own record or result (off). */
	simplify: boolean;
	batchSize: number;
	/** Requests in flight at once. */
	concurrency: number;
	/** Requests started in any 1 s at most (0 = no limit); retries and status polls count too. */
	maxRequestsPerSecond: number;
	/** Attempts after the first one, for answers worth retrying (also per record). */
	maxRetries: number;
	/** Upper bound of all retry waits of one request together, in ms. */
	maxRetryWaitMs: number;
	/** Per-attempt timeout, in ms. */
	timeoutMs: number;
	/** Poll the status of queued writes until they are applied. */
	waitForCompletion: boolean;
	/** How long to poll one queued write, in ms. */
	waitTimeoutMs: number;
	request: RequestOptions;
}

function bounded(value: unknown, fallback: number, min: number, max: number): number {
	const number = Number(value);
	if (value === undefined || value === null || value === '' || !Number.isFinite(number)) return fallback;
	return Math.min(max, Math.max(min, number));
}

/** n8n's proxy text, as RoutingNode reads it; a proxy that cannot be read is an error, not ignored. */
function readProxy(text: unknown): RequestOptions['proxy'] {
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	const url = URL.canParse(text.trim()) ? new URL(text.trim()) : undefined;
	// The port as written: URL drops a scheme's default one (http://proxy:80), and n8n requires it.
	const port = /:(\d+)$/.exec(text.trim().split('//')[1]?.split('/')[0] ?? '')?.[1];
	if (!url || !url.hostname || !port) {
		throw new Error('The proxy of Settings → Request Options must be a URL with a host and a port, e.g. http://proxy:3128');
	}
	const proxy: NonNullable<RequestOptions['proxy']> = {
		protocol: url.protocol.replace(/:$/, ''),
		host: url.hostname,
		port: Number(port),
	};
	if (url.username) {
		proxy.auth = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
	}
	return proxy;
}

function readBatching(value: unknown): RequestOptions['batching'] {
	const batch = ((value as IDataObject | undefined)?.batch ?? undefined) as IDataObject | undefined;
	if (!batch) return undefined;
	const items = Number(batch.batchSize);
	const intervalMs = bounded(batch.batchInterval, 0, 0, 3_600_000);
	// n8n: -1 turns batching off, 0 counts as 1.
	if (!(items >= 0) && !intervalMs) return undefined;
	return { items: items >= 0 ? Math.max(1, Math.floor(items)) : MAX_BATCH, intervalMs };
}

/**
 * The node's options and n8n's Request Options, read once per run (they are
 * node-level, not per item). Where both set a timeout, the node's Timeout wins.
 */
export function readSettings(read: ParamReader): RunSettings {
	const options = (read('options', {}) ?? {}) as IDataObject;
	const requestOptions = (read('requestOptions', {}) ?? {}) as IDataObject;
	const batching = readBatching(requestOptions.batching);
	const timeout = options.timeout ?? (Number(requestOptions.timeout) > 0 ? requestOptions.timeout : undefined);
	return {
		simplify: read('simplify', true) !== false,
		batchSize: Math.min(numberOption('batchSize', options.batchSize), batching?.items ?? MAX_BATCH),
		concurrency: numberOption('concurrency', options.concurrency),
		maxRequestsPerSecond: numberOption('maxRequestsPerSecond', options.maxRequestsPerSecond),
		maxRetries: numberOption('maxRetries', options.maxRetries),
		maxRetryWaitMs: numberOption('maxRetryWait', options.maxRetryWait) * 1000,
		timeoutMs: numberOption('timeout', timeout),
		waitForCompletion: options.waitForCompletion === true,
		waitTimeoutMs: numberOption('waitTimeout', options.waitTimeout) * 1000,
		request: {
			proxy: readProxy(requestOptions.proxy),
			skipSslCertificateValidation: requestOptions.allowUnauthorizedCerts === true,
			batching,
		},
	};
}
