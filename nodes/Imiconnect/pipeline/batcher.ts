import type { Entry } from './types';

export interface Batch {
	entries: Entry[];
	/** Earlier batches holding one of this batch's IDs: they must finish first. */
	after: number[];
	/** Bytes its entries add to the request (see Entry.size). */
	size: number;
}

export interface BatchLimits {
	/** Entries per request at most. */
	count: number;
	/** Bytes the entries of one request may add to its URL or body together. */
	bytes: number;
}

/**
 * Splits entries into requests: at most `limits.count` entries and
 * `limits.bytes` bytes each, one group (app ID, link level) per request, never
 * the same ID twice in one request, and entries that need a request alone,
 * alone. A repeated ID goes to a later batch that waits for the earlier one,
 * so writes of one ID keep the input order.
 */
export function makeBatches(entries: Entry[], limits: BatchLimits): Batch[] {
	const batches: Batch[] = [];
	const batchIds: Array<Set<string>> = [];
	const open = new Map<string, number[]>();
	const lastBatchOfId = new Map<string, number>();

	const place = (entry: Entry, index: number) => {
		const batch = batches[index];
		batch.entries.push(entry);
		batch.size += entry.size;
		batchIds[index].add(entry.id);
		const key = `${entry.group}\u0000${entry.id}`;
		const previous = lastBatchOfId.get(key);
		if (previous !== undefined && previous !== index && !batch.after.includes(previous)) {
			batch.after.push(previous);
		}
		lastBatchOfId.set(key, index);
	};
	const newBatch = () => {
		batches.push({ entries: [], after: [], size: 0 });
		batchIds.push(new Set());
		return batches.length - 1;
	};
	const fits = (index: number, entry: Entry) =>
		batches[index].entries.length < limits.count && batches[index].size + entry.size <= limits.bytes;

	for (const entry of entries) {
		if (entry.alone || limits.count <= 1) {
			place(entry, newBatch());
			continue;
		}
		const candidates = open.get(entry.group) ?? [];
		const previous = lastBatchOfId.get(`${entry.group}\u0000${entry.id}`) ?? -1;
		// Only batches after the last one holding this ID keep writes of one ID in order.
		let target = candidates.find(
			(index) => index > previous && !batchIds[index].has(entry.id) && fits(index, entry),
		);
		if (target === undefined) {
			target = newBatch();
			candidates.push(target);
			open.set(entry.group, candidates);
		}
		place(entry, target);
		if (batches[target].entries.length >= limits.count) {
			open.set(
				entry.group,
				candidates.filter((index) => index !== target),
			);
		}
	}
	return batches;
}
