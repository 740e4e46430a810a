import { sleep } from 'n8n-workflow';

import { mapAnswer, readEnvelope, type Outcome } from './answers';
import { codeInfo, isCode } from './codes';
import type { OperationSpec } from './operations';
import type { Sender } from './transport';
import type { ApiResponse, Unit } from './types';

export interface SettleSettings {
	/** Poll the status of queued writes until they are applied. */
	waitForCompletion: boolean;
	/** How long to poll one queued write, in ms. */
	waitTimeoutMs: number;
	/** Retries of records a partial success failed with a temporary code. */
	maxRetries: number;
}

/** A unit's outcome together with the operation that produced it (create or update, for Create or Update). */
export interface Settled {
	outcome: Outcome;
	spec: OperationSpec;
}

const POLL_FIRST_MS = 250;
const POLL_CAP_MS = 5_000;
const RECORD_RETRY_BASE_MS = 250;

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

/** Replaces queued outcomes by their final ones, polling each transid once per batch. */
async function followQueued(
	spec: OperationSpec,
	units: Unit[],
	outcomes: Outcome[],
	response: ApiResponse,
	send: Sender,
	timeoutMs: number,
): Promise<void> {
	const byTransid = new Map<string, number[]>();
	outcomes.forEach((outcome, index) => {
		if (outcome.type === 'results' && outcome.queued && outcome.transid) {
			byTransid.set(outcome.transid, [...(byTransid.get(outcome.transid) ?? []), index]);
		}
	});
	for (const [transid, indexes] of byTransid) {
		const status = await pollStatus(send, transid, timeoutMs);
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

/**
 * A write retried after an attempt that may have landed: "already exists"
 * means our create did, "not found" means our delete did. Create or Update
 * keeps "already exists" and updates: the same attributes again are harmless.
 */
function landedEarlier(spec: OperationSpec, outcome: Outcome): Outcome {
	if (outcome.type !== 'failure') return outcome;
	const landed =
		(spec.done === 'created' && !spec.onExists && isCode(outcome.failure.code, '7015')) ||
		(spec.done === 'deleted' && isCode(outcome.failure.code, '7014'));
	if (!landed) return outcome;
	return {
		type: 'results',
		results: [{ code: outcome.failure.code, description: 'applied by an earlier attempt' }],
		transid: outcome.failure.transid,
		queued: false,
	};
}

/** One answer read into outcomes: queued writes followed when asked, earlier attempts accounted for. */
async function settleAnswer(
	spec: OperationSpec,
	units: Unit[],
	response: ApiResponse,
	send: Sender,
	settings: SettleSettings,
): Promise<Outcome[]> {
	const outcomes = mapAnswer(spec, units, response);
	// Create or Update must know what already exists, so it always waits.
	if ((settings.waitForCompletion || spec.onExists) && outcomes.some((o) => o.type === 'results' && o.queued)) {
		await followQueued(spec, units, outcomes, response, send, settings.waitTimeoutMs);
	}
	return response.uncertain ? outcomes.map((outcome) => landedEarlier(spec, outcome)) : outcomes;
}

function isTemporaryRecordFailure(outcome: Outcome): boolean {
	return (
		outcome.type === 'failure' &&
		outcome.failure.perRecord === true &&
		codeInfo(outcome.failure.code).kind === 'retry'
	);
}

/**
 * Turns the answer to one request into final outcomes: records a partial
 * success failed with a temporary code (7006, 7016, 7020) are sent again on
 * their own, and for Create or Update the records that already exist are
 * updated. The transport has already retried whole requests.
 */
export async function settle(
	spec: OperationSpec,
	units: Unit[],
	response: ApiResponse,
	send: Sender,
	settings: SettleSettings,
): Promise<Settled[]> {
	const outcomes = await settleAnswer(spec, units, response, send, settings);

	for (let round = 0; round < settings.maxRetries; round++) {
		const again = outcomes.flatMap((outcome, index) => (isTemporaryRecordFailure(outcome) ? [index] : []));
		if (!again.length) break;
		await sleep(Math.random() * RECORD_RETRY_BASE_MS * 2 ** round);
		const retryUnits = again.map((index) => units[index]);
		const retried = await send(spec.request(retryUnits));
		// The failed records may have been applied in part: read the retry as uncertain.
		const finals = await settleAnswer(spec, retryUnits, { ...retried, uncertain: true }, send, settings);
		again.forEach((unitIndex, position) => {
			outcomes[unitIndex] = finals[position];
		});
	}

	const settled: Settled[] = outcomes.map((outcome) => ({ outcome, spec }));
	if (spec.onExists) {
		const existing = outcomes.flatMap((outcome, index) =>
			outcome.type === 'failure' && isCode(outcome.failure.code, '7015') ? [index] : [],
		);
		if (existing.length) {
			const update = spec.onExists;
			const updateUnits = existing.map((index) => units[index]);
			const updated = await settle(update, updateUnits, await send(update.request(updateUnits)), send, settings);
			existing.forEach((index, position) => {
				settled[index] = updated[position];
			});
		}
	}
	return settled;
}
