import type { Writes } from './operation';

/** What became of the items of a run when it stopped on an error. */
export interface StopState {
	/** Every input item's index, in order. */
	items: number[];
	/** Items whose records (or deletes) were written. */
	written: Set<number>;
	/** Items that have an error item or were the stop. */
	failed: Set<number>;
}

/** Item indexes as ranges: "items 0–149, 151–199" (a single one: "item 7"). */
export function itemRanges(indexes: number[]): string {
	const sorted = [...indexes].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let start = 0; start < sorted.length; ) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		ranges.push(start === end ? `${sorted[start]}` : `${sorted[start]}–${sorted[end]}`);
		start = end + 1;
	}
	return `${sorted.length === 1 ? 'item' : 'items'} ${ranges.join(', ')}`;
}

const RERUN: Record<Writes<unknown>['rerun'], string> = {
	create:
		'Running the same items again with Create fails with "already exists" for the records already written: use Create or Update to run them again, or run only the items not written.',
	overwrite: 'Running the same items again is safe: the records already written get the same values again.',
	delete: 'Running the same items again is safe: the ones already deleted report "not found".',
};

const count = (number: number, one: string, many: string) => `${number} ${number === 1 ? one : many}`;

/**
 * The sentence a stop's error carries: how many records this run had
 * written (with their items), how many items were not sent, and whether
 * running the same items again is safe for this operation.
 */
export function stopReport(state: StopState, rerun: Writes<unknown>['rerun']): string {
	const written = state.items.filter((index) => state.written.has(index));
	const notSent = state.items.filter((index) => !state.written.has(index) && !state.failed.has(index));
	const parts = [
		written.length
			? `Before the node stopped, ${count(written.length, 'record', 'records')} of this run had been written (${itemRanges(written)}).`
			: 'Before the node stopped, no record of this run had been written.',
	];
	if (notSent.length) parts.push(`${count(notSent.length, 'item was', 'items were')} not sent (${itemRanges(notSent)}).`);
	if (written.length) parts.push(RERUN[rerun]);
	return parts.join(' ');
}
