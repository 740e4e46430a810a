/**
 * How entries share requests (pipeline/batcher.ts), with entries made as the
 * operations make them: the byte budget is the real one (7 000 bytes of IDs
 * in a URL, 5 000 000 of records in a body), a group is the operation's
 * parameters (app ID, link level), and each batch is seen as its items, the
 * batches it waits for, its bytes, or the request it becomes.
 */
import type { IDataObject } from 'n8n-workflow';

import { getAppProfiles } from '../../nodes/Imiconnect/operations/appProfile/app';
import { queryEntry } from '../../nodes/Imiconnect/operations/entries';
import { getProfiles } from '../../nodes/Imiconnect/operations/profile/get';
import { groupOf, makeBatches, type Batch } from '../../nodes/Imiconnect/pipeline/batcher';
import type { Entry } from '../../nodes/Imiconnect/pipeline/types';
import { customers, entriesOf, requestOf } from './fakes';

/** Each batch as its item indexes and its `after` list. */
const shape = (batches: Batch[]) => batches.map((batch) => ({ items: batch.entries.map((e) => e.itemIndex), after: batch.after }));
const withBytes = (batches: Batch[]) => batches.map((batch) => ({ items: batch.entries.map((e) => e.itemIndex), bytes: batch.bytes }));

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);
const big = { count: 100 };

/** A customer ID that adds exactly `bytes` to a request URL (`customerId=` + ID + `&`). */
const idOf = (name: string, bytes: number) => name.padEnd(bytes - 12, 'x');
/** App Profile → Get by customer ID, each item in the app given. */
const inApps = (ids: string[], apps: string[]) =>
	entriesOf('appProfile', 'get', ids.map((customerId, index) => ({ customerId, appId: apps[index] })));
/** Profile → Create of customer `id` with a record of exactly `bytes` bytes in the body (its comma included). */
const recordOf = (id: string, bytes: number, itemIndex: number): Entry => {
	const overhead = JSON.stringify({ customerId: id, Attributes: { customerId: id, pad: '' } }).length + 1;
	const [entry] = entriesOf('profile', 'create', [{ customerId: id, pad: 'x'.repeat(bytes - overhead) }], { attributesMode: 'autoMap' });
	return { ...entry, itemIndex };
};

