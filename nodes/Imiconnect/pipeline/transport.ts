import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { mapAnswer, readEnvelope, type Answer, type AnswerShape } from './answers';
import { codeInfo } from './codes';
import { createLimiter } from './limiter';
import type { RunSettings } from './settings';
import type { ApiRequest, Entry, Outcome } from './types';

export const CREDENTIAL = 'imiconnectApi';

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;
const RECORD_RETRY_BASE_MS = 250;
const POLL_FIRST_MS = 250;
const POLL_CAP_MS = 5_000;

/** An answer, and whether an earlier attempt of its request may have been applied anyway. */
export interface Sent extends Answer {
	uncertain: boolean;
}

/** How one operation's records or IDs go out and how its answer reads. */
export interface Wire {
	answer: AnswerShape;
	/** What a success reports: created, updated, deleted. */
	status: string;
	request(entries: Entry[]): ApiRequest;
}

/** An entry's outcome, and whether a write of it may have landed on an attempt whose answer was lost. */
export interface Exchanged {
	outcome: Outcome;
	uncertain: boolean;
}

export interface Transport {
	/** One request, retried while the answer is worth another try. */
	send(request: ApiRequest): Promise<Sent>;
	/** Entries sent with `wire`, every answer read into one outcome per entry (see exchange()). */
	exchange(wire: Wire, entries: Entry[], waitForQueued: boolean): Promise<Exchanged[]>;
}

type HttpContext = IExecuteFunctions | IExecuteSingleFunctions;

/** What a failed attempt was: an answer, or none (a code and a message that cannot hold the key). */
type Attempt =
	| { statusCode: number; body: unknown; headers: Record<string, unknown> }
	| { noAnswer: 'NETWORK' | 'TIMEOUT'; reason: string };

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

/** Connection-level failures; undefined for errors that are not (a refused base URL), which are not retried. */
function noAnswer(error: unknown): Attempt | undefined {
	const code = errorCode(error);
	const message = String((error as Error)?.message ?? '');
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timeout/i.test(message)) {
		return { noAnswer: 'TIMEOUT', reason: 'no answer before the timeout' };
	}
	if (code || /socket hang up|network/i.test(message)) return { noAnswer: 'NETWORK', reason: code ?? 'no answer' };
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

/** The attempt as an answer: no answer and unreadable 5xx pages in the API's own error envelope. */
function answerOf(attempt: Attempt, hide: <T>(value: T) => T): Answer {
	if ('noAnswer' in attempt) {
		return { statusCode: 0, body: undefined, envelope: { kind: 'error', code: attempt.noAnswer, description: '' } };
	}
	const body = hide(attempt.body);
	const envelope = readEnvelope(body);
	if (attempt.statusCode >= 500 && envelope.kind === 'error' && envelope.code === 'MALFORMED') {
		return { statusCode: attempt.statusCode, body, envelope: { kind: 'error', code: 'HTTP_ERROR', description: '' } };
	}
	return { statusCode: attempt.statusCode, body, envelope };
}

/**
 * Whether an answer is worth another try, and whether the server may have
 * applied the request anyway (so a retried write must be checked). Rate limits
 * are refused before any work, so they are not uncertain.
 */
function judge(answer: Answer, method: string): { retry: boolean; uncertain: boolean } {
	const write = method !== 'GET';
	const code = answer.envelope.kind === 'error' ? answer.envelope.code : undefined;
	if (answer.statusCode === 429 || code === '7020') return { retry: true, uncertain: false };
	// An unreadable 4xx page (a wrong base URL, a proxy) will not change on a retry.
	if (code === 'MALFORMED' && answer.statusCode >= 400 && answer.statusCode < 500) {
		return { retry: false, uncertain: false };
	}
	if (answer.statusCode >= 500 || (code !== undefined && codeInfo(code).kind === 'retry')) {
		return { retry: true, uncertain: write };
	}
	return { retry: false, uncertain: false };
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
 * credential adds the base URL and the key), with every retry of the node.
 */
