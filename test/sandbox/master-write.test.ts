/** Sandbox: master (customer) profile writes (create and update) and their checks, docs/profile-api.md#paths and #answers. */
import { UUID, call, create, sb, useMasterSandbox } from './master-support';

describe('sandbox: master profiles: create and update', () => {
	useMasterSandbox();

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
});
