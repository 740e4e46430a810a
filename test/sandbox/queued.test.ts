/** Sandbox: queued mode, status polling, ordering, legacy acknowledgements. */
import { sleep } from 'n8n-workflow';

import { callSandbox, startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type CallInit = Parameters<typeof callSandbox>[3];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const APP = 'a_636035705699961900';

describe('sandbox: queued mode', () => {
	let sb: Sandbox;
	const call = async (method: string, path: string, init?: CallInit) => await callSandbox(sb, method, path, init);
	const status = async (transid: string) => await call('GET', `/profile/status/${transid}`);
	const createProfiles = async (...records: Array<[string, Record<string, unknown>]>) =>
		await call('POST', '/customerprofile', {
			body: { Records: records.map(([customerId, Attributes]) => ({ customerId, Attributes })) },
		});

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, mode: 'queued', queuePolls: 2, queueDelayMs: 60_000 });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	it('POST answers HTTP 202 shape B QUEUED and applies nothing yet', async () => {
		const res = await createProfiles(['q1', { name: 'One' }], ['q2', { name: 'Two' }]);
		expect(res.status).toBe(202);
		expect(res.json).toEqual({
			TotalCount: 2,
			SuccessCount: 2,
			FailureCount: 0,
			code: '1000',
			description: 'QUEUED',
			transid: expect.stringMatching(UUID),
			Results: [
				{ customerId: 'q1', code: '1000', description: 'QUEUED' },
				{ customerId: 'q2', code: '1000', description: 'QUEUED' },
			],
		});
		expect(sb.store.counts.profiles).toBe(0);
		expect(sb.pendingWrites).toBe(1);
	});

	it('status: queuePolls polls answer 7600, the next applies the write and answers the real results', async () => {
		sb.store.putProfile('exists', { name: 'Old' });
		const res = await createProfiles(['exists', { name: 'X' }], ['fresh', { name: 'Fresh' }]);
		const transid: string = res.json.transid;
		for (let poll = 0; poll < 2; poll++) {
			const pending = await status(transid);
			expect(pending.json).toEqual({
				response: { code: '7600', description: 'No result found', transid: expect.stringMatching(UUID) },
			});
			expect(sb.store.getProfile('fresh')).toBeUndefined();
		}
		const done = await status(transid);
		expect(done.status).toBe(200);
		expect(done.json).toEqual({
			TotalCount: 2,
			SuccessCount: 1,
			FailureCount: 1,
			code: '1002',
			description: 'Partial success',
			transid,
			Results: [
				{ customerId: 'exists', code: '7015', description: 'Customer already exists' },
				{ customerId: 'fresh', code: '1000', description: 'SUCCESS' },
			],
		});
		expect(sb.store.getProfile('fresh')).toEqual({ customerId: 'fresh', name: 'Fresh' });
		expect(sb.store.getProfile('exists')).toEqual({ customerId: 'exists', name: 'Old' });
		// later polls keep answering the same result
		expect((await status(transid)).json).toEqual(done.json);
	});

	it('an all-success queued write answers 1000 SUCCESS on the status route', async () => {
		sb.configure({ queuePolls: 0 });
		const res = await createProfiles(['s1', { name: 'S' }]);
		const done = await status(res.json.transid);
		expect(done.json).toMatchObject({ code: '1000', description: 'SUCCESS', SuccessCount: 1 });
	});

	it('queueDelayMs applies the write without any poll', async () => {
		sb.configure({ queueDelayMs: 50, queuePolls: 100 });
		const res = await createProfiles(['late', { name: 'L' }]);
		expect(sb.store.getProfile('late')).toBeUndefined();
		for (let i = 0; i < 50 && sb.store.getProfile('late') === undefined; i++) await sleep(20);
		expect(sb.store.getProfile('late')).toEqual({ customerId: 'late', name: 'L' });
		expect((await status(res.json.transid)).json.code).toBe('1000');
	});

	it('writes are applied in the order received: polling a later write applies the earlier ones first', async () => {
		sb.configure({ queuePolls: 0 });
		const first = await createProfiles(['o1', { name: 'created' }]);
		const second = await call('PUT', '/customerprofile', {
			body: { Records: [{ customerId: 'o1', Attributes: { name: 'updated' } }] },
		});
		const third = await call('DELETE', '/customerprofile?customerId=o1');
		expect(sb.store.getProfile('o1')).toBeUndefined();
		// ask the PUT first: the POST must land before it, or the update would fail 7014
		const updated = await status(second.json.transid);
		expect(updated.json.Results).toEqual([{ customerId: 'o1', code: '1000', description: 'SUCCESS' }]);
		expect(sb.store.getProfile('o1')).toEqual({ customerId: 'o1', name: 'updated' });
		expect(sb.pendingWrites).toBe(1);
		expect((await status(first.json.transid)).json.code).toBe('1000');
		expect((await status(third.json.transid)).json.code).toBe('1000');
		expect(sb.store.getProfile('o1')).toBeUndefined();
	});

	it('PUT answers HTTP 200, DELETE HTTP 202, both QUEUED', async () => {
		sb.store.putProfile('p', {});
		const put = await call('PUT', '/customerprofile', { body: { Records: [{ customerId: 'p', Attributes: { name: 'N' } }] } });
		expect([put.status, put.json.description]).toEqual([200, 'QUEUED']);
		const del = await call('DELETE', '/customerprofile/p');
		expect([del.status, del.json.description]).toEqual([202, 'QUEUED']);
		expect(del.json.Results).toEqual([{ customerId: 'p', code: '1000', description: 'QUEUED' }]);
		expect(sb.store.getProfile('p')).toEqual({ customerId: 'p' });
	});

	it('a queued single delete of a missing profile is QUEUED, and its status says 7203', async () => {
		sb.configure({ queuePolls: 0 });
		const del = await call('DELETE', '/customerprofile/ghost');
		expect(del.json.code).toBe('1000');
		const done = await status(del.json.transid);
		expect(done.json).toMatchObject({ code: '1002', Results: [{ customerId: 'ghost', code: '7203' }] });
	});

	it('app profile writes and deletes queue too (device delete acknowledges with userId)', async () => {
		sb.configure({ queuePolls: 0 });
		const created = await call('POST', `/customerappprofile/${APP}`, {
			body: { Records: [{ customerId: 'c1', Attributes: { userId: 'u1', deviceId: 'd1' } }] },
		});
		expect([created.status, created.json.description]).toEqual([202, 'QUEUED']);
		const removed = await call('DELETE', `/customerappprofile/${APP}/u1/d1`);
		expect(removed.status).toBe(202);
		expect(removed.json.Results).toEqual([{ customerId: 'u1', userId: 'u1', code: '1000', description: 'QUEUED' }]);
		expect(sb.store.counts.appProfiles).toBe(0);
		expect((await status(created.json.transid)).json.code).toBe('1000');
		expect(sb.store.counts.appProfiles).toBe(1);
		expect((await status(removed.json.transid)).json.Results).toEqual([
			{ customerId: 'c1', userId: 'u1', code: '1000', description: 'SUCCESS' },
		]);
		expect(sb.store.counts.appProfiles).toBe(0);
	});

	it('request-level checks still answer at once, and queue nothing', async () => {
		expect((await call('POST', '/customerprofile', { key: 'bad', body: { Records: [{}] } })).json.response.code).toBe('7001');
		expect((await call('POST', '/customerprofile', { rawBody: '{' })).json.response.code).toBe('7000');
		expect((await call('POST', '/customerprofile', { body: { Records: [] } })).json.response.code).toBe('7003');
		expect((await call('DELETE', '/customerprofile')).json.response.code).toBe('7003');
		const many = { Records: Array.from({ length: 101 }, (_, i) => ({ customerId: `${i}`, Attributes: {} })) };
		expect((await call('POST', '/customerprofile', { body: many })).json.response.code).toBe('7012');
		expect((await call('POST', '/customerappprofile/nope', { body: { Records: [{}] } })).json.response.code).toBe('7018');
		expect(sb.pendingWrites).toBe(0);
	});

	it('per-record checks wait for the status (7017 is only seen there)', async () => {
		sb.configure({ queuePolls: 0 });
		const res = await createProfiles(['bad', { shoeSize: 44 }]);
		expect(res.json.Results).toEqual([{ customerId: 'bad', code: '1000', description: 'QUEUED' }]);
		expect((await status(res.json.transid)).json.Results).toEqual([
			{ customerId: 'bad', code: '7017', description: "Profile attribute doesn't exist" },
		]);
	});

	it('reads are never queued', async () => {
		sb.store.putProfile('r', { name: 'R' });
		const res = await call('GET', '/customerprofile/r');
		expect([res.status, res.json.code, res.json.Records.length]).toEqual([200, '1000', 1]);
	});

	it('legacyQueued: the legacy {"response":{"code":"1001","description":"Queued"}} acknowledgement', async () => {
		sb.configure({ legacyQueued: true, queuePolls: 1 });
		const res = await createProfiles(['legacy', { name: 'Old school' }]);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ response: { code: '1001', description: 'Queued', transid: expect.stringMatching(UUID) } });
		const transid: string = res.json.response.transid;
		expect((await status(transid)).json.response.code).toBe('7600');
		const done = await status(transid);
		expect(done.json).toMatchObject({ code: '1000', description: 'SUCCESS', transid });
		expect(sb.store.getProfile('legacy')).toEqual({ customerId: 'legacy', name: 'Old school' });
		expect(sb.log.entries[0].code).toBe('1001');
	});

	it('close() applies the writes still queued', async () => {
		const other = await startSandbox({ port: 0, mode: 'queued', queueDelayMs: 60_000 });
		await callSandbox(other, 'POST', '/customerprofile', { body: { Records: [{ customerId: 'z', Attributes: {} }] } });
		expect(other.store.counts.profiles).toBe(0);
		await other.close();
		expect(other.store.getProfile('z')).toEqual({ customerId: 'z' });
	});
});

describe('sandbox: status of writes in success mode', () => {
	it('a write answered at once can still be polled by its transid', async () => {
		const sb = await startSandbox({ port: 0 });
		try {
			const res = await callSandbox(sb, 'POST', '/customerprofile', {
				body: { Records: [{ customerId: 's', Attributes: { name: 'S' } }] },
			});
			expect(res.status).toBe(200);
			expect(res.json.description).toBe('SUCCESS');
			const polled = await callSandbox(sb, 'GET', `/profile/status/${res.json.transid}`);
			expect(polled.json).toEqual(res.json);
		} finally {
			await sb.close();
		}
	});
});
