import { sleep } from 'n8n-workflow';

/** Time as the governor sees it: the process clock by default, a fake one in tests. */
export interface Clock {
	now(): number;
	/** Resolves after `ms`; rejects at once with the signal's reason when `signal` aborts first. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The reason an aborted signal gives, as an Error. */
export function abortReason(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	if (reason instanceof Error) return reason;
	const error = new Error(reason === undefined ? 'The operation was aborted' : String(reason));
	error.name = 'AbortError';
	return error;
}

/**
 * n8n-workflow's `sleep`, abortable on every version: 2.x clears its timer
 * when the signal aborts (its `sleep(ms, signal)`; it exports no
 * `sleepWithAbort`), 1.x ignores the signal, so the abort is also raced here.
 */
async function sleepAbortably(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) throw abortReason(signal);
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(abortReason(signal));
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms, signal), aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}

export const processClock: Clock = {
	now: () => Date.now(),
	sleep: sleepAbortably,
};
