import type { Unit } from './types';

export interface Batch {
	units: Unit[];
	/** Earlier batches holding one of this batch's IDs: they must finish first. */
	after: number[];
}

/**
 * Splits units into requests: at most `size` units each, one group (app ID,
 * link level) per request, never the same ID twice in one request, and units
 * that cannot share a request alone. A repeated ID goes to a later batch that
 * waits for the earlier one, so writes of one ID keep the input order.
 */
export function makeBatches(units: Unit[], size: number): Batch[] {
	const batches: Batch[] = [];
	const batchIds: Array<Set<string>> = [];
	const open = new Map<string, number[]>();
	const lastBatchOfId = new Map<string, number>();

	const place = (unit: Unit, index: number) => {
		batches[index].units.push(unit);
		batchIds[index].add(unit.id);
		const key = `${unit.group}\u0000${unit.id}`;
		const previous = lastBatchOfId.get(key);
		if (previous !== undefined && previous !== index && !batches[index].after.includes(previous)) {
			batches[index].after.push(previous);
		}
		lastBatchOfId.set(key, index);
	};
	const newBatch = () => {
		batches.push({ units: [], after: [] });
		batchIds.push(new Set());
		return batches.length - 1;
	};

	for (const unit of units) {
		if (!unit.batchable || size <= 1) {
			place(unit, newBatch());
			continue;
		}
		const candidates = open.get(unit.group) ?? [];
		const key = `${unit.group}\u0000${unit.id}`;
		const previous = lastBatchOfId.get(key) ?? -1;
		// Only batches after the last one holding this ID keep writes of one ID in order.
		let target = candidates.find((index) => index > previous && !batchIds[index].has(unit.id));
		if (target === undefined) {
			target = newBatch();
			candidates.push(target);
			open.set(unit.group, candidates);
		}
		place(unit, target);
		if (batches[target].units.length >= size) {
			open.set(
				unit.group,
				candidates.filter((index) => index !== target),
			);
		}
	}
	return batches;
}
