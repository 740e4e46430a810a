import { codeInfo } from './codes';

/**
 * The one place that says which answers are worth another try, and whether a
 * write may have been applied although its answer says it was not
 * (docs/profile-api.md#retries). The transport (whole requests) and the
 * per-record rounds after a 1002 (sendEntries) both ask here; how long to wait
 * is below too.
 */
export type Verdict = 'throttled' | 'transient' | 'final';

export interface Classified {
	verdict: Verdict;
	/** A write that may have landed: a retry of it must be checked (writes.ts settleMayHaveApplied). */
	mayHaveApplied: boolean;
}

const isWrite = (method: string) => method !== 'GET';

/** An answer to a whole request: its HTTP status and the code it carries (NETWORK, TIMEOUT: none came). */
export function classifyAnswer(statusCode: number, code: string | undefined, method: string): Classified {
	// The tenant's rate limit refuses a request before any work: never applied.
	if (statusCode === 429 || code === '7020') return { verdict: 'throttled', mayHaveApplied: false };
	// An unreadable 4xx page (a wrong base URL, a proxy) will not change on a retry.
	if (code === 'MALFORMED' && statusCode >= 400 && statusCode < 500) return { verdict: 'final', mayHaveApplied: false };
	// Server faults, lost connections and timeouts: the server may have done the work before failing.
	if (statusCode >= 500 || (code !== undefined && codeInfo(code).kind === 'transient')) {
		return { verdict: 'transient', mayHaveApplied: isWrite(method) };
	}
	return { verdict: 'final', mayHaveApplied: false };
}

/**
 * One record's code inside an answered batch (a 1002): throttled and transient
 * records go again on their own. A write retried that way counts as possibly
 * applied, whatever the code: the batch was worked on.
 */
export function classifyRecord(code: string, method: string): Classified {
	const kind = codeInfo(code).kind;
	const verdict: Verdict = kind === 'throttled' || kind === 'transient' ? kind : 'final';
	return { verdict, mayHaveApplied: verdict !== 'final' && isWrite(method) };
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;
const RECORD_RETRY_BASE_MS = 250;
const POLL_FIRST_MS = 250;
const POLL_CAP_MS = 5_000;

/** Before retry `attempt` (0 = the first retry) of a request: Retry-After when the server gave one, else full jitter. */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
	return retryAfterMs ?? Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

/** Before per-record round `round` (0 = the first) after a 1002. */
export function recordRetryDelayMs(round: number): number {
	return Math.random() * RECORD_RETRY_BASE_MS * 2 ** round;
}

/** Between two status polls of a queued write: 250 ms, doubling up to 5 s. */
export function nextPollDelayMs(previousMs?: number): number {
	return previousMs === undefined ? POLL_FIRST_MS : Math.min(POLL_CAP_MS, previousMs * 2);
}