describe('makeBatches', () => {
	it('returns no batch for no entries', () => {
		expect(makeBatches([], big)).toEqual([]);
	});

	it('puts at most `count` entries in a batch, in input order', () => {
		const batches = makeBatches(customers(range(0, 250).map((index) => `c-${index}`)), big);
		expect(shape(batches)).toEqual([
			{ items: range(0, 100), after: [] },
			{ items: range(100, 200), after: [] },
			{ items: range(200, 250), after: [] },
		]);
	});

	it("fills a request URL with IDs up to the byte budget exactly, and starts a new one past it", () => {
		// 15 IDs of 1 000 bytes each: seven fit in 7 000 bytes, the eighth does not.
		const batches = makeBatches(customers(range(0, 15).map((index) => idOf(`${index}-`, 1000))), big);
		expect(withBytes(batches)).toEqual([
			{ items: range(0, 7), bytes: 7000 },
			{ items: range(7, 14), bytes: 7000 },
			{ items: [14], bytes: 1000 },
		]);
	});

	it('splits on percent-encoded bytes, not characters', () => {
		// 'é' encodes as %C3%A9: 12 + 1 + 6 × 500 = 3 013 bytes each, so only two fit in 7 000.
		const batches = makeBatches(customers(range(0, 3).map((index) => `${index}${'é'.repeat(500)}`)), big);
		expect(withBytes(batches)).toEqual([
			{ items: [0, 1], bytes: 6026 },
			{ items: [2], bytes: 3013 },
		]);
	});

	it('lets a smaller later entry fill the room a bigger one left', () => {
		const sizes = [4200, 3500, 2800, 700];
		const batches = makeBatches(customers(sizes.map((bytes, index) => idOf(`${index}-`, bytes))), big);
		expect(withBytes(batches)).toEqual([
			{ items: [0, 2], bytes: 7000 },
			{ items: [1, 3], bytes: 4200 },
		]);
	});

	it('gives an entry over the budget a batch of its own rather than none (entries refuse such IDs before: entries.test.ts)', () => {
		const over = customers(['a', 'b']).map((entry): Entry => ({ ...entry, load: { part: 'query', bytes: 8000 } }));
		expect(withBytes(makeBatches(over, big))).toEqual([
			{ items: [0], bytes: 8000 },
			{ items: [1], bytes: 8000 },
		]);
	});

	it('never mixes groups (app IDs) in one request', () => {
		const apps = ['app1', 'app2', 'app1', 'app3', 'app2', 'app1'];
		const batches = makeBatches(inApps(['a', 'b', 'c', 'd', 'e', 'f'], apps), big);
		expect(batches.map((batch) => requestOf(getAppProfiles, batch.entries))).toEqual([
			{ method: 'GET', url: '/customerappprofile/app1', qs: { customerId: ['a', 'c', 'f'] } },
			{ method: 'GET', url: '/customerappprofile/app2', qs: { customerId: ['b', 'e'] } },
			{ method: 'GET', url: '/customerappprofile/app3', qs: { customerId: ['d'] } },
		]);
	});

	it('counts the count limit per group', () => {
		const apps = ['g0', 'g1', 'g0', 'g1', 'g0'];
		expect(shape(makeBatches(inApps(['a', 'b', 'c', 'd', 'e'], apps), { count: 2 })).map((batch) => batch.items)).toEqual([[0, 2], [1, 3], [4]]);
	});

	it('gives each entry that must be alone (a lookup by user ID) a batch of its own, while the others keep filling theirs', () => {
		const items = [{ customerId: 'a' }, { lookupBy: 'userId', userId: 'b' }, { customerId: 'c' }, { lookupBy: 'userId', userId: 'd' }, { customerId: 'e' }];
		const batches = makeBatches(entriesOf('appProfile', 'get', items, { appId: 'app' }), big);
		expect(batches.map((batch) => requestOf(getAppProfiles, batch.entries).qs)).toEqual([
			{ customerId: ['a', 'c', 'e'] },
			{ identifier: 'b' },
			{ identifier: 'd' },
		]);
		expect(shape(batches).map((batch) => batch.items)).toEqual([[0, 2, 4], [1], [3]]);
	});

	it('makes every entry alone when the count limit is 1', () => {
		expect(shape(makeBatches(customers(['a', 'b', 'a']), { count: 1 }))).toEqual([
			{ items: [0], after: [] },
			{ items: [1], after: [] },
			{ items: [2], after: [0] },
		]);
	});

	it('never puts the same customer ID twice in one request; the repeat goes to a later batch that waits for the earlier one', () => {
		const batches = makeBatches(customers(['A', 'B', 'A', 'C', 'A', 'B']), big);
		expect(shape(batches)).toEqual([
			{ items: [0, 1, 3], after: [] },
			{ items: [2, 5], after: [0] },
			{ items: [4], after: [1] },
		]);
		for (const batch of batches) {
			const ids = requestOf(getProfiles, batch.entries).qs?.customerId as string[];
			expect(new Set(ids).size).toBe(ids.length);
		}
	});

	it('lists an earlier batch in `after` once, even when it shares several IDs', () => {
		expect(shape(makeBatches(customers(['A', 'B', 'A', 'B']), big))).toEqual([
			{ items: [0, 1], after: [] },
			{ items: [2, 3], after: [0] },
		]);
	});

	it('never places a repeat in a batch before the one holding its last write, even if that one has room', () => {
		// Creates: P fills batch 0 to 4.5 of 5 MB; A (1 MB) opens batch 1; the second A (1 kB) would fit batch 0,
		// but that batch may run before batch 1: the repeat goes to a new batch after batch 1.
		const batches = makeBatches([recordOf('P', 4_500_000, 0), recordOf('A', 1_000_000, 1), recordOf('A', 1000, 2)], big);
		expect(shape(batches)).toEqual([
			{ items: [0], after: [] },
			{ items: [1], after: [] },
			{ items: [2], after: [1] },
		]);
		expect(batches.map((batch) => batch.bytes)).toEqual([4_500_000, 1_000_000, 1000]);
	});

	it('reuses an open later batch for a repeat when it has room and lacks the ID', () => {
		expect(shape(makeBatches(customers(['A', 'B', 'B', 'A']), big))).toEqual([
			{ items: [0, 1], after: [] },
			{ items: [2, 3], after: [0] },
		]);
	});

	it('chains a repeat after an alone entry of the same ID, and the next repeat after that', () => {
		const key = { name: 'customerId' as const, id: 'A' };
		const list = [false, true, false].map((alone, index) => queryEntry(index, key, {}, { alone }));
		expect(shape(makeBatches(list, big))).toEqual([
			{ items: [0], after: [] },
			{ items: [1], after: [0] },
			{ items: [2], after: [1] },
		]);
	});

	it('does not make an ID wait for itself in another group (another app)', () => {
		expect(shape(makeBatches(inApps(['A', 'A'], ['app1', 'app2']), big))).toEqual([
			{ items: [0], after: [] },
			{ items: [1], after: [] },
		]);
	});

	it('only ever waits for earlier batches', () => {
		// 7 IDs of 280 to 1 960 bytes, at two link levels: the count (10) and the bytes (7 000) both split.
		const items = range(0, 300).map((index) => ({ customerId: idOf(`c-${index % 7}-`, 280 * (1 + (index % 7))), showInwardLinks: index % 2 }));
		const batches = makeBatches(entriesOf('profile', 'get', items), { count: 10 });
		batches.forEach((batch, index) => {
			for (const earlier of batch.after) expect(earlier).toBeLessThan(index);
			expect(batch.entries.length).toBeLessThanOrEqual(10);
			expect(batch.bytes).toBeLessThanOrEqual(7000);
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

	it('puts all entries of one group in one request when asked (Get Write Status: one request per transid)', () => {
		const items = [{ transid: 't1' }, { transid: 't2' }, { transid: 't1', customerId: 'c1' }, { transid: 't1' }];
		const batches = makeBatches(entriesOf('profile', 'getWriteStatus', items), { count: 1, oneRequestPerGroup: true });
		expect(shape(batches).map((batch) => batch.items)).toEqual([[0, 2, 3], [1]]);
	});
});

describe('groupOf', () => {
	const key = (id: string) => ({ name: 'customerId' as const, id });
	const withParams = (list: IDataObject[]) => list.map((params, index) => queryEntry(index, key(`c${index}`), params));

	it('does not depend on the order of the parameters, at any depth', () => {
		const [a, b] = withParams([
			{ appId: 'x', more: { level: 1, keep: true } },
			{ more: { keep: true, level: 1 }, appId: 'x' },
		]);
		expect(groupOf(a)).toBe(groupOf(b));
		expect(shape(makeBatches([a, b], big))).toEqual([{ items: [0, 1], after: [] }]);
	});

	it('never lets entries of different parameters share a batch', () => {
		const list = withParams([{ appId: 'x' }, { appId: 'y' }, { appId: 1 }, { appId: '1' }, {}, { appId: 'x', deviceId: 'd' }, { appIds: ['x', 'y'] }, { appIds: ['y', 'x'] }]);
		expect(new Set(list.map(groupOf)).size).toBe(list.length);
		expect(makeBatches(list, big)).toHaveLength(list.length);
	});

	it('sends each link level of Profile → Get in its own request', () => {
		const items = [{ customerId: 'a', showInwardLinks: 0 }, { customerId: 'b', showInwardLinks: 1 }, { customerId: 'c', showInwardLinks: 0 }];
		const batches = makeBatches(entriesOf('profile', 'get', items), big);
		expect(batches.map((batch) => requestOf(getProfiles, batch.entries).qs)).toEqual([
			{ customerId: ['a', 'c'], showinwardlinks: '0' },
			{ customerId: ['b'], showinwardlinks: '1' },
		]);
	});
});
