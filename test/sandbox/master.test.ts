/** Sandbox: master (customer) profile operations, docs/profile-api.md#paths and #answers. */
import { callSandbox, startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type CallInit = Parameters<typeof callSandbox>[3];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const APP = 'a_636035705699961900';
const APP2 = 'MU20051001';

describe('sandbox: master profiles', () => {
	let sb: Sandbox;
	const call = async (method: string, path: string, init?: CallInit) => await callSandbox(sb, method, path, init);
	const create = async (records: unknown[]) => await call('POST', '/customerprofile', { body: { Records: records } });

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, key: 'sandbox-key' });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	it('starts on 127.0.0.1 with the given key', () => {
		expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sb.baseUrl).toBe(`${sb.url}/resources/v2`);
		expect(sb.key).toBe('sandbox-key');
	});

	it('create: POST /customerprofile answers shape B and stores the values as sent', async () => {
		const res = await create([
			{ customerId: '54321', Attributes: { email: 'a@example.com', msisdn: 911278994640, sms: true, name: 'John' } },
			{ customerId: '54322', Attributes: { customerId: '54322', name: 'Gary' } },
		]);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			TotalCount: 2,
			SuccessCount: 2,
			FailureCount: 0,
			code: '1000',
			description: 'SUCCESS',
			transid: expect.stringMatching(UUID),
			Results: [
				{ customerId: '54321', code: '1000', description: 'SUCCESS' },
				{ customerId: '54322', code: '1000', description: 'SUCCESS' },
			],
		});
		expect(sb.store.getProfile('54321')).toEqual({
			customerId: '54321',
			email: 'a@example.com',
			msisdn: 911278994640,
			sms: true,
			name: 'John',
		});
		expect(sb.store.getProfile('54322')).toEqual({ customerId: '54322', name: 'Gary' });
	});

	it('get: GET /customerprofile/{id} answers shape A with typed values and stable column IDs', async () => {
		sb.store.putProfile('4545', { msisdn: '91900007707', sms: '1', count: 3 });
		sb.store.putProfile('4546', { sms: '0', msisdn: '1' });
		const res = await call('GET', '/customerprofile/4545?showinwardlinks=0');
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			Status: 0,
			Description: 'success',
			code: '1000',
			transid: expect.stringMatching(UUID),
			Records: [
				{
					Attributes: [
						{ Name: 'customerId', Value: '4545', ID: expect.any(Number) },
						{ Name: 'msisdn', Value: '91900007707', ID: expect.any(Number) },
						{ Name: 'sms', Value: '1', ID: expect.any(Number) },
						{ Name: 'count', Value: 3, ID: expect.any(Number) },
					],
					InwardLinks: [],
					OutwardLinks: [],
				},
			],
		});
		const other = await call('GET', '/customerprofile/4546');
		const ids = (json: { Records: Array<{ Attributes: Array<{ Name: string; ID: number }> }> }) =>
			Object.fromEntries(json.Records[0].Attributes.map((a) => [a.Name, a.ID]));
		const first = ids(res.json);
		const second = ids(other.json);
		expect(second.sms).toBe(first.sms);
		expect(second.msisdn).toBe(first.msisdn);
		expect(new Set(Object.values(first)).size).toBe(4);
	});

	it('get many: one record per found customer, in the order asked, missing ones absent, duplicates once', async () => {
		for (const id of ['a', 'b', 'c']) sb.store.putProfile(id, { name: id.toUpperCase() });
		const res = await call('GET', '/customerprofile?customerId=c&customerId=ghost&customerId=a&customerId=c&showinwardlinks=0');
		expect(res.json.code).toBe('1000');
		const names = res.json.Records.map((r: { Attributes: Array<{ Name: string; Value: unknown }> }) =>
			r.Attributes.find((a) => a.Name === 'name')?.Value,
		);
		expect(names).toEqual(['C', 'A']);
	});

	it('get: a missing customer is 7014 (single and when no id of a multi-get is found)', async () => {
		const single = await call('GET', '/customerprofile/nobody');
		expect(single.status).toBe(200);
		expect(single.json).toEqual({
			response: { code: '7014', description: 'Customer not found', transid: expect.stringMatching(UUID) },
		});
		const many = await call('GET', '/customerprofile?customerId=x&customerId=y');
		expect(many.json.response.code).toBe('7014');
	});

	it('update: PUT /customerprofile merges the attributes given and keeps the others', async () => {
		sb.store.putProfile('u1', { name: 'Old', email: 'old@example.com' });
		const res = await call('PUT', '/customerprofile', {
			body: { Records: [{ customerId: 'u1', Attributes: { name: 'New', msisdn: 44 } }] },
		});
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ code: '1000', description: 'SUCCESS', SuccessCount: 1 });
		expect(sb.store.getProfile('u1')).toEqual({ customerId: 'u1', name: 'New', email: 'old@example.com', msisdn: 44 });
	});

	it('update of a missing profile: that record fails 7014, the others succeed (1002)', async () => {
		sb.store.putProfile('here', {});
		const res = await call('PUT', '/customerprofile', {
			body: {
				Records: [
					{ customerId: 'ghost', Attributes: { name: 'G' } },
					{ customerId: 'here', Attributes: { name: 'H' } },
				],
			},
		});
		expect(res.json).toMatchObject({
			TotalCount: 2,
			SuccessCount: 1,
			FailureCount: 1,
			code: '1002',
			description: 'Partial success',
			Results: [
				{ customerId: 'ghost', code: '7014', description: 'Customer not found' },
				{ customerId: 'here', code: '1000', description: 'SUCCESS' },
			],
		});
		expect(sb.store.getProfile('ghost')).toBeUndefined();
		expect(sb.store.getProfile('here')).toEqual({ customerId: 'here', name: 'H' });
	});

	it('create of an existing profile: 7015 per record, 1002 even when all records failed', async () => {
		sb.store.putProfile('dup', { name: 'Keep' });
		const res = await create([{ customerId: 'dup', Attributes: { name: 'Other' } }]);
		expect(res.json).toMatchObject({
			code: '1002',
			description: 'Partial success',
			SuccessCount: 0,
			FailureCount: 1,
			Results: [{ customerId: 'dup', code: '7015', description: 'Customer already exists' }],
		});
		expect(sb.store.getProfile('dup')).toEqual({ customerId: 'dup', name: 'Keep' });
	});

	it('7017: an attribute the tenant does not define fails that record; `attributes` widens the list', async () => {
		const res = await create([
			{ customerId: 'x1', Attributes: { favouriteColour: 'teal' } },
			{ customerId: 'x2', Attributes: { name: 'Fine' } },
		]);
		expect(res.json.Results).toEqual([
			{ customerId: 'x1', code: '7017', description: "Profile attribute doesn't exist" },
			{ customerId: 'x2', code: '1000', description: 'SUCCESS' },
		]);
		expect(sb.store.getProfile('x1')).toBeUndefined();
		sb.configure({ attributes: ['customerId', 'favouriteColour'] });
		const again = await create([{ customerId: 'x1', Attributes: { favouriteColour: 'teal' } }]);
		expect(again.json.code).toBe('1000');
		expect(sb.store.getProfile('x1')).toEqual({ customerId: 'x1', favouriteColour: 'teal' });
	});

	it('7011: an object, array or null value fails that record', async () => {
		const res = await create([
			{ customerId: 'o', Attributes: { name: { first: 'A' } } },
			{ customerId: 'a', Attributes: { name: ['A'] } },
			{ customerId: 'n', Attributes: { name: null } },
			{ customerId: 'ok', Attributes: { name: 'A', sms: 1, voice: false } },
		]);
		expect(res.json.Results.map((r: { code: string }) => r.code)).toEqual(['7011', '7011', '7011', '1000']);
		expect(res.json.Results[0].description).toBe('Invalid Attribute Value');
		expect(sb.store.listProfiles()).toEqual([{ customerId: 'ok', name: 'A', sms: 1, voice: false }]);
	});

	it('7004 per record: Attributes not an object, or Attributes.customerId differing from the record', async () => {
		const res = await create([
			{ customerId: 'p1', Attributes: 'name=A' },
			{ customerId: 'p2' },
			{ customerId: 'p3', Attributes: { customerId: 'other', name: 'A' } },
			{ customerId: 'p4', Attributes: { customerId: 'p4', name: 'A' } },
		]);
		expect(res.json.Results).toEqual([
			{ customerId: 'p1', code: '7004', description: 'Invalid parameters' },
			{ customerId: 'p2', code: '7004', description: 'Invalid parameters' },
			{ customerId: 'p3', code: '7004', description: 'Invalid parameters' },
			{ customerId: 'p4', code: '1000', description: 'SUCCESS' },
		]);
		expect(sb.store.counts).toEqual({ profiles: 1, appProfiles: 0 });
	});

	it('7003 per record: a record without customerId (or empty) fails, the others go through', async () => {
		const res = await create([
			{ Attributes: { name: 'A' } },
			{ customerId: '', Attributes: { name: 'B' } },
			{ customerId: 'c', Attributes: { name: 'C' } },
		]);
		expect(res.json.Results).toEqual([
			{ customerId: '', code: '7003', description: 'Mandatory parameters missing' },
			{ customerId: '', code: '7003', description: 'Mandatory parameters missing' },
			{ customerId: 'c', code: '1000', description: 'SUCCESS' },
		]);
		expect(sb.store.listProfiles().map((p) => p.customerId)).toEqual(['c']);
	});

	it('7003 for the request: Records missing, empty or not an array; customerId missing on a multi-form', async () => {
		for (const body of [{}, { Records: [] }, { Records: { customerId: 'a' } }, []]) {
			const res = await call('POST', '/customerprofile', { body });
			expect(res.json.response.code).toBe('7003');
			expect(res.json.response.description).toBe('Mandatory parameters missing');
		}
		expect((await call('GET', '/customerprofile')).json.response.code).toBe('7003');
		expect((await call('GET', '/customerprofile?customerId=')).json.response.code).toBe('7003');
		expect((await call('DELETE', '/customerprofile?showinwardlinks=0')).json.response.code).toBe('7003');
		expect(sb.store.counts.profiles).toBe(0);
	});

	it('7012: more than 100 records in a write, nothing applied; exactly 100 is fine', async () => {
		const records = (n: number) =>
			Array.from({ length: n }, (_, i) => ({ customerId: `b-${i}`, Attributes: { name: `N${i}` } }));
		const over = await create(records(101));
		expect(over.json.response).toEqual({
			code: '7012',
			description: 'Batch size limit(100) exceeded',
			transid: expect.stringMatching(UUID),
		});
		expect(sb.store.counts.profiles).toBe(0);
		const put = await call('PUT', '/customerprofile', { body: { Records: records(101) } });
		expect(put.json.response.code).toBe('7012');
		const ok = await create(records(100));
		expect(ok.json.SuccessCount).toBe(100);
	});

	it('7012: more than 100 customerId values on a multi-GET or multi-DELETE', async () => {
		sb.store.putProfile('id-0', {});
		const ids = (n: number) => Array.from({ length: n }, (_, i) => `customerId=id-${i}`).join('&');
		expect((await call('GET', `/customerprofile?${ids(101)}`)).json.response.code).toBe('7012');
		expect((await call('DELETE', `/customerprofile?${ids(101)}`)).json.response.code).toBe('7012');
		expect(sb.store.getProfile('id-0')).toEqual({ customerId: 'id-0' });
		expect((await call('GET', `/customerprofile?${ids(100)}`)).json.Records).toHaveLength(1);
	});

	it('delete: DELETE /customerprofile/{id} answers shape B; a missing one is a 7203 error', async () => {
		sb.store.putProfile('d1', { name: 'D' });
		const res = await call('DELETE', '/customerprofile/d1');
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			code: '1000',
			description: 'SUCCESS',
			TotalCount: 1,
			Results: [{ customerId: 'd1', code: '1000', description: 'SUCCESS' }],
		});
		expect(sb.store.getProfile('d1')).toBeUndefined();
		const again = await call('DELETE', '/customerprofile/d1');
		expect(again.json).toEqual({
			response: { code: '7203', description: 'Customer not found', transid: expect.stringMatching(UUID) },
		});
	});

	it('delete many: DELETE /customerprofile?customerId=… answers per id, missing ones 7203 (1002)', async () => {
		sb.store.putProfile('m1', {});
		sb.store.putProfile('m2', {});
		const res = await call('DELETE', '/customerprofile?customerId=m1&customerId=ghost&customerId=m2');
		expect(res.json).toMatchObject({
			code: '1002',
			TotalCount: 3,
			SuccessCount: 2,
			FailureCount: 1,
			Results: [
				{ customerId: 'm1', code: '1000' },
				{ customerId: 'ghost', code: '7203', description: 'Customer not found' },
				{ customerId: 'm2', code: '1000' },
			],
		});
		expect(sb.store.counts.profiles).toBe(0);
	});

	it('deleting a master profile leaves its app profiles in place', async () => {
		sb.store.putProfile('keep-apps', { name: 'K' });
		sb.store.putAppProfile(APP, 'keep-apps', { userId: 'u', deviceId: 'd' });
		await call('DELETE', '/customerprofile/keep-apps');
		expect(sb.store.getProfile('keep-apps')).toBeUndefined();
		expect(sb.store.getAppProfiles(APP, 'keep-apps')).toEqual([{ customerId: 'keep-apps', userId: 'u', deviceId: 'd' }]);
	});

	describe('showinwardlinks', () => {
		beforeEach(() => {
			sb.store.putProfile('L', { name: 'Links' });
			sb.store.putAppProfile(APP, 'L', { userId: 'uL', deviceId: 'phone', channel: 'rt', os: 'Android' });
			sb.store.putAppProfile(APP, 'L', { userId: 'uL', deviceId: 'tablet', channel: 'rt', os: 'iOS' });
			sb.store.putAppProfile(APP2, 'L', { channel: 'twitter', twitter_handle: 'links' });
		});
		const inward = async (query: string) => (await call('GET', `/customerprofile/L${query}`)).json.Records[0];
		const plain = (cells: Array<{ Name: string; Value: unknown }>) =>
			Object.fromEntries(cells.map((c) => [c.Name, c.Value]));

		it('0 (and missing or invalid): InwardLinks empty', async () => {
			for (const q of ['?showinwardlinks=0', '', '?showinwardlinks=abc']) {
				const record = await inward(q);
				expect(record.InwardLinks).toEqual([]);
				expect(record.OutwardLinks).toEqual([]);
			}
		});

		it('1: one link per app, key attributes only (customerId, userId, deviceId, channel)', async () => {
			const record = await inward('?showinwardlinks=1');
			expect(record.InwardLinks).toHaveLength(2);
			const [first, second] = record.InwardLinks;
			expect(first).toMatchObject({ ProfileID: expect.any(Number), ProfileName: `${APP}_app`, AppID: APP });
			expect(first.Records.map(plain)).toEqual([
				{ customerId: 'L', userId: 'uL', deviceId: 'phone', channel: 'rt' },
				{ customerId: 'L', userId: 'uL', deviceId: 'tablet', channel: 'rt' },
			]);
			expect(second).toMatchObject({ ProfileName: `${APP2}_app`, AppID: APP2 });
			expect(second.Records.map(plain)).toEqual([{ customerId: 'L', channel: 'twitter' }]);
			expect(second.ProfileID).not.toBe(first.ProfileID);
		});

		it('2: the same links with all attributes of each app profile record', async () => {
			const record = await inward('?showinwardlinks=2');
			expect(record.InwardLinks.map((l: { Records: Array<Array<{ Name: string; Value: unknown }>> }) => l.Records.map(plain))).toEqual([
				[
					{ customerId: 'L', userId: 'uL', deviceId: 'phone', channel: 'rt', os: 'Android' },
					{ customerId: 'L', userId: 'uL', deviceId: 'tablet', channel: 'rt', os: 'iOS' },
				],
				[{ customerId: 'L', channel: 'twitter', twitter_handle: 'links' }],
			]);
		});

		it('applies to the multi-get too', async () => {
			sb.store.putProfile('N', {});
			const res = await call('GET', '/customerprofile?customerId=N&customerId=L&showinwardlinks=1');
			expect(res.json.Records.map((r: { InwardLinks: unknown[] }) => r.InwardLinks.length)).toEqual([0, 2]);
		});
	});
});
