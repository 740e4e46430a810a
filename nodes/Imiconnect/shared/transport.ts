import type { IExecuteFunctions, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { codeInfo } from './codes';
import { readEnvelope } from './answers';
import type { ApiRequest, ApiResponse } from './types';

export const CREDENTIAL = 'imiconnectApi';

export interface TransportSettings {
	/** Attempts after the first one, for answers worth retrying. */
	maxRetries: number;
	/** Upper bound of all retry waits of one request together, in ms. */
	maxRetryWaitMs: number;
	/** Per-attempt timeout, in ms. */
	timeoutMs: number;
	/** Requests started per second at most (0 = no limit); retries and status polls count too. */
	maxRequestsPerSecond: number;
}

export const DEFAULT_TRANSPORT: TransportSettings = {
	maxRetries: 4,
	maxRetryWaitMs: 60_000,
	timeoutMs: 30_000,
	maxRequestsPerSecond: 0,
};

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;

export type Sender = (request: ApiRequest) => Promise<ApiResponse>;

type HttpContext = IExecuteFunctions | IExecuteSingleFunctions;

/** What a failed attempt was, for retry decisions; never holds request headers. */
interface Attempt {
	response?: { statusCode: number; body: unknown; headers: Record<string, unknown> };
	/** Our code for a request that got no answer. */
	noAnswer?: { code: 'NETWORK' | 'TIMEOUT'; description: string };
}

function errorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

/**
 * Connection-level failures as a code and a message that cannot hold the
 * profile key; undefined for errors that are not about the connection (a
 * credential that refuses its base URL, say), which must not be retried.
 */
function describeNoAnswer(error: unknown): Attempt['noAnswer'] {
	const code = errorCode(error);
	const message = String((error as Error)?.message ?? '');
	const timedOut =
		code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timeout/i.test(message);
	if (timedOut) return { code: 'TIMEOUT', description: 'No answer before the timeout' };
	if (code || /socket hang up|network/i.test(message)) {
		return { code: 'NETWORK', description: `Connection failed (${code ?? 'no answer'})` };
	}
	return undefined;
}

function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	const value = headers['retry-after'];
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Whether an attempt is worth another try, and whether the server may have
 * applied it anyway (so a retried write must not count "already exists" as a
 * failure). Rate limits are refused before any work, so they are not uncertain.
 */
function judge(attempt: Attempt, method: string): { retry: boolean; uncertain: boolean } {
	const write = method !== 'GET';
	if (attempt.noAnswer) return { retry: true, uncertain: write };
	const { statusCode, body } = attempt.response!;
	const envelope = readEnvelope(body, statusCode);
	const code = envelope.kind === 'error' ? envelope.code : undefined;
	if (statusCode === 429 || code === '7020') return { retry: true, uncertain: false };
	// An unreadable 4xx page (a wrong base URL, a proxy) will not change on a retry.
	if (code === 'MALFORMED' && statusCode >= 400 && statusCode < 500) return { retry: false, uncertain: false };
	if (statusCode >= 500 || (code !== undefined && codeInfo(code).kind === 'retry')) {
		return { retry: true, uncertain: write };
	}
	return { retry: false, uncertain: false };
}

/**
 * Whether an answer got outside this transport (by n8n's routing) is worth a
 * retry, and whether its write may have been applied anyway.
 */
export function judgeAnswer(
	statusCode: number,
	body: unknown,
	method: string,
): { retry: boolean; uncertain: boolean } {
	return judge({ response: { statusCode, body, headers: {} } }, method);
}

/** The answer of an attempt that got none, in the API's own error envelope. */
function syntheticAnswer(attempt: Attempt): { statusCode: number; body: unknown } {
	if (attempt.response) {
		const { statusCode, body } = attempt.response;
		if (statusCode >= 500 && readEnvelope(body, statusCode).kind !== 'error') {
			return { statusCode, body: { response: { code: 'HTTP_ERROR', description: `HTTP ${statusCode}` } } };
		}
		return { statusCode, body };
	}
	const { code, description } = attempt.noAnswer!;
	return { statusCode: 0, body: { response: { code, description } } };
}

/**
 * Sends one request through n8n's authenticated request helper (the
 * credential adds the base URL and the key), retrying rate limits, server
 * faults and lost connections with exponential backoff and full jitter.
 */
export function createSender(ctx: HttpContext, settings: TransportSettings): Sender {
	const interval = settings.maxRequestsPerSecond > 0 ? 1000 / settings.maxRequestsPerSecond : 0;
	let nextStart = 0;
	/** Spaces request starts evenly; concurrent callers each take the next free slot. */
	const takeSlot = async () => {
		if (!interval) return;
		const now = Date.now();
		const start = Math.max(now, nextStart);
		nextStart = start + interval;
		if (start > now) await sleep(start - now);
	};
	return async (request) => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			qs: request.qs,
			body: request.body,
			json: true,
			arrayFormat: 'repeat',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: settings.timeoutMs,
		};
		let uncertain = false;
		let waitedMs = 0;
		for (let attemptNumber = 0; ; attemptNumber++) {
			const attempt: Attempt = {};
			await takeSlot();
			try {
				attempt.response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, {
					...options,
				});
			} catch (error) {
				attempt.noAnswer = describeNoAnswer(error);
				if (!attempt.noAnswer) {
					// Only the message: the error object may carry the request, key included.
					throw new NodeOperationError(ctx.getNode(), String((error as Error)?.message ?? error));
				}
			}
			const verdict = judge(attempt, request.method);
			uncertain = uncertain || verdict.uncertain;
			if (verdict.retry && attemptNumber < settings.maxRetries) {
				const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attemptNumber);
				const asked = attempt.response ? retryAfterMs(attempt.response.headers ?? {}) : undefined;
				const delay = asked ?? Math.random() * ceiling;
				if (waitedMs + delay <= settings.maxRetryWaitMs) {
					await sleep(delay);
					waitedMs += delay;
					continue;
				}
			}
			return { ...syntheticAnswer(attempt), uncertain };
		}
	};
}
