import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBody, type Answer, type AnswerBody } from './answers';
import type { RunPace } from './governor';
import { classifyAnswer, retryDelayMs } from './retry-rules';
import type { RunSettings } from './settings';
import type { ApiRequest } from './types';

export const CREDENTIAL = 'imiconnectApi';

export interface Transport {
	/** One request, retried while retry-rules.ts says the answer is worth another try. */
	send(request: ApiRequest): Promise<Answer>;
}

type HttpContext = IExecuteFunctions | IExecuteSingleFunctions;

/** n8n's full response, as the request helper gives it with returnFullResponse. */
interface HttpResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
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

/** A connection-level failure as the code of an answer that never came; undefined for other errors (not retried). */
function lostAnswerCode(error: unknown): 'NETWORK' | 'TIMEOUT' | undefined {
	const code = errorCode(error);
	const message = String((error as Error)?.message ?? '');
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timeout/i.test(message)) {
		return 'TIMEOUT';
	}
	if (code || /socket hang up|network/i.test(message)) return 'NETWORK';
	return undefined;
}

function retryAfterMs(headers: Record<string, unknown> | undefined): number | undefined {
	const value = headers?.['retry-after'];
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** What the body says; an unreadable 5xx page reads as the server error it is. */
function bodyOf(response: HttpResponse, raw: unknown): AnswerBody {
	const body = readBody(raw);
	if (response.statusCode >= 500 && body.kind === 'error' && body.code === 'MALFORMED') {
		return { kind: 'error', code: 'HTTP_ERROR', description: '' };
	}
	return body;
}

/** n8n's request options for one request: the node's timeout and n8n's Request Options (proxy, SSL). */
function httpOptions(request: ApiRequest, settings: RunSettings): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		body: request.body,
		// Every request, GET and DELETE too (docs/profile-api.md#hosts).
		headers: { accept: 'application/json', 'content-type': 'application/json' },
		json: true,
		arrayFormat: 'repeat',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: settings.timeoutMs,
	};
	if (settings.request.proxy) options.proxy = settings.request.proxy;
	if (settings.request.skipSslCertificateValidation) options.skipSslCertificateValidation = true;
	return options;
}

/**
 * The node's one way to the API: n8n's authenticated request helper (the
 * credential adds the base URL and the key). Every answer is read here, once,
 * and every retry of a whole request happens here.
 */
export function createTransport(
	ctx: HttpContext,
	settings: RunSettings,
	hide: <T>(value: T) => T,
	credentials: ICredentialDataDecryptedObject,
	/** The tenant's governor, as this run joined it: every attempt starts through it. */
	pace: RunPace,
	/** n8n's Stop: ends a wait for the governor or a backoff at once. */
	wait: (ms: number) => Promise<void>,
	signal: AbortSignal | undefined,
): Transport {
	// The credential read once per run: without it n8n reads and decrypts it again for every request.
	const reference = ctx.getNode().credentials?.[CREDENTIAL];
	const credential: IAdditionalCredentialOptions = {
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL, data: credentials },
	};

	/** One attempt: its answer and the server's Retry-After, if any. */
	async function attempt(options: IHttpRequestOptions): Promise<{ answer: Answer; retryAfter?: number }> {
		const start = await pace.start(signal);
		const startedAt = Date.now();
		let response: HttpResponse;
		try {
			response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, { ...options }, credential);
		} catch (error) {
			const code = lostAnswerCode(error);
			// Only the message: the error object may carry the request, key included.
			if (!code) throw new NodeOperationError(ctx.getNode(), hide(String((error as Error)?.message ?? error)));
			return { answer: { statusCode: 0, body: { kind: 'error', code, description: '' }, raw: undefined, mayHaveApplied: false } };
		}
		const raw = hide(response.body);
		const answer: Answer = { statusCode: response.statusCode, body: bodyOf(response, raw), raw, mayHaveApplied: false };
		// What the tenant said teaches every run against it (a lost connection says nothing either way).
		const code = answer.body.kind === 'error' ? answer.body.code : undefined;
		const throttled = classifyAnswer(answer.statusCode, code, options.method ?? 'GET').verdict === 'throttled';
		pace.answered({ throttled, ms: Date.now() - startedAt, start });
		return { answer, retryAfter: retryAfterMs(response.headers) };
	}

	async function send(request: ApiRequest): Promise<Answer> {
		const options = httpOptions(request, settings);
		let mayHaveApplied = false;
		let waitedMs = 0;
		for (let retry = 0; ; retry++) {
			const { answer, retryAfter } = await attempt(options);
			const code = answer.body.kind === 'error' ? answer.body.code : undefined;
			const { verdict, mayHaveApplied: thisMay } = classifyAnswer(answer.statusCode, code, request.method);
			mayHaveApplied = mayHaveApplied || thisMay;
			if (verdict !== 'final' && retry < settings.maxRetries) {
				const delay = retryDelayMs(retry, retryAfter);
				if (waitedMs + delay <= settings.maxRetryWaitMs) {
					await wait(delay);
					waitedMs += delay;
					continue;
				}
			}
			return { ...answer, mayHaveApplied };
		}
	}

	return { send };
}
