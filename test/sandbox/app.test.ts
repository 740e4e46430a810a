/** Sandbox: app (channel) profile operations, docs/profile-api.md#paths and #answers. */
import { callSandbox, startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type CallInit = Parameters<typeof callSandbox>[3];
type Cell = { Name: string; Value: unknown; ID: number };
type ReadRecord = { Attributes: Cell[]; InwardLinks: unknown[]; OutwardLinks: Array<{ ProfileID: number; ProfileName: string; Records: Cell[][] }> };

const APP = 'a_636035705699961900';
const BASE = `/customerappprofile/${APP}`;

const plain = (cells: Cell[]) => Object.fromEntries(cells.map((c) => [c.Name, c.Value]));

describe('sandbox: app profiles', () => {
	let sb: Sandbox;
	const call = async (method: string, path: string, init?: CallInit) => await callSandbox(sb, method, path, init);
	const write = async (method: string, records: unknown[], appId = APP) =>
		await call(method, `/customerappprofile/${appId}`, { body: { Records: records } });
	const devices = (json: { Records: ReadRecord[] }) => json.Records.map((r) => plain(r.Attributes).deviceId);

	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	it('uses the default key sandbox-profile-key', () => {
		expect(sb.key).toBe('sandbox-profile-key');
	});

	it('create: POST /customerappprofile/{appId} adds records; a second device of a customer is allowed', async () => {
		const res = await write('POST', [
			{ customerId: '70993', Attributes: { userId: '112200', deviceId: '3304401', status: 1, os: 'Android' } },
			{ customerId: '70993', Attributes: { userId: '112200', deviceId: '3304402', status: '1', anything_goes: 'yes' } },
		]);
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			code: '1000',
			description: 'SUCCESS',
			SuccessCount: 2,
			Results: [
				{ customerId: '70993', code: '1000', description: 'SUCCESS' },
				{ customerId: '70993', code: '1000', description: 'SUCCESS' },
			],
		});
		expect(sb.store.getAppProfiles(APP, '70993')).toEqual([
			{ customerId: '70993', userId: '112200', deviceId: '3304401', status: 1, os: 'Android' },
			{ customerId: '70993', userId: '112200', deviceId: '3304402', status: '1', anything_goes: 'yes' },
		]);
		expect(sb.store.counts).toEqual({ profiles: 0, appProfiles: 2 });
	});

	it('7209: same customer and same deviceId, or no deviceId when the customer has a record', async () => {
		sb.store.putAppProfile(APP, 'c1', { deviceId: 'd1' });
		const res = await write('POST', [
			{ customerId: 'c1', Attributes: { deviceId: 'd1', os: 'x' } },
			{ customerId: 'c1', Attributes: { os: 'no device' } },
			{ customerId: 'c1', Attributes: { deviceId: 'd2' } },
		]);
		expect(res.json).toMatchObject({ code: '1002', SuccessCount: 1, FailureCount: 2 });
		expect(res.json.Results).toEqual([
			{ customerId: 'c1', code: '7209', description: 'App profile already exists' },
			{ customerId: 'c1', code: '7209', description: 'App profile already exists' },
			{ customerId: 'c1', code: '1000', description: 'SUCCESS' },
		]);
		expect(sb.store.getAppProfiles(APP, 'c1')).toEqual([
			{ customerId: 'c1', deviceId: 'd1' },
			{ customerId: 'c1', deviceId: 'd2' },
		]);
	});

	it('7205 (not 7011): an object or array value fails that record', async () => {
		const res = await write('POST', [
			{ customerId: 'v1', Attributes: { location: { lat: 1 } } },
			{ customerId: 'v2', Attributes: { accounts: ['a'] } },
			{ customerId: 'v3', Attributes: { accounts: 'a' } },
		]);
		expect(res.json.Results).toEqual([
			{ customerId: 'v1', code: '7205', description: 'Invalid attribute value' },
			{ customerId: 'v2', code: '7205', description: 'Invalid attribute value' },
			{ customerId: 'v3', code: '1000', description: 'SUCCESS' },
		]);
		expect(sb.store.counts.appProfiles).toBe(1);
	});

	it('get: GET /{appId}/{customerId} answers every device record, linked out to the master profile', async () => {
		sb.store.putProfile('8953', { name: 'Master' });
		sb.store.putAppProfile(APP, '8953', { userId: 'u', deviceId: 'a', timespent: 385 });
		sb.store.putAppProfile(APP, '8953', { userId: 'u', deviceId: 'b' });
		const res = await call('GET', `${BASE}/8953`);
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ Status: 0, Description: 'success', code: '1000' });
		const records: ReadRecord[] = res.json.Records;
		expect(records.map((r) => plain(r.Attributes))).toEqual([
			{ customerId: '8953', userId: 'u', deviceId: 'a', timespent: 385 },
			{ customerId: '8953', userId: 'u', deviceId: 'b' },
		]);
		expect(records[0].InwardLinks).toEqual([]);
		expect(records[0].OutwardLinks).toEqual([
			{
				ProfileID: expect.any(Number),
				ProfileName: 'sandbox_cpms_1',
				Records: [[{ Name: 'customerId', Value: '8953', ID: expect.any(Number) }, { Name: 'name', Value: 'Master', ID: expect.any(Number) }]],
			},
		]);
		// the app store's columns are its own: customerId has another ID there than in the master store
		expect(records[0].Attributes[0].ID).not.toBe(records[0].OutwardLinks[0].Records[0][0].ID);
		expect(records[1].Attributes[0].ID).toBe(records[0].Attributes[0].ID);
	});

	it('get: OutwardLinks is empty without a master profile; nothing found is 7014', async () => {
		sb.store.putAppProfile(APP, 'lonely', { deviceId: 'x' });
		const res = await call('GET', `${BASE}/lonely`);
		expect(res.json.Records[0].OutwardLinks).toEqual([]);
		const none = await call('GET', `${BASE}/nobody`);
		expect(none.json.response).toMatchObject({ code: '7014' });
	});

	it('get many: GET /{appId}?customerId=a&customerId=b answers all records of those customers in asked order', async () => {
		sb.store.putAppProfile(APP, 'a', { deviceId: 'a1' });
		sb.store.putAppProfile(APP, 'b', { deviceId: 'b1' });
		sb.store.putAppProfile(APP, 'a', { deviceId: 'a2' });
		const res = await call('GET', `${BASE}?customerId=b&customerId=ghost&customerId=a`);
		expect(devices(res.json)).toEqual(['b1', 'a1', 'a2']);
		const none = await call('GET', `${BASE}?customerId=ghost`);
		expect(none.json.response.code).toBe('7014');
	});

	it('get by user: GET /{appId}?identifier={userId} answers the records whose userId matches', async () => {
		sb.store.putAppProfile(APP, 'c1', { userId: 'u1', deviceId: 'p' });
		sb.store.putAppProfile(APP, 'c2', { userId: 'u2', deviceId: 'q' });
		sb.store.putAppProfile(APP, 'c3', { userId: 'u1', deviceId: 'r' });
		const res = await call('GET', `${BASE}?identifier=u1`);
		expect(res.json.Records.map((r: ReadRecord) => plain(r.Attributes).customerId)).toEqual(['c1', 'c3']);
		expect((await call('GET', `${BASE}?identifier=nobody`)).json.response.code).toBe('7014');
	});

	it('get by user follows userId changes made by an update', async () => {
		sb.store.putAppProfile(APP, 'c1', { userId: 'old', deviceId: 'p' });
		await write('PUT', [{ customerId: 'c1', Attributes: { userId: 'new' } }]);
		expect((await call('GET', `${BASE}?identifier=old`)).json.response.code).toBe('7014');
		expect(devices((await call('GET', `${BASE}?identifier=new`)).json)).toEqual(['p']);
	});

	it('7004: customerId and identifier together, or identifier repeated', async () => {
		sb.store.putAppProfile(APP, 'c1', { userId: 'u1' });
		expect((await call('GET', `${BASE}?customerId=c1&identifier=u1`)).json.response.code).toBe('7004');
		expect((await call('GET', `${BASE}?identifier=u1&identifier=u2`)).json.response.code).toBe('7004');
		expect((await call('DELETE', `${BASE}?customerId=c1&identifier=u1`)).json.response.code).toBe('7004');
		expect(sb.store.counts.appProfiles).toBe(1);
	});

	it('update: PUT /{appId} targets the device given by Attributes.deviceId, else all of the customer', async () => {
		sb.store.putAppProfile(APP, 'c1', { deviceId: 'p', os: 'old' });
		sb.store.putAppProfile(APP, 'c1', { deviceId: 't', os: 'old' });
		const one = await write('PUT', [{ customerId: 'c1', Attributes: { deviceId: 't', os: 'new' } }]);
		expect(one.json).toMatchObject({ code: '1000', description: 'SUCCESS' });
		expect(sb.store.getAppProfiles(APP, 'c1')).toEqual([
			{ customerId: 'c1', deviceId: 'p', os: 'old' },
			{ customerId: 'c1', deviceId: 't', os: 'new' },
		]);
		await write('PUT', [{ customerId: 'c1', Attributes: { status: 0 } }]);
		expect(sb.store.getAppProfiles(APP, 'c1')).toEqual([
			{ customerId: 'c1', deviceId: 'p', os: 'old', status: 0 },
			{ customerId: 'c1', deviceId: 't', os: 'new', status: 0 },
		]);
	});

	it('update: no record (or no such device) is 7014 for that record', async () => {
		sb.store.putAppProfile(APP, 'c1', { deviceId: 'p' });
		const res = await write('PUT', [
			{ customerId: 'ghost', Attributes: { os: 'x' } },
			{ customerId: 'c1', Attributes: { deviceId: 'other', os: 'x' } },
		]);
		expect(res.json).toMatchObject({ code: '1002', FailureCount: 2 });
		expect(res.json.Results.map((r: { code: string }) => r.code)).toEqual(['7014', '7014']);
		expect(sb.store.getAppProfiles(APP, 'c1')).toEqual([{ customerId: 'c1', deviceId: 'p' }]);
	});

	it('delete: DELETE /{appId}/{customerId} removes all of the customer’s records; none is a 7014 error', async () => {
		sb.store.putAppProfile(APP, 'c1', { deviceId: 'p' });
		sb.store.putAppProfile(APP, 'c1', { deviceId: 't' });
		sb.store.putAppProfile(APP, 'c2', { deviceId: 'p' });
		const res = await call('DELETE', `${BASE}/c1`);
		expect(res.json).toMatchObject({ code: '1000', Results: [{ customerId: 'c1', code: '1000', description: 'SUCCESS' }] });
		expect(sb.store.getAppProfiles(APP)).toEqual([{ customerId: 'c2', deviceId: 'p' }]);
		const again = await call('DELETE', `${BASE}/c1`);
		expect(again.json.response).toMatchObject({ code: '7014' });
	});

	it('delete many: DELETE /{appId}?customerId=… answers per id, missing 7014 (1002)', async () => {
		sb.store.putAppProfile(APP, 'c1', { deviceId: 'p' });
		sb.store.putAppProfile(APP, 'c2', { deviceId: 'p' });
		const res = await call('DELETE', `${BASE}?customerId=c1&customerId=ghost&customerId=c2`);
		expect(res.json).toMatchObject({ code: '1002', SuccessCount: 2, FailureCount: 1 });
		expect(res.json.Results.map((r: { customerId: string; code: string }) => `${r.customerId}:${r.code}`)).toEqual([
			'c1:1000',
			'ghost:7014',
			'c2:1000',
		]);
		expect(sb.store.counts.appProfiles).toBe(0);
	});

	it('delete by user: DELETE /{appId}?identifier={userId} removes all records of that user; none is 7014', async () => {
		sb.store.putAppProfile(APP, 'c1', { userId: 'u1', deviceId: 'p' });
		sb.store.putAppProfile(APP, 'c1', { userId: 'u1', deviceId: 't' });
		sb.store.putAppProfile(APP, 'c2', { userId: 'u2', deviceId: 'p' });
		const res = await call('DELETE', `${BASE}?identifier=u1`);
		expect(res.json).toMatchObject({ code: '1000', TotalCount: 2 });
		expect(res.json.Results).toEqual([
			{ customerId: 'c1', code: '1000', description: 'SUCCESS', userId: 'u1' },
			{ customerId: 'c1', code: '1000', description: 'SUCCESS', userId: 'u1' },
		]);
		expect(sb.store.getAppProfiles(APP)).toEqual([{ customerId: 'c2', userId: 'u2', deviceId: 'p' }]);
		expect((await call('DELETE', `${BASE}?identifier=u1`)).json.response.code).toBe('7014');
	});

	it('delete device: DELETE /{appId}/{customerId or userId}/{deviceId}; Results carry userId', async () => {
		for (const deviceId of ['phone', 'tablet', 'watch']) sb.store.putAppProfile(APP, '323536', { userId: 'user123', deviceId });
		const byCustomer = await call('DELETE', `${BASE}/323536/tablet`);
		expect(byCustomer.status).toBe(200);
		expect(byCustomer.json).toMatchObject({
			code: '1000',
			description: 'SUCCESS',
			Results: [{ customerId: '323536', code: '1000', description: 'SUCCESS', userId: 'user123' }],
		});
		const byUser = await call('DELETE', `${BASE}/user123/watch`);
		expect(byUser.json.Results).toEqual([{ customerId: '323536', code: '1000', description: 'SUCCESS', userId: 'user123' }]);
		expect(sb.store.getAppProfiles(APP, '323536').map((r) => r.deviceId)).toEqual(['phone']);
		const none = await call('DELETE', `${BASE}/323536/watch`);
		expect(none.json.response).toMatchObject({ code: '7014' });
		expect(sb.store.counts.appProfiles).toBe(1);
	});

	it('7018: an app id that is not registered, on every form; a registered one can be added at run time', async () => {
		const forms: Array<[string, string, unknown?]> = [
			['GET', '/customerappprofile/nope/c1'],
			['GET', '/customerappprofile/nope?customerId=c1'],
			['GET', '/customerappprofile/nope?identifier=u1'],
			['POST', '/customerappprofile/nope', { Records: [{ customerId: 'c1', Attributes: {} }] }],
			['PUT', '/customerappprofile/nope', { Records: [{ customerId: 'c1', Attributes: {} }] }],
			['DELETE', '/customerappprofile/nope/c1'],
			['DELETE', '/customerappprofile/nope?customerId=c1'],
			['DELETE', '/customerappprofile/nope/c1/d1'],
		];
		for (const [method, path, body] of forms) {
			const res = await call(method, path, { body });
			expect(res.json.response).toMatchObject({
				code: '7018',
				description: 'invalid app profile or app profile is not linked to this client',
			});
		}
		sb.configure({ appIds: [APP, 'nope'] });
		const created = await write('POST', [{ customerId: 'c1', Attributes: {} }], 'nope');
		expect(created.json.code).toBe('1000');
		expect(sb.store.getAppProfiles('nope')).toEqual([{ customerId: 'c1' }]);
	});

	it('app writes share the request checks: 7003 without Records, 7012 over 100, both before 7018', async () => {
		expect((await call('POST', '/customerappprofile/nope', { body: {} })).json.response.code).toBe('7003');
		const many = Array.from({ length: 101 }, (_, i) => ({ customerId: `c${i}`, Attributes: {} }));
		expect((await write('POST', many, 'nope')).json.response.code).toBe('7012');
		expect((await write('POST', many)).json.response.code).toBe('7012');
		expect((await call('GET', '/customerappprofile/nope')).json.response.code).toBe('7003');
		const ids = Array.from({ length: 101 }, (_, i) => `customerId=c${i}`).join('&');
		expect((await call('GET', `${BASE}?${ids}`)).json.response.code).toBe('7012');
		expect((await call('DELETE', `${BASE}?${ids}`)).json.response.code).toBe('7012');
		expect(sb.store.counts.appProfiles).toBe(0);
	});
});
