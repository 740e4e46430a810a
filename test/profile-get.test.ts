import { APP_ID, SANDBOX_PROFILE, customers, openSandbox, pairing, requestsTo, run, type Sandbox } from './support';

describe('Profile → Get, through n8n’s engine against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await openSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
		for (const customer of customers(250)) {
			const { customerId, ...attributes } = customer;
			sandbox.store.putProfile(customerId as string, { ...attributes, msisdn: '447700900000' });
		}
	});

	const get = { resource: 'profile', operation: 'get' };

	it('gets one profile as flat fields, paired to its item', async () => {
		const result = await run(sandbox, get, [{ customerId: 'c-7' }]);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			customerId: 'c-7',
			name: 'Customer 7',
			email: 'customer7@example.com',
			msisdn: '447700900000',
		});
		expect(pairing(result.items)).toEqual([0]);
		const [request] = sandbox.log.entries;
		expect(request.method).toBe('GET');
		expect(request.query.showinwardlinks).toEqual(['0']);
	});

	it('gets 250 profiles in 3 requests, in input order, each paired to its item', async () => {
		const items = customers(250).map(({ customerId }) => ({ customerId })).reverse();
		const result = await run(sandbox, get, items);
		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox, 'GET', '/customerprofile')).toBe(3);
		expect(sandbox.log.entries.map((entry) => entry.query.customerId.length)).toEqual([100, 100, 50]);
		expect(result.items.map((item) => item.json.customerId)).toEqual(items.map((item) => item.customerId));
		expect(pairing(result.items)).toEqual(items.map((_, index) => index));
	});

	it('takes the id from an expression and accepts numbers as ids', async () => {
		sandbox.store.putProfile('4545', { name: 'Numeric' });
		const result = await run(sandbox, { ...get, customerId: '={{ $json.crm.id }}' }, [{ crm: { id: 4545 } }]);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ customerId: '4545', name: 'Numeric' });
	});

	it('fails on a missing id with an error naming the id and the item', async () => {
		const result = await run(sandbox, get, [{ customerId: 'c-1' }, { customerId: 'nobody' }]);
		expect(result.error?.message).toBe('Not found (code 7014) for customer ID "nobody"');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.items).toEqual([]);
	});

	it('with Continue On Fail, a missing id becomes an error item and the others succeed', async () => {
		const result = await run(
			sandbox,
			get,
			[{ customerId: 'c-1' }, { customerId: 'nobody' }, { customerId: 'c-2' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.customerId ?? item.json.error)).toEqual([
			'c-1',
			'Not found (code 7014) for customer ID "nobody"',
			'c-2',
		]);
		expect(result.items[1].json.details).toEqual({ itemIndex: 1, code: '7014', customerId: 'nobody' });
		expect(pairing(result.items)).toEqual([0, 1, 2]);
		expect(requestsTo(sandbox, 'GET', '/customerprofile')).toBe(1);
	});

	it('with the error output, the failed item goes there, paired to its input', async () => {
		const result = await run(sandbox, get, [{ customerId: 'nobody' }, { customerId: 'c-3' }], {
			onError: 'continueErrorOutput',
		});
		expect(result.items.map((item) => item.json.customerId)).toEqual(['c-3']);
		expect(pairing(result.items)).toEqual([1]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json.details).toMatchObject({ code: '7014', customerId: 'nobody' });
		expect(pairing(result.errorItems)).toEqual([0]);
	});

	it('sends showinwardlinks 1 and 2 and returns the linked app profiles readably', async () => {
		sandbox.store.putAppProfile(APP_ID, 'c-5', { userId: 'u-5', deviceId: 'd-1', os: 'Android', status: 1 });
		const level1 = await run(sandbox, { ...get, showInwardLinks: 1 }, [{ customerId: 'c-5' }, { customerId: 'c-6' }]);
		expect(level1.error).toBeUndefined();
		const [withApp, withoutApp] = level1.items.map((item) => item.json);
		expect(withoutApp.inwardLinks).toEqual([]);
		const links = withApp.inwardLinks as Array<Record<string, unknown>>;
		expect(links).toHaveLength(1);
		expect(links[0]).toMatchObject({ profileName: `${APP_ID}_app`, appID: APP_ID });
		expect(typeof links[0].profileId).toBe('number');
		expect(links[0].records).toEqual([{ customerId: 'c-5', userId: 'u-5', deviceId: 'd-1' }]);

		const level2 = await run(sandbox, { ...get, showInwardLinks: 2 }, [{ customerId: 'c-5' }]);
		const full = (level2.items[0].json.inwardLinks as Array<Record<string, unknown>>)[0];
		expect(full.records).toEqual([{ customerId: 'c-5', userId: 'u-5', deviceId: 'd-1', os: 'Android', status: 1 }]);
		expect(sandbox.log.entries.map((entry) => entry.query.showinwardlinks[0])).toEqual(['1', '2']);
	});

	it('with Simplify off, returns the API’s own record', async () => {
		const result = await run(sandbox, { ...get, simplify: false }, [{ customerId: 'c-9' }]);
		const record = result.items[0].json;
		expect(Array.isArray(record.Attributes)).toBe(true);
		expect(record.Attributes).toContainEqual(expect.objectContaining({ Name: 'name', Value: 'Customer 9' }));
		expect(record).toHaveProperty('InwardLinks');
	});

	it('never sends an id into the path: odd ids travel percent-encoded in the query', async () => {
		const odd = ['../x', 'a/b', 'a?b=c', '#x', '%2F', 'a b', 'ünï', '😀'];
		for (const id of odd) sandbox.store.putProfile(id, { name: `odd ${id}` });
		const result = await run(sandbox, get, odd.map((customerId) => ({ customerId })));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.customerId)).toEqual(odd);
		const [request] = sandbox.log.entries;
		expect(request.path).toBe('/customerprofile');
		expect(request.rawPath).toContain('customerId=..%2Fx');
		expect(request.rawPath).toContain('customerId=%252F');
	});

	it('refuses an empty id before sending anything', async () => {
		const result = await run(sandbox, get, [{ customerId: '  ' }]);
		expect(result.error?.message).toBe('Item 0: Customer ID is empty');
		expect(sandbox.log.entries).toHaveLength(0);
	});

	it('tells a wrong profile key clearly and never shows the key', async () => {
		const result = await run(sandbox, get, [{ customerId: 'c-1' }], {
			credentials: { region: 'custom', baseUrl: sandbox.baseUrl, apiKey: 'wrong-key-123' },
		});
		expect(result.error?.message).toBe('Authentication failed (code 7001) for customer ID "c-1"');
		expect(result.error?.description).toContain('Profile Key');
		expect(JSON.stringify(result.run)).not.toContain('wrong-key-123');
		expect(JSON.stringify(result.run)).not.toContain(SANDBOX_PROFILE);
	});

	it('runs through n8n’s declarative routing too (an AI tool call bypasses customOperations)', async () => {
		const result = await run(sandbox, get, [{ customerId: 'c-1' }, { customerId: 'c-2' }], { routingOnly: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ customerId: 'c-1', name: 'Customer 1' }),
			expect.objectContaining({ customerId: 'c-2', name: 'Customer 2' }),
		]);
		expect(requestsTo(sandbox, 'GET', '/customerprofile')).toBe(2);
	});
});

