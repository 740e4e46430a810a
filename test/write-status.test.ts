/** Profile → Get Write Status: coming back later to queued writes, through n8n's engine. */
import { APP_ID, customers, requestsTo, run, useSandbox } from './support';

const status = { resource: 'profile', operation: 'getWriteStatus' };

describe('Profile → Get Write Status', () => {
	const sandbox = useSandbox({ mode: 'queued', queuePolls: 1, queueDelayMs: 60_000 });

	it('reports queued, then each item its own record’s outcome, with one request per transid', async () => {
		sandbox.store.putProfile('c-3', { name: 'exists' });
		const items = customers(5);
		const created = await run(sandbox, { resource: 'profile', operation: 'create', attributesMode: 'autoMap' }, items);
		expect(created.items.map((item) => item.json.status)).toEqual(Array(5).fill('queued'));
		expect(created.items[0].json.write).toBe('create');
		const queuedItems = created.items.map((item) => item.json);

		// The sandbox answers 7600 to the first poll: still queued.
		const first = await run(sandbox, status, queuedItems);
		expect(first.items.map((item) => item.json.status)).toEqual(Array(5).fill('queued'));
		expect(requestsTo(sandbox, 'GET', '/profile/status')).toBe(1);

		const later = await run(sandbox, status, queuedItems, { onError: 'continueRegularOutput' });
		expect(requestsTo(sandbox, 'GET', '/profile/status')).toBe(2);
		expect(later.items.map((item) => item.json.status ?? item.json.error)).toEqual([
			'created',
			'created',
			'created',
			expect.stringMatching(/^Already exists \(code 7015\) for customer ID "c-3"/),
			'created',
		]);
		expect(later.items[3].json.details).toMatchObject({ customerId: 'c-3', code: '7015' });
	});

	it('an item without a customer ID gets one output item per record; app profile writes work too', async () => {
		const created = await run(
			sandbox,
			{ resource: 'appProfile', operation: 'create', appId: APP_ID, attributesMode: 'autoMap' },
			customers(3),
		);
		const transid = created.items[0].json.transid;
		await run(sandbox, status, [{ transid }]);
		const result = await run(sandbox, { ...status, customerId: '', write: 'create' }, [{ transid }]);
		expect(result.items.map((item) => [item.json.customerId, item.json.status])).toEqual([
			['c-0', 'created'],
			['c-1', 'created'],
			['c-2', 'created'],
		]);
	});

	it('items of one transid share one request, with or without a customer ID, whatever their number', async () => {
		const created = await run(sandbox, { resource: 'profile', operation: 'create', attributesMode: 'autoMap' }, customers(150, 'w'));
		const transids = [...new Set(created.items.map((item) => item.json.transid))];
		expect(transids).toHaveLength(2);
		// The sandbox answers the first poll of each transid 7600 (still queued).
		await run(sandbox, status, transids.map((transid) => ({ transid })));
		sandbox.log.clear();
		// 150 items naming their record, and 3 items of the first transid naming none: one request per transid.
		const items = [...created.items.map((item) => item.json), ...Array.from({ length: 3 }, () => ({ transid: transids[0] }))];
		const result = await run(sandbox, { ...status, write: 'create' }, items);
		expect(requestsTo(sandbox, 'GET', '/profile/status')).toBe(2);
		expect(result.items.slice(0, 150).map((item) => item.json.status)).toEqual(Array(150).fill('created'));
		expect(result.items.slice(150)).toHaveLength(300);
	});

	it('refuses bad transids, customer IDs and writes item by item; the good item still gets its answer', async () => {
		const created = await run(sandbox, { resource: 'profile', operation: 'create', attributesMode: 'autoMap' }, customers(1));
		const good = created.items[0].json;
		const result = await run(
			sandbox,
			status,
			[{ customerId: 'c-1' }, { transid: 't-\uD800' }, { transid: '..' }, { transid: good.transid, customerId: 'c-\uDC00' }, { ...good, write: 'merge' }, good],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.items.map((item) => item.json.error ?? item.json.status)).toEqual([
			'Item 0: Transaction ID is missing',
			expect.stringMatching(/^Item 1: Transaction ID is not well-formed text/),
			'Item 2: Transaction ID ".." cannot be used as an ID',
			expect.stringMatching(/^Item 3: Customer ID is not well-formed text/),
			'Item 4: Write must be create, update or delete (or empty), got "merge"',
			'queued',
		]);
		expect(requestsTo(sandbox, 'GET', '/profile/status')).toBe(1);
	});

	it('a missing transid is bad input naming the field and how to map it', async () => {
		const result = await run(sandbox, status, [{ customerId: 'c-1' }], { onError: 'continueRegularOutput' });
		expect(result.items[0].json.error).toBe('Item 0: Transaction ID is missing');
		expect(String(result.items[0].json.message)).toMatch(/"transid" field/);
		expect(sandbox.log.entries).toHaveLength(0);
	});
});
