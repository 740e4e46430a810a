/** Sandbox: the request log, and percent-encoded ids reaching the store as one decoded id. */
import { callSandbox, startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type CallInit = Parameters<typeof callSandbox>[3];

const APP = 'a_636035705699961900';

describe('sandbox: request log', () => {
	let sb: Sandbox;
	const call = async (method: string, path: string, init?: CallInit) => await callSandbox(sb, method, path, init);

	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	it('keeps method, raw path, decoded path, query arrays, parsed body, status, code, time', async () => {
		const before = Date.now();
		const body = { Records: [{ customerId: 'a/b', Attributes: { name: 'Slash' } }] };
		await call('POST', '/customerprofile', { body });
		await call('GET', '/customerprofile?customerId=a%2Fb&customerId=c+d&showinwardlinks=1');
		await call('GET', '/customerprofile/a%2Fb', { key: 'wrong' });
		expect(sb.log.entries).toHaveLength(3);
		const [post, getMany, wrongKey] = sb.log.entries;
		expect(post).toMatchObject({
			method: 'POST',
			rawPath: '/resources/v2/customerprofile',
			path: '/customerprofile',
			query: {},
			body,
			status: 200,
			code: '1000',
		});
		expect(post.time).toBeGreaterThanOrEqual(before);
		expect(post.time).toBeLessThanOrEqual(Date.now());
		expect(getMany).toMatchObject({
			method: 'GET',
			rawPath: '/resources/v2/customerprofile?customerId=a%2Fb&customerId=c+d&showinwardlinks=1',
			path: '/customerprofile',
			query: { customerId: ['a/b', 'c d'], showinwardlinks: ['1'] },
			body: undefined,
			code: '1000',
		});
		expect(wrongKey).toMatchObject({
			rawPath: '/resources/v2/customerprofile/a%2Fb',
			path: '/customerprofile/a/b',
			status: 200,
			code: '7001',
		});
	});

	it('keeps a body that is not JSON as its raw text', async () => {
		await call('PUT', '/customerprofile', { rawBody: 'not json at all' });
		expect(sb.log.entries[0]).toMatchObject({ body: 'not json at all', code: '7000' });
	});

	it('count(filter) by method and path prefix (compared with the decoded path); clear()', async () => {
		await call('GET', '/customerprofile/x');
		await call('GET', `/customerappprofile/${APP}/x`);
		await call('DELETE', '/customerprofile/x');
		await call('GET', '/profile/status/t');
		expect(sb.log.count()).toBe(4);
		expect(sb.log.count({ method: 'GET' })).toBe(3);
		expect(sb.log.count({ method: 'get', pathPrefix: '/customerprofile' })).toBe(1);
		expect(sb.log.count({ pathPrefix: '/customer' })).toBe(3);
		expect(sb.log.count({ pathPrefix: '/profile/status/' })).toBe(1);
		const entries = sb.log.entries;
		sb.log.clear();
		expect(sb.log.count()).toBe(0);
		expect(entries).toHaveLength(0);
	});

	it('logBodies: false keeps no bodies (the rest of the entry stays)', async () => {
		sb.configure({ logBodies: false });
		await call('POST', '/customerprofile', { body: { Records: [{ customerId: 'q', Attributes: {} }] } });
		expect(sb.log.entries[0].body).toBeUndefined();
		expect(sb.log.entries[0]).toMatchObject({ method: 'POST', code: '1000', status: 200 });
	});

	it('each answer has its own transid, and the log entry carries it', async () => {
		const a = await call('GET', '/customerprofile/x');
		const b = await call('GET', '/customerprofile/x');
		expect(a.json.response.transid).not.toBe(b.json.response.transid);
		expect(sb.log.entries.map((e) => e.transid)).toEqual([a.json.response.transid, b.json.response.transid]);
	});
});

describe('sandbox: percent-encoded ids', () => {
	let sb: Sandbox;
	const call = async (method: string, path: string, init?: CallInit) => await callSandbox(sb, method, path, init);

	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	const ids: Array<[string, string]> = [
		['../x', '..%2Fx'],
		['a/b', 'a%2Fb'],
		['a?b=c', 'a%3Fb%3Dc'],
		['#x', '%23x'],
		['%2F', '%252F'],
		['a b', 'a%20b'],
		['a+b', 'a+b'],
		['Zoë Ünïcødé', 'Zo%C3%AB%20%C3%9Cn%C3%AFc%C3%B8d%C3%A9'],
		['emoji-😀', 'emoji-%F0%9F%98%80'],
	];

	it.each(ids)('%s (sent as %s) is one id end to end: get, log, delete', async (id, encoded) => {
		expect(encodeURIComponent(id).replace('%2B', '+')).toBe(encoded);
		sb.store.putProfile(id, { name: 'Tricky' });
		sb.store.putProfile('x', { name: 'Decoy' });
		const got = await call('GET', `/customerprofile/${encoded}?showinwardlinks=0`);
		expect(got.json.code).toBe('1000');
		expect(got.json.Records[0].Attributes[0]).toMatchObject({ Name: 'customerId', Value: id });
		const entry = sb.log.entries[0];
		expect(entry.rawPath).toBe(`/resources/v2/customerprofile/${encoded}?showinwardlinks=0`);
		expect(entry.path).toBe(`/customerprofile/${id}`);
		const deleted = await call('DELETE', `/customerprofile/${encoded}`);
		expect(deleted.json.Results).toEqual([{ customerId: id, code: '1000', description: 'SUCCESS' }]);
		expect(sb.store.listProfiles().map((p) => p.customerId)).toEqual(['x']);
	});

	it('an encoded slash or dot-dot cannot change the route', async () => {
		sb.store.putProfile('x', { name: 'Decoy' });
		const res = await call('GET', '/customerprofile/..%2Fcustomerprofile%2Fx');
		expect(res.json.response.code).toBe('7014');
		const status = await call('GET', `/customerappprofile/${APP}/..%2F..%2Fprofile%2Fstatus%2Fx`);
		expect(status.json.response.code).toBe('7014');
		expect(sb.log.entries[1].path).toBe(`/customerappprofile/${APP}/../../profile/status/x`);
	});

	it('ids created through the body are found through the encoded path (app profile and device)', async () => {
		const customerId = 'cust/1?a=b#c';
		const deviceId = 'dev/ice 1';
		const created = await call('POST', `/customerappprofile/${APP}`, {
			body: { Records: [{ customerId, Attributes: { userId: 'ü/ser', deviceId } }] },
		});
		expect(created.json.code).toBe('1000');
		const got = await call('GET', `/customerappprofile/${APP}/${encodeURIComponent(customerId)}`);
		expect(got.json.Records).toHaveLength(1);
		const byUser = await call('GET', `/customerappprofile/${APP}?identifier=${encodeURIComponent('ü/ser')}`);
		expect(byUser.json.Records).toHaveLength(1);
		const removed = await call(
			'DELETE',
			`/customerappprofile/${APP}/${encodeURIComponent('ü/ser')}/${encodeURIComponent(deviceId)}`,
		);
		expect(removed.json.Results).toEqual([{ customerId, userId: 'ü/ser', code: '1000', description: 'SUCCESS' }]);
		expect(sb.store.counts.appProfiles).toBe(0);
	});

	it('query ids are decoded too (%2F, %26, spaces)', async () => {
		for (const id of ['q/1', 'q&2', 'q 3']) sb.store.putProfile(id, {});
		const query = ['q/1', 'q&2', 'q 3'].map((id) => `customerId=${encodeURIComponent(id)}`).join('&');
		const res = await call('GET', `/customerprofile?${query}`);
		expect(res.json.Records.map((r: { Attributes: Array<{ Value: unknown }> }) => r.Attributes[0].Value)).toEqual([
			'q/1',
			'q&2',
			'q 3',
		]);
	});
});
