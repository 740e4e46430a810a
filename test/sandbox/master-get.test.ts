/** Sandbox: master (customer) profile reads (GET), docs/profile-api.md#paths and #answers. */
import { APP, APP2, UUID, call, sb, useMasterSandbox } from './master-support';

describe('sandbox: master profiles: get', () => {
	useMasterSandbox();

	it('starts on 127.0.0.1 with the given key', () => {
		expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sb.baseUrl).toBe(`${sb.url}/resources/v2`);
		expect(sb.key).toBe('sandbox-key');
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

	it('7012: more than 100 customerId values on a multi-GET or multi-DELETE', async () => {
		sb.store.putProfile('id-0', {});
		const ids = (n: number) => Array.from({ length: n }, (_, i) => `customerId=id-${i}`).join('&');
		expect((await call('GET', `/customerprofile?${ids(101)}`)).json.response.code).toBe('7012');
		expect((await call('DELETE', `/customerprofile?${ids(101)}`)).json.response.code).toBe('7012');
		expect(sb.store.getProfile('id-0')).toEqual({ customerId: 'id-0' });
		expect((await call('GET', `/customerprofile?${ids(100)}`)).json.Records).toHaveLength(1);
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
