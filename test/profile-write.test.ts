import type { IDataObject } from 'n8n-workflow';

import { customers, openSandbox, pairing, requestsTo, run, type Sandbox, useSandbox } from './support';

const profile = (operation: string, extra: IDataObject = {}) => ({
	resource: 'profile',
	operation,
	attributesMode: 'autoMap',
	...extra,
});
const wait = { options: { waitForCompletion: true, waitTimeout: 20 } };

/** The sandbox's stored profile of every customer given, as the store holds it. */
function stored(sandbox: Sandbox, ids: string[]) {
	return ids.map((id) => sandbox.store.getProfile(id));
}

describe.each(['success', 'queued'] as const)('Profile writes in %s mode', (mode) => {
	let sandbox: Sandbox;
	const queued = mode === 'queued';

	beforeAll(async () => {
		sandbox = await openSandbox({ mode, queuePolls: 1, queueDelayMs: 60_000 });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	/** Applies queued writes: asks their status (as a client would) until the sandbox has applied them. */
	async function flush(transids: unknown[]) {
		for (const transid of new Set(transids)) {
			for (let poll = 0; poll < 10; poll++) {
				const answer = await fetch(`${sandbox.baseUrl}/profile/status/${String(transid)}`, {
					headers: { key: sandbox.key },
				});
				const body = (await answer.json()) as { response?: { code?: string } };
				if (body.response?.code !== '7600') break;
			}
		}
	}

	it('creates 250 profiles in 3 requests; the store then holds exactly what the items said', async () => {
		const items = customers(250);
		const result = await run(sandbox, profile('create', queued ? wait : {}), items);
		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox, 'POST', '/customerprofile')).toBe(3);
		expect(result.items.map((item) => item.json.status)).toEqual(items.map(() => 'created'));
		expect(result.items.map((item) => item.json.customerId)).toEqual(items.map((item) => item.customerId));
		expect(pairing(result.items)).toEqual(items.map((_, index) => index));
		expect(stored(sandbox, items.map((item) => item.customerId as string))).toEqual(items);
		expect(sandbox.store.listProfiles()).toHaveLength(250);
	});

	it('without Wait for Completion, queued writes say so with their transid', async () => {
		const result = await run(sandbox, profile('create'), customers(3));
		expect(result.error).toBeUndefined();
		for (const item of result.items) {
			expect(item.json.status).toBe(queued ? 'queued' : 'created');
			expect(typeof item.json.transid).toBe('string');
		}
		expect(requestsTo(sandbox, 'GET', '/profile/status')).toBe(0);
	});

	it('updates 250 profiles in 3 requests, merging the attributes sent', async () => {
		const items = customers(250);
		for (const { customerId, ...attributes } of items) {
			sandbox.store.putProfile(customerId as string, { ...attributes, msisdn: '1' });
		}
		const updates = items.map(({ customerId }, index) => ({ customerId, name: `Renamed ${index}` }));
		const result = await run(sandbox, profile('update', queued ? wait : {}), updates);
		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox, 'PUT', '/customerprofile')).toBe(3);
		expect(result.items.map((item) => item.json.status)).toEqual(items.map(() => 'updated'));
		expect(stored(sandbox, ['c-0', 'c-249'])).toEqual([
			{ customerId: 'c-0', name: 'Renamed 0', email: 'customer0@example.com', msisdn: '1' },
			{ customerId: 'c-249', name: 'Renamed 249', email: 'customer249@example.com', msisdn: '1' },
		]);
	});

	it('deletes 250 profiles in 3 requests', async () => {
		const items = customers(260);
		for (const { customerId, ...attributes } of items) sandbox.store.putProfile(customerId as string, attributes);
		const result = await run(sandbox, profile('delete', queued ? wait : {}), items.slice(0, 250));
		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox, 'DELETE', '/customerprofile')).toBe(3);
		expect(result.items.map((item) => item.json.status)).toEqual(items.slice(0, 250).map(() => 'deleted'));
		expect(sandbox.store.listProfiles().map((p: IDataObject) => p.customerId).sort()).toEqual(
			['c-250', 'c-251', 'c-252', 'c-253', 'c-254', 'c-255', 'c-256', 'c-257', 'c-258', 'c-259'],
		);
	});

	it('creates or updates 250 profiles: 3 creates, then updates only for those that existed', async () => {
		const items = customers(250);
		for (const { customerId } of items.slice(0, 100)) sandbox.store.putProfile(customerId as string, { name: 'Old' });
		const result = await run(sandbox, profile('upsert'), items);
		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox, 'POST', '/customerprofile')).toBe(3);
		expect(requestsTo(sandbox, 'PUT', '/customerprofile')).toBe(1);
		const statuses = result.items.map((item) => item.json.status);
		// Create or Update always waits for its queued writes: every record ends created or updated.
		expect(statuses.slice(0, 100)).toEqual(Array(100).fill('updated'));
		expect(statuses.slice(100)).toEqual(Array(150).fill('created'));
		await flush(result.items.filter((item) => item.json.status === 'queued').map((item) => item.json.transid));
		expect(stored(sandbox, items.map((item) => item.customerId as string))).toEqual(items);
	});

	it('creates or updates 250 new profiles in 3 requests', async () => {
		const result = await run(sandbox, profile('upsert', wait), customers(250));
		expect(result.items.map((item) => item.json.status)).toEqual(Array(250).fill('created'));
		expect(sandbox.log.entries.filter((entry) => entry.path === '/customerprofile')).toHaveLength(3);
	});

	it('a batch with one bad record: that item fails, the other 99 succeed', async () => {
		const items: IDataObject[] = customers(100);
		items[42] = { ...items[42], favouriteColour: 'teal' };
		const result = await run(sandbox, profile('create', wait), items, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox, 'POST', '/customerprofile')).toBe(1);
		expect(result.items).toHaveLength(100);
		expect(result.items[42].json).toEqual({
			error: 'Profile attribute does not exist (code 7017) for customer ID "c-42"',
			message: expect.stringContaining('not defined in the tenant’s master profile'),
			details: { itemIndex: 42, code: '7017', customerId: 'c-42' },
		});
		const others = result.items.filter((_, index) => index !== 42);
		expect(others.every((item) => item.json.status === 'created')).toBe(true);
		expect(pairing(result.items)).toEqual(items.map((_, index) => index));
		expect(sandbox.store.listProfiles()).toHaveLength(99);
		expect(sandbox.store.getProfile('c-42')).toBeUndefined();
	});

	it('a batch with one bad record, without Continue On Fail: the node fails naming that item', async () => {
		const items: IDataObject[] = customers(5);
		items[3] = { ...items[3], favouriteColour: 'teal' };
		const result = await run(sandbox, profile('create', wait), items);
		expect(result.error?.message).toBe('Profile attribute does not exist (code 7017) for customer ID "c-3"');
		expect(result.error?.context?.itemIndex).toBe(3);
	});

	it('keeps writes of one customer ID in input order (never in one batch)', async () => {
		const items = [
			{ customerId: 'same', name: 'First' },
			{ customerId: 'other', name: 'Other' },
			{ customerId: 'same', name: 'Second' },
		];
		sandbox.store.putProfile('same', { name: 'Before' });
		sandbox.store.putProfile('other', { name: 'Before' });
		const result = await run(sandbox, profile('update', wait), items);
		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox, 'PUT', '/customerprofile')).toBe(2);
		expect(sandbox.store.getProfile('same')).toEqual({ customerId: 'same', name: 'Second' });
		expect(pairing(result.items)).toEqual([0, 1, 2]);
	});

	it('with Simplify off, returns each record’s own result', async () => {
		const result = await run(sandbox, profile('create', { ...wait, simplify: false }), customers(2));
		expect(result.items[0].json).toEqual({
			customerId: 'c-0',
			code: '1000',
			description: 'SUCCESS',
			transid: expect.any(String),
		});
	});
});

