import { makeBatches, type Batch } from '../../nodes/Imiconnect/pipeline/batcher';
import type { Entry } from '../../nodes/Imiconnect/pipeline/types';
import { idEntry } from '../../nodes/Imiconnect/operations/entries';
import { URL_BUDGET } from '../../nodes/Imiconnect/operations/operation';
import { entry } from './fakes';

/** Entries for the IDs, in input order (item index = position). */
function entries(ids: string[], more: (index: number) => Partial<Entry> = () => ({})): Entry[] {
	return ids.map((id, index) => entry(id, { itemIndex: index, ...more(index) }));
}

/** Each batch as its item indexes, its `after` list and its size. */
function shape(batches: Batch[]) {
	return batches.map((batch) => ({ items: batch.entries.map((e) => e.itemIndex), after: batch.after, size: batch.size }));
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);
const big = { count: 100, bytes: 1_000_000 };

describe('makeBatches', () => {
	it('returns no batch for no entries', () => {
		expect(makeBatches([], big)).toEqual([]);
	});

	it('puts at most `count` entries in a batch, in input order', () => {
		const ids = range(0, 250).map((index) => `c-${index}`);
		expect(shape(makeBatches(entries(ids), big))).toEqual([
			{ items: range(0, 100), after: [], size: 100 },
			{ items: range(100, 200), after: [], size: 100 },
			{ items: range(200, 250), after: [], size: 50 },
		]);
	});

	it('fills a batch up to the byte budget exactly, and starts a new one past it', () => {
		const batches = makeBatches(entries(['a', 'b', 'c', 'd', 'e', 'f', 'g'], () => ({ size: 30 })), { count: 100, bytes: 90 });
		expect(shape(batches)).toEqual([
			{ items: [0, 1, 2], after: [], size: 90 },
			{ items: [3, 4, 5], after: [], size: 90 },
			{ items: [6], after: [], size: 30 },
		]);
	});

	it('lets a smaller later entry fill the room a bigger one left', () => {
		const sizes = [60, 50, 40, 10];
		const batches = makeBatches(entries(['a', 'b', 'c', 'd'], (index) => ({ size: sizes[index] })), { count: 100, bytes: 100 });
		expect(shape(batches)).toEqual([
			{ items: [0, 2], after: [], size: 100 },
			{ items: [1, 3], after: [], size: 60 },
		]);
	});

	it('gives an entry larger than the budget a batch of its own (the batcher does not refuse it)', () => {
		const batches = makeBatches(entries(['a', 'b'], () => ({ size: 50 })), { count: 100, bytes: 40 });
		expect(shape(batches)).toEqual([
			{ items: [0], after: [], size: 50 },
			{ items: [1], after: [], size: 50 },
		]);
	});

	it("splits a batch when the IDs' URL bytes would pass the budget", () => {
		// `customerId=` + 988 characters + `&` = 1 000 bytes: seven fit in URL_BUDGET (7 000), the eighth does not.
		const list = range(0, 9).map((index) => idEntry(index, `${index}`.padEnd(988, 'x'), 'customer ID', ''));
		expect(list.map((e) => e.size)).toEqual(Array(9).fill(1000));
		expect(shape(makeBatches(list, { count: 100, bytes: URL_BUDGET }))).toEqual([
			{ items: range(0, 7), after: [], size: 7000 },
			{ items: [7, 8], after: [], size: 2000 },
		]);
	});

	it('splits on percent-encoded bytes, not characters', () => {
		// 'é' encodes as %C3%A9: 12 + 6 × 500 = 3 012 bytes each, so only two fit in 7 000.
		const list = range(0, 3).map((index) => idEntry(index, `${index}${'é'.repeat(500)}`, 'customer ID', ''));
		expect(list.map((e) => e.size)).toEqual([3013, 3013, 3013]);
		expect(shape(makeBatches(list, { count: 100, bytes: URL_BUDGET }))).toEqual([
			{ items: [0, 1], after: [], size: 6026 },
			{ items: [2], after: [], size: 3013 },
		]);
	});

	it('never mixes groups (app IDs, link levels) in one batch', () => {
		const groups = ['app1', 'app2', 'app1', 'app3', 'app2', 'app1'];
		const batches = makeBatches(entries(['a', 'b', 'c', 'd', 'e', 'f'], (index) => ({ group: groups[index] })), big);
		expect(shape(batches).map((batch) => batch.items)).toEqual([[0, 2, 5], [1, 4], [3]]);
		expect(batches.map((batch) => batch.entries.map((e) => e.group))).toEqual([
			['app1', 'app1', 'app1'],
			['app2', 'app2'],
			['app3'],
		]);
	});

	it('counts the count limit per group', () => {
		const batches = makeBatches(entries(['a', 'b', 'c', 'd', 'e'], (index) => ({ group: index % 2 ? 'g1' : 'g0' })), {
			count: 2,
			bytes: 1000,
		});
		expect(shape(batches).map((batch) => batch.items)).toEqual([[0, 2], [1, 3], [4]]);
	});

	it('gives each entry that must be alone a batch of its own, while the others keep filling theirs', () => {
		const alone = [false, true, false, true, false];
		const batches = makeBatches(entries(['a', 'b', 'c', 'd', 'e'], (index) => ({ alone: alone[index] })), big);
		expect(shape(batches)).toEqual([
			{ items: [0, 2, 4], after: [], size: 3 },
			{ items: [1], after: [], size: 1 },
			{ items: [3], after: [], size: 1 },
		]);
	});

	it('makes every entry alone when the count limit is 1', () => {
		const batches = makeBatches(entries(['a', 'b', 'a']), { count: 1, bytes: 1000 });
		expect(shape(batches)).toEqual([
			{ items: [0], after: [], size: 1 },
			{ items: [1], after: [], size: 1 },
			{ items: [2], after: [0], size: 1 },
		]);
	});

	it('never puts the same customer ID twice in one request; the repeat goes to a later batch that waits for the earlier one', () => {
		const batches = makeBatches(entries(['A', 'B', 'A', 'C', 'A', 'B']), big);
		expect(shape(batches)).toEqual([
			{ items: [0, 1, 3], after: [], size: 3 },
			{ items: [2, 5], after: [0], size: 2 },
			{ items: [4], after: [1], size: 1 },
		]);
		for (const batch of batches) {
			const ids = batch.entries.map((e) => e.id);
			expect(new Set(ids).size).toBe(ids.length);
		}
	});

	it('lists an earlier batch in `after` once, even when it shares several IDs', () => {
		const batches = makeBatches(entries(['A', 'B', 'A', 'B']), big);
		expect(shape(batches)).toEqual([
			{ items: [0, 1], after: [], size: 2 },
			{ items: [2, 3], after: [0], size: 2 },
		]);
	});

	it('never places a repeat in a batch before the one holding its last write, even if that one has room', () => {
		// P fills batch 0 to 9 of 10 bytes; A (2 bytes) opens batch 1; the second A (1 byte) would fit batch 0,
		// but that batch may run before batch 1: the repeat goes to a new batch after batch 1.
		const sizes = [9, 2, 1];
		const batches = makeBatches(entries(['P', 'A', 'A'], (index) => ({ size: sizes[index] })), { count: 100, bytes: 10 });
		expect(shape(batches)).toEqual([
			{ items: [0], after: [], size: 9 },
			{ items: [1], after: [], size: 2 },
			{ items: [2], after: [1], size: 1 },
		]);
	});

	it('reuses an open later batch for a repeat when it has room and lacks the ID', () => {
		const batches = makeBatches(entries(['A', 'B', 'B', 'A']), big);
		expect(shape(batches)).toEqual([
			{ items: [0, 1], after: [], size: 2 },
			{ items: [2, 3], after: [0], size: 2 },
		]);
	});

	it('chains a repeat after an alone entry of the same ID, and the next repeat after that', () => {
		const alone = [false, true, false];
		const batches = makeBatches(entries(['A', 'A', 'A'], (index) => ({ alone: alone[index] })), big);
		expect(shape(batches)).toEqual([
			{ items: [0], after: [], size: 1 },
			{ items: [1], after: [0], size: 1 },
			{ items: [2], after: [1], size: 1 },
		]);
	});

	it('does not make an ID wait for itself in another group (another app)', () => {
		const groups = ['app1', 'app2'];
		const batches = makeBatches(entries(['A', 'A'], (index) => ({ group: groups[index] })), big);
		expect(shape(batches)).toEqual([
			{ items: [0], after: [], size: 1 },
			{ items: [1], after: [], size: 1 },
		]);
	});

	it('only ever waits for earlier batches', () => {
		const ids = range(0, 300).map((index) => `c-${index % 7}`);
		const batches = makeBatches(entries(ids, (index) => ({ size: 1 + (index % 5), group: `g${index % 2}` })), {
			count: 10,
			bytes: 25,
		});
		batches.forEach((batch, index) => {
			for (const earlier of batch.after) expect(earlier).toBeLessThan(index);
		});
		// Every entry is placed once, and the writes of one ID run in input order along the `after` chain.
		expect(batches.flatMap((batch) => batch.entries.map((e) => e.itemIndex)).sort((a, b) => a - b)).toEqual(range(0, 300));
		const batchOf = new Map<number, number>();
		batches.forEach((batch, index) => batch.entries.forEach((e) => batchOf.set(e.itemIndex, index)));
		for (let item = 14; item < 300; item++) {
			const previous = item - 14; // same ID (item % 7) and same group (item % 2)
			expect(batchOf.get(item)).toBeGreaterThan(batchOf.get(previous) as number);
			expect(batches[batchOf.get(item) as number].after).toContain(batchOf.get(previous));
		}
	});
});
