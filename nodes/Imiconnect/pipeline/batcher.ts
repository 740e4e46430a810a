import type { Entry, LoadPart } from './types';

/**
 * Bytes the entries of one request may add to its query, or to its body
 * (docs/profile-api.md#limits): the query budget leaves room for the host,
 * the path and an app ID within 8 000 bytes of URL.
 */
export const BYTE_BUDGET: Record<LoadPart, number> = { query: 7_000, body: 5_000_000 };

/** A query value as n8n's request helper encodes it (qs also encodes ! ' ( ) *). */
export function queryEncoded(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface Batch {
	entries: Entry[];
	/** Earlier batches holding one of this batch's keys: they must finish first. */
	after: number[];
	/** Bytes its entries add to the request (see Entry.load). */
	bytes: number;
}

export interface BatchLimits {
	/** Entries per request at most. */
	count: number;
	/** Entries with equal parameters all share one request, repeated keys too (Get Write Status). */
	oneRequestPerGroup?: boolean;
}

/** The batching group of an entry: its parameters, as stable JSON (keys sorted). */
export function groupOf(entry: Entry): string {
	const stable = (value: unknown): unknown => {
		if (value === null || typeof value !== 'object') return value;
		if (Array.isArray(value)) return value.map(stable);
		const object = value as Record<string, unknown>;
		return Object.fromEntries(Object.keys(object).sort().map((name) => [name, stable(object[name])]));
	};
	return JSON.stringify(stable(entry.params));
}

/**
 * Splits entries into requests: at most `limits.count` entries and the byte
 * budget of their part each, one group (equal parameters: app ID, link level)
 * per request, never the same key twice in one request, and entries that need
 * a request alone, alone. A repeated key goes to a later batch that waits for
 * the earlier one, so writes of one ID keep the input order.
 */
export function makeBatches(entries: Entry[], limits: BatchLimits): Batch[] {
	if (limits.oneRequestPerGroup) return oneBatchPerGroup(entries);
	const batches: Batch[] = [];
	const batchIds: Array<Set<string>> = [];
	const open = new Map<string, number[]>();
	const lastBatchOfId = new Map<string, number>();

	const place = (entry: Entry, index: number, group = groupOf(entry)) => {
		const batch = batches[index];
		batch.entries.push(entry);
		batch.bytes += entry.load.bytes;
		batchIds[index].add(entry.key.id);
		const key = `${group}\u0000${entry.key.id}`;
		const previous = lastBatchOfId.get(key);
		if (previous !== undefined && previous !== index && !batch.after.includes(previous)) {
			batch.after.push(previous);
		}
		lastBatchOfId.set(key, index);
	};
	const newBatch = () => {
		batches.push({ entries: [], after: [], bytes: 0 });
		batchIds.push(new Set());
		return batches.length - 1;
	};
	const fits = (index: number, entry: Entry) =>
		batches[index].entries.length < limits.count && batches[index].bytes + entry.load.bytes <= BYTE_BUDGET[entry.load.part];

	for (const entry of entries) {
		if (entry.alone || limits.count <= 1) {
			place(entry, newBatch());
			continue;
		}
		const group = groupOf(entry);
		const candidates = open.get(group) ?? [];
		const previous = lastBatchOfId.get(`${group}\u0000${entry.key.id}`) ?? -1;
		// Only batches after the last one holding this ID keep writes of one ID in order.
		let target = candidates.find(
			(index) => index > previous && !batchIds[index].has(entry.key.id) && fits(index, entry),
		);
		if (target === undefined) {
			target = newBatch();
			candidates.push(target);
			open.set(group, candidates);
		}
		place(entry, target, group);
		if (batches[target].entries.length >= limits.count) {
			open.set(
				group,
				candidates.filter((index) => index !== target),
			);
		}
	}
	return batches;
}

function oneBatchPerGroup(entries: Entry[]): Batch[] {
	const byGroup = new Map<string, Batch>();
	for (const entry of entries) {
		const group = groupOf(entry);
		const batch = byGroup.get(group) ?? { entries: [], after: [], bytes: 0 };
		batch.entries.push(entry);
		byGroup.set(group, batch);
	}
	return [...byGroup.values()];
}