describe('Profile writes: attributes in, errors out', () => {
	const sandbox = useSandbox();

	const lastBody = () => sandbox.log.entries[sandbox.log.entries.length - 1].body as IDataObject;

	it('maps input fields automatically, leaving out the ignored ones; numbers and booleans as the API expects', async () => {
		await run(sandbox, profile('create', { fieldsToIgnore: 'internalId, tags2' }), [
			{ customerId: 7, internalId: 'x', name: 'Ann', msisdn: 447700900001, sms: true, voice: false, email: null },
		]);
		expect(lastBody()).toEqual({
			Records: [
				{
					customerId: '7',
					Attributes: { customerId: '7', name: 'Ann', msisdn: '447700900001', sms: '1', voice: '0' },
				},
			],
		});
		expect(sandbox.store.getProfile('7')).toEqual({ customerId: '7', name: 'Ann', msisdn: '447700900001', sms: '1', voice: '0' });
	});

	it('takes attributes defined one by one, with expressions', async () => {
		const result = await run(
			sandbox,
			profile('create', {
				attributesMode: 'define',
				attributesUi: {
					attribute: [
						{ name: 'name', value: '={{ $json.first }} {{ $json.last }}' },
						{ name: 'email', value: '={{ $json.mail }}' },
					],
				},
			}),
			[{ customerId: 'd-1', first: 'Ada', last: 'Lovelace', mail: 'ada@example.com' }],
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.store.getProfile('d-1')).toEqual({ customerId: 'd-1', name: 'Ada Lovelace', email: 'ada@example.com' });
	});

	it('takes attributes as a JSON object', async () => {
		const result = await run(
			sandbox,
			profile('create', { attributesMode: 'json', attributesJson: '={{ JSON.stringify({ name: $json.n, sms: 1 }) }}' }),
			[{ customerId: 'j-1', n: 'Json' }],
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.store.getProfile('j-1')).toEqual({ customerId: 'j-1', name: 'Json', sms: '1' });
	});

	it('refuses nested values and bad JSON per item, naming the item and the field; the other items go through', async () => {
		const result = await run(
			sandbox,
			profile('create'),
			[
				{ customerId: 'ok-1', name: 'A' },
				{ customerId: 'bad-1', name: { first: 'B' } },
				{ customerId: 'ok-2', name: 'C' },
				{ customerId: 'bad-2', name: ['x'] },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.items.map((item) => item.json.status ?? item.json.error)).toEqual([
			'created',
			'Item 1: attribute "name" is an object; IMIconnect attributes hold text or numbers. Flatten it first or send it as a JSON string',
			'created',
			'Item 3: attribute "name" is a list; IMIconnect attributes hold text or numbers. Flatten it first or send it as a JSON string',
		]);
		expect((lastBody().Records as IDataObject[]).map((record) => record.customerId)).toEqual(['ok-1', 'ok-2']);
		const json = await run(sandbox, profile('create', { attributesMode: 'json', attributesJson: '{"name": ' }), [
			{ customerId: 'j' },
		]);
		expect(json.error?.message).toBe('Item 0: Attributes (JSON) is not valid JSON');
	});

	it('refuses an attribute customerId that differs from the Customer ID', async () => {
		const result = await run(sandbox, profile('create', { customerId: '={{ $json.id }}' }), [
			{ id: 'a-1', customerId: 'a-2' },
		]);
		expect(result.error?.message).toBe(
			'Item 0: attribute "customerId" ("a-2") differs from the Customer ID ("a-1")',
		);
		expect(sandbox.log.entries).toHaveLength(0);
	});

	it.each(['200', '4xx'])('handles error codes the same with HTTP %s', async (errorStatus) => {
		sandbox.configure({ errorStatus });
		sandbox.store.putProfile('exists', { name: 'X' });
		const created = await run(sandbox, profile('create'), [{ customerId: 'exists', name: 'Y' }, { customerId: 'new' }], {
			onError: 'continueRegularOutput',
		});
		expect(created.items.map((item) => item.json.status ?? item.json.error)).toEqual([
			'Already exists (code 7015) for customer ID "exists"',
			'created',
		]);
		const wrongKey = await run(sandbox, profile('delete'), [{ customerId: 'exists' }], {
			credentials: { region: 'custom', baseUrl: sandbox.baseUrl, apiKey: 'nope' },
		});
		expect(wrongKey.error?.message).toBe('Authentication failed (code 7001) for customer ID "exists"');
		const missing = await run(sandbox, profile('delete'), [{ customerId: 'ghost' }]);
		expect(missing.error?.message).toBe('Not found (code 7203) for customer ID "ghost"');
	});

	it('create-or-update through declarative routing (one request per item) says which happened', async () => {
		sandbox.store.putProfile('r-1', { name: 'Old' });
		const result = await run(sandbox, profile('upsert'), [{ customerId: 'r-1', name: 'New' }, { customerId: 'r-2', name: 'Two' }], {
			routingOnly: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['updated', 'created']);
		expect(sandbox.store.getProfile('r-1')).toEqual({ customerId: 'r-1', name: 'New' });
	});
});
