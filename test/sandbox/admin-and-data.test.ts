/** Sandbox: admin endpoints, configure/reset, the data file. */
import { callSandbox, readJsonFile, removeFile, startSandbox, tempDataFile, writeTextFile } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const APP = 'a_636035705699961900';

describe('sandbox: admin endpoints', () => {
	let sb: Sandbox;
	const admin = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${sb.url}/_sandbox/${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		return { status: res.status, json: (await res.json()) as Record<string, unknown> & { entries?: Array<Record<string, unknown>> } };
	};
	const api = async (method: string, path: string, body?: unknown) => await callSandbox(sb, method, path, { body });

	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	it('GET /_sandbox/log answers the entries (from ?since=N), admin requests are not logged, no key needed', async () => {
		await api('GET', '/customerprofile/a');
		await api('GET', '/customerprofile/b');
		await api('GET', '/customerprofile/c');
		const all = await admin('GET', 'log');
		expect(all.status).toBe(200);
		expect(all.json.total).toBe(3);
		expect(all.json.entries?.map((e) => e.path)).toEqual(['/customerprofile/a', '/customerprofile/b', '/customerprofile/c']);
		const since = await admin('GET', 'log?since=2');
		expect(since.json.entries?.map((e) => e.path)).toEqual(['/customerprofile/c']);
		expect(since.json.entries?.[0]).toMatchObject({ method: 'GET', status: 200, code: '7014' });
		expect(sb.log.count()).toBe(3);
	});

	it('DELETE /_sandbox/log empties the log', async () => {
		await api('GET', '/customerprofile/a');
		expect((await admin('DELETE', 'log')).json).toEqual({ ok: true });
		expect(sb.log.count()).toBe(0);
	});

	it('GET /_sandbox/stats: requests, profiles, app profiles, 7020 answers', async () => {
		sb.store.putProfile('p1', {});
		sb.store.putAppProfile(APP, 'p1', { deviceId: 'a' });
		sb.store.putAppProfile(APP, 'p1', { deviceId: 'b' });
		await api('GET', '/customerprofile/p1');
		await api('POST', '/customerprofile', { Records: [{ customerId: 'p2', Attributes: {} }] });
		expect((await admin('GET', 'stats')).json).toEqual({
			requests: 2,
			profiles: 2,
			appProfiles: 2,
			throttled: { total: 0, byTenant: [0] },
		});
	});

	it('POST /_sandbox/config changes options at run time; a bad one is a 400 and changes nothing', async () => {
		const res = await admin('POST', 'config', { mode: 'queued', errorStatus: '4xx', queuePolls: 0 });
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ mode: 'queued', errorStatus: '4xx', queuePolls: 0 });
		const queued = await api('POST', '/customerprofile', { Records: [{ customerId: 'c', Attributes: {} }] });
		expect([queued.status, queued.json.description]).toEqual([202, 'QUEUED']);
		expect((await api('GET', '/customerprofile/none')).status).toBe(404);
		const bad = await admin('POST', 'config', { mode: 'never' });
		expect(bad.status).toBe(400);
		expect(String(bad.json.error)).toMatch(/mode/);
		expect((await admin('POST', 'config', '{not json')).status).toBe(400);
		expect((await admin('GET', 'config')).json).toMatchObject({ mode: 'queued' });
	});

	it('POST /_sandbox/faults adds scripted faults; a bad list is a 400', async () => {
		const res = await admin('POST', 'faults', [{ action: 'error7016', times: 2, match: { method: 'GET' } }]);
		expect(res.json).toEqual({ ok: true, pending: 1 });
		expect((await admin('GET', 'faults')).json).toEqual([
			{ action: 'error7016', times: 2, match: { method: 'GET' }, applied: false },
		]);
		expect((await api('GET', '/customerprofile/x')).json.response.code).toBe('7016');
		expect((await admin('POST', 'faults', [{ action: 'nope' }])).status).toBe(400);
		expect((await admin('POST', 'faults', { action: 'reset' })).status).toBe(400);
	});

	it('POST /_sandbox/reset clears store, log, faults and restores the construction options', async () => {
		sb.store.putProfile('gone', {});
		sb.configure({ mode: 'queued', key: 'other-key' });
		sb.addFaults([{ action: 'error7006' }]);
		await api('GET', '/customerprofile/gone');
		expect((await admin('POST', 'reset')).json).toEqual({ ok: true });
		expect(sb.store.counts).toEqual({ profiles: 0, appProfiles: 0 });
		expect(sb.log.count()).toBe(0);
		expect(sb.pendingFaults).toEqual([]);
		expect(sb.options).toMatchObject({ mode: 'success', key: 'sandbox-profile-key' });
		expect(sb.key).toBe('sandbox-profile-key');
		expect((await admin('GET', 'stats')).json.requests).toBe(0);
	});

	it('GET /_sandbox/store answers the whole store', async () => {
		sb.store.putProfile('s1', { name: 'S' });
		sb.store.putAppProfile(APP, 's1', { deviceId: 'd', status: 1 });
		const res = await admin('GET', 'store');
		expect(res.json).toMatchObject({
			version: 1,
			profiles: [{ customerId: 's1', name: 'S' }],
			appProfiles: { [APP]: [{ customerId: 's1', deviceId: 'd', status: 1 }] },
		});
	});

	it('an unknown admin endpoint is 404, a wrong method 405', async () => {
		expect((await admin('GET', 'nothing')).status).toBe(404);
		expect((await admin('PUT', 'log')).status).toBe(405);
	});
});

