import { sleep } from 'n8n-workflow';

import { mapAnswer, readEnvelope, type Outcome } from './answers';
import { isCode } from './codes';
import type { OperationSpec } from './operations';
import type { Sender } from './transport';
import type { ApiResponse, Unit } from './types';

export interface SettleSettings {
	/** Poll the status of queued writes until they are applied. */
	waitForCompletion: boolean;
	/** How long to poll one queued write, in ms. */
	waitTimeoutMs: number;
}

/** A unit's outcome together with the operation that produced it (create or update, for Create or Update). */
export interface Settled {
	outcome: Outcome;
	spec: OperationSpec;
}

const POLL_FIRST_MS = 250;
const POLL_CAP_MS = 5_000;

/**
 * Polls `/profile/status/{transid}` with backoff while it answers 7600 (not
 * applied yet). Undefined when the write is still queued at the deadline.
 */
async function pollStatus(
	send: Sender,
	transid: string,
	timeoutMs: number,
): Promise<ApiResponse | undefined> {
	const deadline = Date.now() + timeoutMs;
	let delay = POLL_FIRST_MS;
	for (;;) {
		const response = await send({ method: 'GET', url: `/profile/status/${encodeURIComponent(transid)}` });
		const envelope = readEnvelope(response.body, response.statusCode);
		if (!(envelope.kind === 'error' && envelope.code === '7600')) return response;
		const left = deadline - Date.now();
		if (left <= 0) return undefined;
		await sleep(Math.min(delay, left));
		delay = Math.min(POLL_CAP_MS, delay * 2);
	}
}

function isQueued(outcome: Outcome): boolean {
	return outcome.type === 'results' && outcome.queued;
}

/**
 * Turns the answer to one request into final outcomes: a retried write whose
 * first attempt may have landed counts "already exists" as created and "not
 * found" as deleted; queued writes are followed to their status when asked
 * (always for Create or Update, which must know what already exists); records
 * that already exist are updated for Create or Update.
 */
export async function settle(
	spec: OperationSpec,
	units: Unit[],
	response: ApiResponse,
	send: Sender,
	settings: SettleSettings,
): Promise<Settled[]> {
	let outcomes = mapAnswer(spec, units, response);

	const mustWait = settings.waitForCompletion || spec.onExists !== undefined;
	if (mustWait && outcomes.some(isQueued)) {
		const byTransid = new Map<string, number[]>();
		outcomes.forEach((outcome, index) => {
			if (outcome.type === 'results' && outcome.queued && outcome.transid) {
				byTransid.set(outcome.transid, [...(byTransid.get(outcome.transid) ?? []), index]);
			}
		});
		for (const [transid, indexes] of byTransid) {
			const status = await pollStatus(send, transid, settings.waitTimeoutMs);
			if (!status) continue;
			const finals = mapAnswer(
				spec,
				indexes.map((index) => units[index]),
				{ ...status, uncertain: response.uncertain },
			);
			indexes.forEach((unitIndex, position) => {
				const final = finals[position];
				outcomes[unitIndex] = final.type === 'results' ? { ...final, transid } : final;
			});
		}
	}

	if (response.uncertain) {
		outcomes = outcomes.map((outcome) => {
			if (outcome.type !== 'failure') return outcome;
			const landed =
				(spec.done === 'created' && isCode(outcome.failure.code, '7015')) ||
				(spec.done === 'deleted' && isCode(outcome.failure.code, '7014'));
			if (!landed) return outcome;
			return {
				type: 'results',
				results: [{ code: outcome.failure.code, description: 'applied by an earlier attempt' }],
				transid: outcome.failure.transid,
				queued: false,
			};
		});
	}

	const settled: Settled[] = outcomes.map((outcome) => ({ outcome, spec }));
	if (spec.onExists) {
		const existing = outcomes
			.map((outcome, index) => ({ outcome, index }))
			.filter(({ outcome }) => outcome.type === 'failure' && isCode(outcome.failure.code, '7015'));
		if (existing.length) {
			const update = spec.onExists;
			const updateUnits = existing.map(({ index }) => units[index]);
			const updated = await settle(update, updateUnits, await send(update.request(updateUnits)), send, settings);
			existing.forEach(({ index }, position) => {
				settled[index] = updated[position];
			});
		}
	}
	return settled;
}
