import type { IDataObject } from 'n8n-workflow';

import { isCode } from './codes';
import { attributeText } from './flatten';
import type { RunSettings } from './settings';
import type { Exchanged, Transport, Wire } from './transport';
import type { Entry, Outcome } from './types';

/** What a batch's stages need besides its entries. */
export interface BatchTools {
	transport: Transport;
	settings: RunSettings;
}

/** The wire parts of a write or delete (see operations/operation.ts). */
export interface WriteWires {
	wire: Wire;
	/** Create or Update: how records that already exist are updated. */
	onExists?: Wire;
	/** Create: how records are read back to check a create that may have landed earlier. */
	readBack?: Wire;
}

/** Whether a stored record holds every attribute a record sent (values compared as text). */
function holds(stored: IDataObject, sent: IDataObject): boolean {
	return Object.entries(sent).every(([name, value]) => attributeText(stored, name) === String(value));
}

/**
 * A write retried after an attempt that may have landed (docs/profile-api.md#retries):
 * - "already exists" (7015) on a create: read the records back, in one request
 *   per batch, and call a record created only where the stored one holds what
 *   was sent; otherwise it existed before with other data and the item fails;
 * - "not found" (7014) on a delete: the earlier attempt removed it.
 */
export async function resolveUncertain(
	wires: WriteWires,
	entries: Entry[],
	exchanged: Exchanged[],
	tools: BatchTools,
): Promise<Outcome[]> {
	const outcomes = exchanged.map((item) => item.outcome);
	const failedWith = (code: '7014' | '7015') =>
		exchanged.flatMap((item, index) =>
			item.uncertain && item.outcome.type === 'failure' && isCode(item.outcome.failure.code, code) ? [index] : [],
		);
	// The earlier attempt did it: report it as that write's success.
	const applied = (index: number): Outcome => {
		const outcome = outcomes[index];
		return {
			type: 'results',
			results: [{ customerId: entries[index].record?.customerId ?? entries[index].id, code: '1000' }],
			queued: false,
			status: wires.wire.status,
			transid: outcome.type === 'failure' ? outcome.failure.transid : undefined,
		};
	};
	if (wires.wire.status === 'deleted') {
		for (const index of failedWith('7014')) outcomes[index] = applied(index);
	}
	const toCheck = wires.readBack ? failedWith('7015') : [];
	if (!wires.readBack || !toCheck.length) return outcomes;
	const read = await tools.transport.exchange(wires.readBack, toCheck.map((index) => entries[index]), false);
	toCheck.forEach((index, position) => {
		const { outcome } = read[position];
		const sent = entries[index].record?.Attributes ?? {};
		if (outcome.type === 'records' && outcome.records.some((record) => holds(record, sent))) {
			outcomes[index] = applied(index);
		}
	});
	return outcomes;
}

/** Create or Update: records the create found existing (7015) are updated, waiting for queued updates too. */
export async function updateExisting(
	wires: WriteWires,
	entries: Entry[],
	outcomes: Outcome[],
	tools: BatchTools,
): Promise<Outcome[]> {
	if (!wires.onExists) return outcomes;
	const existing = outcomes.flatMap((outcome, index) =>
		outcome.type === 'failure' && isCode(outcome.failure.code, '7015') ? [index] : [],
	);
	if (!existing.length) return outcomes;
	const updated = await tools.transport.exchange(wires.onExists, existing.map((index) => entries[index]), true);
	const result = [...outcomes];
	existing.forEach((index, position) => {
		result[index] = updated[position].outcome;
	});
	return result;
}

/**
 * A batch of an operation with one request shape: send (retries inside),
 * wait for queued writes when asked, settle writes that may have landed
 * earlier, and for Create or Update update the records that already exist.
 * Create or Update always waits: it must know which records exist.
 */
export async function runWrite(wires: WriteWires, entries: Entry[], tools: BatchTools): Promise<Outcome[]> {
	const wait = tools.settings.waitForCompletion || wires.onExists !== undefined;
	const exchanged = await tools.transport.exchange(wires.wire, entries, wait);
	const settled = await resolveUncertain(wires, entries, exchanged, tools);
	return await updateExisting(wires, entries, settled, tools);
}
