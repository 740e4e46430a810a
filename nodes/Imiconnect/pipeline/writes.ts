import type { IDataObject } from 'n8n-workflow';

import { isCode } from './codes';
import { attributeText } from './flatten';
import type { BatchContext, Operation, Writes } from './operation';
import { sendEntries } from './send-entries';
import type { ApiCall, Entry, Outcome } from './types';

/** A read: one request per batch, its records given to the entries that asked. */
export function readBatch<P>(call: ApiCall<P>) {
	return async (entries: Array<Entry<P>>, context: BatchContext): Promise<Outcome[]> =>
		await sendEntries(call, entries, context, false);
}

/** Whether a stored record holds every attribute a record sent (values compared as text). */
function holds(stored: IDataObject, sent: IDataObject): boolean {
	return Object.entries(sent).every(([name, value]) => attributeText(stored, name) === String(value));
}

const mayHaveAppliedWith = (outcome: Outcome, code: '7014' | '7015') =>
	outcome.type === 'failure' && outcome.failure.mayHaveApplied === true && isCode(outcome.failure.code, code);

/**
 * A write retried after an attempt that may have landed (docs/profile-api.md#retries):
 * - "not found" (7014) on a delete: the earlier attempt removed it;
 * - "already exists" (7015) on a create: read the records back, in one request
 *   per batch, and call a record created only where the stored one holds what
 *   was sent; otherwise it existed before with other data and the item fails.
 */
async function settleMayHaveApplied<P>(
	call: ApiCall<P>,
	readBack: ApiCall<P> | undefined,
	entries: Array<Entry<P>>,
	outcomes: Outcome[],
	context: BatchContext,
): Promise<Outcome[]> {
	const settled = [...outcomes];
	// The earlier attempt did it: report it as that write's success.
	const applied = (index: number): Outcome => {
		const outcome = outcomes[index];
		return {
			type: 'results',
			results: [{ customerId: entries[index].record?.customerId ?? entries[index].key.id, code: '1000' }],
			queued: false,
			status: call.status,
			transid: outcome.type === 'failure' ? outcome.failure.transid : undefined,
		};
	};
	const indexesWith = (code: '7014' | '7015') =>
		outcomes.flatMap((outcome, index) => (mayHaveAppliedWith(outcome, code) ? [index] : []));
	if (call.status === 'deleted') for (const index of indexesWith('7014')) settled[index] = applied(index);
	const toCheck = readBack ? indexesWith('7015') : [];
	if (!readBack || !toCheck.length) return settled;
	const read = await sendEntries(readBack, toCheck.map((index) => entries[index]), context, false);
	toCheck.forEach((index, position) => {
		const outcome = read[position];
		const sent = entries[index].record?.Attributes ?? {};
		if (outcome.type === 'records' && outcome.records.some((record) => holds(record, sent))) settled[index] = applied(index);
	});
	return settled;
}

/** The calls of a write or delete besides its own. */
export interface WriteCalls<P> {
	call: ApiCall<P>;
	/** Create or Update: how records the create found existing are updated. */
	onExists?: ApiCall<P>;
	/** Create: how records are read back to check a create that may have landed earlier. */
	readBack?: ApiCall<P>;
}

/**
 * A write or delete: send (retries inside), wait for queued writes when
 * asked, settle writes that may have landed earlier, and for Create or Update
 * update the records that already exist. Create or Update always waits: it
 * must know which records exist.
 */
export function writeBatch<P>({ call, onExists, readBack }: WriteCalls<P>) {
	return async (entries: Array<Entry<P>>, context: BatchContext): Promise<Outcome[]> => {
		const wait = context.settings.waitForCompletion || onExists !== undefined;
		const sent = await sendEntries(call, entries, context, wait);
		const settled = await settleMayHaveApplied(call, readBack, entries, sent, context);
		if (!onExists) return settled;
		const existing = settled.flatMap((outcome, index) =>
			outcome.type === 'failure' && isCode(outcome.failure.code, '7015') ? [index] : [],
		);
		if (!existing.length) return settled;
		const updated = await sendEntries(onExists, existing.map((index) => entries[index]), context, true);
		existing.forEach((index, position) => {
			settled[index] = updated[position];
		});
		return settled;
	};
}

/**
 * The running parts of a write or delete operation from its calls: runBatch,
 * and what Dry Run and the stop report use (the first request of a batch).
 */
export function writeOperation<P>(calls: WriteCalls<P>, rerun: Writes<P>['rerun']): Pick<Operation<P>, 'runBatch' | 'writes'> {
	return {
		runBatch: writeBatch(calls),
		writes: { plan: (entries) => [{ request: calls.call.request(entries), entries }], rerun },
	};
}

/** What one delete step did for an entry: deleted, nothing to delete, or the failure that stops the entry. */
export type DeleteResult = 'deleted' | 'not found' | Extract<Outcome, { type: 'failure' }>;

/**
 * A delete of Erase Everywhere (each app's, then the master's): sent and
 * waited for, a "not found" after an attempt that may have landed counted as
 * deleted, a plain "not found" as nothing to delete.
 */
export async function deleteStep<P>(call: ApiCall<P>, entries: Array<Entry<P>>, context: BatchContext): Promise<DeleteResult[]> {
	const sent = await sendEntries(call, entries, context, true);
	const settled = await settleMayHaveApplied(call, undefined, entries, sent, context);
	return settled.map((outcome) => {
		if (outcome.type !== 'failure') return 'deleted';
		return isCode(outcome.failure.code, '7014') ? 'not found' : outcome;
	});
}
