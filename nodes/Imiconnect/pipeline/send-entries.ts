import { mapAnswer, type Answer } from './answers';
import { isCode } from './codes';
import type { BatchContext } from './operation';
import { classifyRecord, nextPollDelayMs, recordRetryDelayMs } from './retry-rules';
import type { ApiCall, ApiRequest, Entry, Outcome } from './types';

/** The request for a queued write's status: `GET /profile/status/{transid}` (docs/profile-api.md#queued). */
export function statusRequest(transid: string): ApiRequest {
	return { method: 'GET', url: `/profile/status/${encodeURIComponent(transid)}` };
}

/** Polls a queued write's status with backoff while it answers 7600; undefined if still queued at the deadline. */
async function pollStatus(transid: string, context: BatchContext): Promise<Answer | undefined> {
	const deadline = Date.now() + context.settings.waitTimeoutMs;
	let delay: number | undefined;
	for (;;) {
		const answer = await context.transport.send(statusRequest(transid));
		if (!(answer.body.kind === 'error' && isCode(answer.body.code, '7600'))) return answer;
		const left = deadline - Date.now();
		if (left <= 0) return undefined;
		delay = nextPollDelayMs(delay);
		await context.wait(Math.min(delay, left));
	}
}

/** An entry's outcome, and whether a round of its own may fix it (a 7006 or 7020 of one record in a 1002). */
interface Sent {
	outcome: Outcome;
	again: boolean;
	mayHaveApplied: boolean;
}

function sentOf(outcome: Outcome, answer: Answer, method: string): Sent {
	if (answer.body.kind !== 'results' || outcome.type !== 'failure') return { outcome, again: false, mayHaveApplied: false };
	const { verdict, mayHaveApplied } = classifyRecord(outcome.failure.code, method);
	return { outcome, again: verdict !== 'final', mayHaveApplied };
}

/** One request for `entries`; with `wait`, queued outcomes replaced by their final ones. */
async function sendOnce<P>(
	call: ApiCall<P>,
	entries: Array<Entry<P>>,
	context: BatchContext,
	wait: boolean,
): Promise<Sent[]> {
	const request = call.request(entries);
	const answer = await context.transport.send(request);
	const sent = mapAnswer(call, entries, answer).map((outcome) => sentOf(outcome, answer, request.method));
	const byTransid = new Map<string, number[]>();
	sent.forEach(({ outcome }, index) => {
		if (wait && outcome.type === 'results' && outcome.queued && outcome.transid) {
			byTransid.set(outcome.transid, [...(byTransid.get(outcome.transid) ?? []), index]);
		}
	});
	for (const [transid, indexes] of byTransid) {
		const status = await pollStatus(transid, context);
		if (!status) continue;
		const finals = mapAnswer({ answer: 'results', status: call.status }, indexes.map((index) => entries[index]), status);
		indexes.forEach((index, position) => {
			const final = finals[position];
			sent[index] = sentOf(final.type === 'results' ? { ...final, transid } : final, status, request.method);
		});
	}
	return sent;
}

/**
 * What becomes of every entry sent with `call`: the request is retried as a
 * whole by the transport; records an answered request failed with a code
 * worth another try (7006, 7016, 7020 inside a 1002) are sent again, only
 * they, up to Max Retries rounds, and count as possibly applied from then on.
 */
export async function sendEntries<P>(call: ApiCall<P>, entries: Array<Entry<P>>, context: BatchContext, wait: boolean): Promise<Outcome[]> {
	const sent = await sendOnce(call, entries, context, wait);
	for (let round = 0; round < context.settings.maxRetries; round++) {
		const again = sent.flatMap((item, index) => (item.again ? [index] : []));
		if (!again.length) break;
		await context.wait(recordRetryDelayMs(round));
		const retried = await sendOnce(call, again.map((index) => entries[index]), context, wait);
		again.forEach((index, position) => {
			const retry = retried[position];
			sent[index] = { ...retry, mayHaveApplied: sent[index].mayHaveApplied || retry.mayHaveApplied };
		});
	}
	return sent.map(({ outcome, mayHaveApplied }) =>
		mayHaveApplied && outcome.type === 'failure' ? { ...outcome, failure: { ...outcome.failure, mayHaveApplied } } : outcome,
	);
}