describe('Customer ID expressions', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await openSandbox();
		sandbox.store.putProfile('x-1', { name: 'X' });
		sandbox.store.putProfile('q"1', { name: 'Quoted' });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	it('reads plain $json paths, bracket form included, as n8n would', async () => {
		const result = await run(sandbox, { resource: 'profile', operation: 'get', customerId: '={{ $json["crm"].ids.main }}' }, [
			{ crm: { ids: { main: 'x-1' } } },
		]);
		expect(result.items[0].json).toMatchObject({ customerId: 'x-1', name: 'X' });
	});

	it('a path through nothing, or a missing last field, is a missing Customer ID (as n8n evaluates it)', async () => {
		const through = await run(sandbox, { resource: 'profile', operation: 'get', customerId: '={{ $json.crm.id }}' }, [
			{ other: 1 },
		]);
		expect(through.error?.message).toBe('Item 0: Customer ID is missing');
		const last = await run(sandbox, { resource: 'profile', operation: 'get', customerId: '={{ $json.crm.id }}' }, [
			{ crm: {} },
		]);
		expect(last.error?.message).toBe('Item 0: Customer ID is missing');
	});

	it('any other expression goes through n8n', async () => {
		const result = await run(
			sandbox,
			{ resource: 'profile', operation: 'get', customerId: '={{ $json.prefix + "-" + $json.n }}' },
			[{ prefix: 'x', n: 1 }],
		);
		expect(result.items[0].json).toMatchObject({ customerId: 'x-1' });
	});
});
