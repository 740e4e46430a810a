import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CASES } from './bad-input.cases';
import { APP_ID, openSandbox, pairing, run, type Sandbox } from './support';

/** A valid item for the same parameters, so each run shows the other items still go through. */
function goodItem(parameters: INodeParameters): { item: IDataObject; id: string } {
	if (parameters.resource === 'appProfile') {
		if (parameters.lookupBy === 'userId') return { item: { userId: 'u-good', deviceId: 'd' }, id: 'u-good' };
		return { item: { customerId: 'good', deviceId: 'd' }, id: 'good' };
	}
	if (parameters.operation === 'create') return { item: { customerId: 'good-new', name: 'Good' }, id: 'good-new' };
	return { item: { customerId: 'good' }, id: 'good' };
}

/** Every ID the sandbox received, wherever it travelled (query, body, path). */
function idsSent(sandbox: Sandbox): string[] {
	return sandbox.log.entries.flatMap((entry) => {
		const fromQuery = [...(entry.query.customerId ?? []), ...(entry.query.identifier ?? [])];
		const records = ((entry.body as IDataObject | undefined)?.Records ?? []) as IDataObject[];
		const fromBody = records.map((record) => String(record.customerId));
		const segments = entry.rawPath.split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
		// DELETE /resources/v2/customerappprofile/{appId}/{id}/{deviceId}
		const fromPath = entry.method === 'DELETE' && segments.length === 6 ? [segments[4]] : [];
		return [...fromQuery, ...fromBody, ...fromPath];
	});
}

/** The bad item's error as given, or for item 1 of a per-run case (the same wording about item 1). */
function matcher(error: string | RegExp, itemIndex = 0): unknown {
	if (typeof error === 'string') {
		return itemIndex === 0 ? error : error.replace('Item 0', 'Item 1').replace('customer ID "c"', 'customer ID "good"');
	}
	return expect.stringMatching(itemIndex === 0 ? error : new RegExp(error.source.replace('Item 0', 'Item 1'), error.flags));
}

describe(`bad-input corpus (${CASES.length} cases)`, () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await openSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	it('has at least 40 cases', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(40);
	});

	it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
		sandbox.reset();
		const good = goodItem(testCase.parameters);
		const seeds = testCase.parameters.operation === 'create' ? [] : ['good', testCase.ok];
		for (const id of seeds.filter((id): id is string => id !== undefined)) {
			sandbox.store.putProfile(id, { name: 'Seeded' });
			sandbox.store.putAppProfile(APP_ID, id, { customerId: id, userId: `u-${id}`, deviceId: 'd' });
		}
		const result = await run(sandbox, testCase.parameters, [testCase.item, good.item], {
			onError: 'continueRegularOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(pairing(result.items)).toEqual([0, 1]);

		if (testCase.error !== undefined) {
			expect(result.items[0].json.error).toEqual(matcher(testCase.error));
			if (testCase.perRun) {
				expect(result.items[1].json.error).toEqual(matcher(testCase.error, 1));
				if (!/Invalid app ID/.test(String(testCase.error))) expect(sandbox.log.entries).toHaveLength(0);
			} else {
				expect(result.items[1].json.error).toBeUndefined();
				const expected = testCase.refusedByApi ? [String(testCase.item.customerId), good.id] : [good.id];
				// Create or Update sends an existing good record twice (create, then update).
				expect([...new Set(idsSent(sandbox))].sort()).toEqual(expected.sort());
			}
		} else {
			expect(result.items[0].json.error).toBeUndefined();
			expect(result.items[1].json.error).toBeUndefined();
			expect(idsSent(sandbox)).toContain(testCase.ok);
			// Whatever the id holds, the request path stays the operation's own.
			for (const entry of sandbox.log.entries) {
				expect(entry.rawPath.split('?')[0]).toMatch(/^\/resources\/v2\/customer(app)?profile(\/[^/]+){0,3}$/);
			}
		}
	});

	it('an empty input sends nothing and outputs nothing', async () => {
		sandbox.reset();
		const result = await run(sandbox, { resource: 'profile', operation: 'create' }, []);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(sandbox.log.entries).toHaveLength(0);
	});

	it('the same customerId twice in one create: the first is created, the second is told it exists', async () => {
		sandbox.reset();
		const result = await run(
			sandbox,
			{ resource: 'profile', operation: 'create', attributesMode: 'autoMap' },
			[{ customerId: 'twin', name: 'First' }, { customerId: 'twin', name: 'Second' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.items.map((item) => item.json.status ?? item.json.error)).toEqual([
			'created',
			'Already exists (code 7015) for customer ID "twin"',
		]);
		expect(sandbox.store.getProfile('twin')).toEqual({ customerId: 'twin', name: 'First' });
		expect(sandbox.log.entries).toHaveLength(2);
	});

	it('a Batch Size outside 1–100 is clamped: never more than 100 records per request', async () => {
		sandbox.reset();
		const items = Array.from({ length: 250 }, (_, index) => ({ customerId: `b-${index}` }));
		const result = await run(
			sandbox,
			{ resource: 'profile', operation: 'create', attributesMode: 'autoMap', options: { batchSize: 500 } },
			items,
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.log.entries.map((entry) => ((entry.body as IDataObject).Records as unknown[]).length)).toEqual([
			100, 100, 50,
		]);
	});

	it('odd ids reach the server percent-encoded in the raw request, never changing the path', async () => {
		sandbox.reset();
		sandbox.store.putAppProfile(APP_ID, '../x', { customerId: '../x', deviceId: 'a?b' });
		await run(sandbox, { resource: 'appProfile', operation: 'deleteDevice', appId: APP_ID }, [
			{ customerId: '../x', deviceId: 'a?b' },
		]);
		await run(sandbox, { resource: 'profile', operation: 'get' }, [{ customerId: '%2F#x' }], {
			onError: 'continueRegularOutput',
		});
		const [deleteDevice, get] = sandbox.log.entries;
		expect(deleteDevice.rawPath).toBe(`/resources/v2/customerappprofile/${APP_ID}/..%2Fx/a%3Fb`);
		expect(get.rawPath).toBe('/resources/v2/customerprofile?customerId=%252F%23x&showinwardlinks=0');
		expect(sandbox.store.getAppProfiles(APP_ID, '../x')).toEqual([]);
	});
});