export function createTransport(
	ctx: HttpContext,
	settings: RunSettings,
	hide: <T>(value: T) => T,
	credentials: ICredentialDataDecryptedObject,
): Transport {
	const takeSlot = createLimiter(settings.maxRequestsPerSecond, settings.request.batching?.intervalMs);
	// The credential read once per run: without it n8n reads and decrypts it again for every request.
	const reference = ctx.getNode().credentials?.[CREDENTIAL];
	const credential: IAdditionalCredentialOptions = {
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL, data: credentials },
	};

	/** Rate limits, server faults and lost connections retried with exponential backoff and full jitter. */
	async function send(request: ApiRequest): Promise<Sent> {
		const options = httpOptions(request, settings);
		let uncertain = false;
		let waitedMs = 0;
		for (let attemptNumber = 0; ; attemptNumber++) {
			await takeSlot();
			let attempt: Attempt;
			try {
				attempt = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, { ...options }, credential);
			} catch (error) {
				const lost = noAnswer(error);
				// Only the message: the error object may carry the request, key included.
				if (!lost) throw new NodeOperationError(ctx.getNode(), hide(String((error as Error)?.message ?? error)));
				attempt = lost;
			}
			const answer = answerOf(attempt, hide);
			const verdict = judge(answer, request.method);
			uncertain = uncertain || verdict.uncertain;
			if (verdict.retry && attemptNumber < settings.maxRetries) {
				const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attemptNumber);
				const asked = 'headers' in attempt ? retryAfterMs(attempt.headers ?? {}) : undefined;
				const delay = asked ?? Math.random() * ceiling;
				if (waitedMs + delay <= settings.maxRetryWaitMs) {
					await sleep(delay);
					waitedMs += delay;
					continue;
				}
			}
			return { ...answer, uncertain };
		}
	}

	/** `GET /profile/status/{transid}` with backoff while it answers 7600; undefined if still queued at the deadline. */
	async function pollStatus(transid: string): Promise<Sent | undefined> {
		const deadline = Date.now() + settings.waitTimeoutMs;
		let delay = POLL_FIRST_MS;
		for (;;) {
			const answer = await send({ method: 'GET', url: `/profile/status/${encodeURIComponent(transid)}` });
			if (!(answer.envelope.kind === 'error' && answer.envelope.code === '7600')) return answer;
			const left = deadline - Date.now();
			if (left <= 0) return undefined;
			await sleep(Math.min(delay, left));
			delay = Math.min(POLL_CAP_MS, delay * 2);
		}
	}

	/** One request's answer as outcomes; queued ones replaced by their final ones when waiting. */
	async function outcomesOf(wire: Wire, entries: Entry[], wait: boolean): Promise<Array<Exchanged & { again: boolean }>> {
		const answer = await send(wire.request(entries));
		const outcomes = mapAnswer(wire.answer, wire.status, entries, answer).map((outcome) => ({
			outcome,
			uncertain: answer.uncertain,
			// A per-record temporary failure of an answered request (1002): only that record goes again.
			again: answer.envelope.kind === 'results' && isTemporary(outcome),
		}));
		const byTransid = new Map<string, number[]>();
		outcomes.forEach(({ outcome }, index) => {
			if (wait && outcome.type === 'results' && outcome.queued && outcome.transid) {
				byTransid.set(outcome.transid, [...(byTransid.get(outcome.transid) ?? []), index]);
			}
		});
		for (const [transid, indexes] of byTransid) {
			const status = await pollStatus(transid);
			if (!status) continue;
			const finals = mapAnswer('results', wire.status, indexes.map((index) => entries[index]), status);
			indexes.forEach((index, position) => {
				const final = finals[position];
				outcomes[index].outcome = final.type === 'results' ? { ...final, transid } : final;
				outcomes[index].again = status.envelope.kind === 'results' && isTemporary(final);
			});
		}
		return outcomes;
	}

	/**
	 * What happens to every record or ID sent: the request is retried as a
	 * whole by send(); records an answered request failed with a temporary code
	 * (7006, 7016, 7020 in a 1002) are sent again on their own, up to Max
	 * Retries rounds, and count as uncertain from then on (they may have landed).
	 */
	async function exchange(wire: Wire, entries: Entry[], wait: boolean): Promise<Exchanged[]> {
		const exchanged = await outcomesOf(wire, entries, wait);
		for (let round = 0; round < settings.maxRetries; round++) {
			const again = exchanged.flatMap((item, index) => (item.again ? [index] : []));
			if (!again.length) break;
			await sleep(Math.random() * RECORD_RETRY_BASE_MS * 2 ** round);
			const retried = await outcomesOf(wire, again.map((index) => entries[index]), wait);
			again.forEach((index, position) => {
				exchanged[index] = { ...retried[position], uncertain: true };
			});
		}
		return exchanged.map(({ outcome, uncertain }) => ({ outcome, uncertain }));
	}

	return { send, exchange };
}

function isTemporary(outcome: Outcome): boolean {
	return outcome.type === 'failure' && codeInfo(outcome.failure.code).kind === 'retry';
}