describe('sandbox: direct store access', () => {
	it('putProfile replaces, putAppProfile replaces the same device and adds another, clear empties', async () => {
		const sb = await startSandbox({ port: 0 });
		try {
			sb.store.putProfile('a', { name: 'One', extra: 1 });
			sb.store.putProfile('a', { name: 'Two' });
			expect(sb.store.getProfile('a')).toEqual({ customerId: 'a', name: 'Two' });
			sb.store.putAppProfile(APP, 'a', { deviceId: 'd', os: 'old' });
			sb.store.putAppProfile(APP, 'a', { deviceId: 'd', os: 'new' });
			sb.store.putAppProfile(APP, 'a', { deviceId: 'e' });
			expect(sb.store.getAppProfiles(APP, 'a')).toEqual([
				{ customerId: 'a', deviceId: 'd', os: 'new' },
				{ customerId: 'a', deviceId: 'e' },
			]);
			expect(sb.store.getAppProfiles('unknown')).toEqual([]);
			const copy = sb.store.getProfile('a');
			if (copy) copy.name = 'changed outside';
			expect(sb.store.getProfile('a')?.name).toBe('Two');
			sb.store.clear();
			expect(sb.store.counts).toEqual({ profiles: 0, appProfiles: 0 });
		} finally {
			await sb.close();
		}
	});
});

describe('sandbox: data file', () => {
	it('loads at start, saves after each applied write, and a new sandbox on the file sees the same data', async () => {
		const file = tempDataFile('sandbox-test');
		try {
			const first = await startSandbox({ port: 0, dataFile: file });
			expect(readJsonFile(file)).toBeUndefined();
			await callSandbox(first, 'POST', '/customerprofile', {
				body: { Records: [{ customerId: 'kept', Attributes: { name: 'Kept', msisdn: 4477 } }] },
			});
			await callSandbox(first, 'POST', `/customerappprofile/${APP}`, {
				body: { Records: [{ customerId: 'kept', Attributes: { userId: 'u', deviceId: 'd', status: 1 } }] },
			});
			expect(readJsonFile(file)).toMatchObject({
				profiles: [{ customerId: 'kept', name: 'Kept', msisdn: 4477 }],
				appProfiles: { [APP]: [{ customerId: 'kept', userId: 'u', deviceId: 'd', status: 1 }] },
			});
			const before = await callSandbox(first, 'GET', '/customerprofile/kept?showinwardlinks=2');
			await first.close();

			const second = await startSandbox({ port: 0, dataFile: file });
			try {
				expect(second.store.getProfile('kept')).toEqual({ customerId: 'kept', name: 'Kept', msisdn: 4477 });
				expect(second.store.getAppProfiles(APP, 'kept')).toEqual([{ customerId: 'kept', userId: 'u', deviceId: 'd', status: 1 }]);
				const after = await callSandbox(second, 'GET', '/customerprofile/kept?showinwardlinks=2');
				// same records, same column and store ids
				expect(after.json.Records).toEqual(before.json.Records);
				await callSandbox(second, 'DELETE', '/customerprofile/kept');
				expect(readJsonFile(file)).toMatchObject({ profiles: [] });
			} finally {
				await second.close();
			}
		} finally {
			removeFile(file);
		}
	});

	it('queued writes are saved when they are applied', async () => {
		const file = tempDataFile('sandbox-test');
		try {
			const sb = await startSandbox({ port: 0, dataFile: file, mode: 'queued', queuePolls: 0 });
			const res = await callSandbox(sb, 'POST', '/customerprofile', {
				body: { Records: [{ customerId: 'q', Attributes: {} }] },
			});
			expect(readJsonFile(file)).toBeUndefined();
			await callSandbox(sb, 'GET', `/profile/status/${res.json.transid}`);
			expect(readJsonFile(file)).toMatchObject({ profiles: [{ customerId: 'q' }] });
			await sb.close();
		} finally {
			removeFile(file);
		}
	});

	it('a data file that is not JSON (or not readable) makes startSandbox fail', async () => {
		const file = tempDataFile('sandbox-test');
		try {
			writeTextFile(file, '{"version":1,"profiles":[');
			await expect(startSandbox({ port: 0, dataFile: file })).rejects.toThrow(/not valid JSON/);
			await expect(startSandbox({ port: 0, dataFile: '.' })).rejects.toThrow();
		} finally {
			removeFile(file);
		}
	});
});
