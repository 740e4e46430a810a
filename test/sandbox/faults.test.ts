/** Sandbox: scripted faults, random shares with a seed, rate limit, latency. */
import { sleep } from 'n8n-workflow';

import { callSandbox, startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type CallInit = Parameters<typeof callSandbox>[3];

const record = (customerId: string) => ({ customerId, Attributes: { name: `Name ${customerId}` } });

describe('sandbox: scripted faults', () => {
	let sb: Sandbox;
	const call = async (method: string, path: string, init?: CallInit) => await callSandbox(sb, method, path, init);
	const create = async (...ids: string[]) => await call('POST', '/customerprofile', { body: { Records: ids.map(record) } });

	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	it('rateLimit: 7020, the write not applied', async () => {
		sb.addFaults([{ action: 'rateLimit' }]);
		const res = await create('r1');
		expect(res.status).toBe(200);
		expect(res.json.response).toMatchObject({ code: '7020', description: 'You have reached maximum transaction limit' });
		expect(sb.store.counts.profiles).toBe(0);
		expect((await create('r1')).json.code).toBe('1000');
	});

	it('error7006 and error7016: error envelopes, not applied', async () => {
		sb.addFaults([{ action: 'error7006' }, { action: 'error7016' }]);
		expect((await create('e1')).json.response).toMatchObject({ code: '7006', description: 'Internal error occurred' });
		expect((await create('e1')).json.response.code).toBe('7016');
		expect(sb.store.counts.profiles).toBe(0);
	});

	it('http500: HTTP 500 with an empty body; http503: HTTP 503 with an HTML page', async () => {
		sb.addFaults([{ action: 'http500' }, { action: 'http503' }]);
		const e500 = await create('h1');
		expect([e500.status, e500.text]).toEqual([500, '']);
		const e503 = await create('h1');
		expect(e503.status).toBe(503);
		expect(e503.headers.get('content-type')).toMatch(/^text\/html/);
		expect(e503.text).toContain('<h1>503 Service Unavailable</h1>');
		expect(e503.json).toBeUndefined();
		expect(sb.store.counts.profiles).toBe(0);
	});

	it('reset: the connection is destroyed without an answer', async () => {
		sb.addFaults([{ action: 'reset' }]);
		await expect(create('x1')).rejects.toThrow();
		expect(sb.store.counts.profiles).toBe(0);
		expect(sb.log.entries[0]).toMatchObject({ status: 0, code: '', fault: 'reset' });
		expect((await create('x1')).json.code).toBe('1000');
	});

	it('hang: no answer until the client gives up; close() still returns', async () => {
		const other = await startSandbox({ port: 0 });
		other.addFaults([{ action: 'hang', times: 2 }]);
		const started = Date.now();
		await expect(callSandbox(other, 'GET', '/customerprofile/x', { signal: AbortSignal.timeout(150) })).rejects.toThrow();
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		const stuck = callSandbox(other, 'GET', '/customerprofile/x');
		const outcome = stuck.then(
			() => 'answered',
			() => 'failed',
		);
		await sleep(50);
		await other.close();
		expect(await outcome).toBe('failed');
	});

	it('malformed: HTTP 200 with JSON cut in the middle', async () => {
		sb.addFaults([{ action: 'malformed' }]);
		const res = await create('m1');
		expect(res.status).toBe(200);
		expect(res.text.length).toBeGreaterThan(0);
		expect(() => JSON.parse(res.text) as unknown).toThrow();
		expect(res.text.startsWith('{"')).toBe(true);
		expect(sb.store.counts.profiles).toBe(0);
	});

	it('partial: 1002 with the first record failing 7006 (not applied), the others applied', async () => {
		sb.addFaults([{ action: 'partial' }]);
		const res = await create('p1', 'p2', 'p3');
		expect(res.json).toMatchObject({
			code: '1002',
			SuccessCount: 2,
			FailureCount: 1,
			Results: [
				{ customerId: 'p1', code: '7006', description: 'Internal error occurred' },
				{ customerId: 'p2', code: '1000' },
				{ customerId: 'p3', code: '1000' },
			],
		});
		expect(sb.store.listProfiles().map((p) => p.customerId)).toEqual(['p2', 'p3']);
	});

	it('partial on a multi-delete fails the first id; on a read it answers 7006', async () => {
		for (const id of ['d1', 'd2']) sb.store.putProfile(id, {});
		sb.addFaults([{ action: 'partial', times: 2 }]);
		const del = await call('DELETE', '/customerprofile?customerId=d1&customerId=d2');
		expect(del.json.Results.map((r: { code: string }) => r.code)).toEqual(['7006', '1000']);
		expect(sb.store.listProfiles().map((p) => p.customerId)).toEqual(['d1']);
		expect((await call('GET', '/customerprofile/d1')).json.response.code).toBe('7006');
	});

	describe('applied: true — the write lands, then the fault answers', () => {
		it.each(['rateLimit', 'error7006', 'error7016', 'http500', 'http503', 'malformed'])('%s', async (action) => {
			sb.addFaults([{ action, applied: true }]);
			const res = await create('a1', 'a2');
			expect(res.json?.code).toBeUndefined();
			expect(sb.store.listProfiles().map((p) => p.customerId)).toEqual(['a1', 'a2']);
			// a client retrying the same create now meets 7015: the write is never applied twice
			const retry = await create('a1', 'a2');
			expect(retry.json.Results.map((r: { code: string }) => r.code)).toEqual(['7015', '7015']);
			expect(sb.store.counts.profiles).toBe(2);
		});

		it('reset', async () => {
			sb.addFaults([{ action: 'reset', applied: true }]);
			await expect(create('a1')).rejects.toThrow();
			expect(sb.store.getProfile('a1')).toEqual({ customerId: 'a1', name: 'Name a1' });
		});

		it('hang', async () => {
			sb.store.putProfile('gone2', {});
			sb.addFaults([{ action: 'hang', applied: true }]);
			await expect(callSandbox(sb, 'DELETE', '/customerprofile/gone2', { signal: AbortSignal.timeout(100) })).rejects.toThrow();
			expect(sb.store.getProfile('gone2')).toBeUndefined();
		});

		it('malformed with applied: the real answer, cut', async () => {
			sb.addFaults([{ action: 'malformed', applied: true }]);
			const res = await create('c1');
			expect(res.text.startsWith('{"TotalCount":1,')).toBe(true);
			expect(() => JSON.parse(res.text) as unknown).toThrow();
		});
	});

	it('faults are consumed in order, `times` times, only by matching requests', async () => {
		sb.store.putProfile('k', {});
		sb.addFaults([
			{ action: 'error7016', match: { method: 'post', pathPrefix: '/customerprofile' } },
			{ action: 'rateLimit', times: 2, match: { pathPrefix: '/profile/status' } },
			{ action: 'error7006', times: 2 },
		]);
		expect(sb.pendingFaults).toHaveLength(3);
		const codes: string[] = [];
		const push = async (method: string, path: string, init?: CallInit) => {
			const res = await call(method, path, init);
			codes.push(res.json.response?.code ?? res.json.code);
		};
		await push('GET', '/profile/status/t'); // rateLimit (1 of 2)
		await push('GET', '/customerprofile/k'); // error7006 (1 of 2): the POST-only fault does not match
		await push('POST', '/customerprofile', { body: { Records: [record('n')] } }); // error7016
		await push('GET', '/profile/status/t'); // rateLimit (2 of 2)
		await push('GET', '/profile/status/t'); // error7006 (2 of 2)
		await push('GET', '/profile/status/t'); // no fault left: 7600
		await push('GET', '/customerprofile/k'); // 1000
		expect(codes).toEqual(['7020', '7006', '7016', '7020', '7006', '7600', '1000']);
		expect(sb.pendingFaults).toEqual([]);
		expect(sb.log.entries.map((e) => e.fault)).toEqual([
			'rateLimit',
			'error7006',
			'error7016',
			'rateLimit',
			'error7006',
			undefined,
			undefined,
		]);
	});

	it('addFaults refuses an unknown action or a bad times, adding none of the list', () => {
		expect(() => sb.addFaults([{ action: 'error7006' }, { action: 'explode' }])).toThrow(/explode/);
		expect(() => sb.addFaults([{ action: 'reset', times: 0 }])).toThrow(/times/);
		expect(sb.pendingFaults).toEqual([]);
	});

	it('reset() forgets faults not used yet', async () => {
		sb.addFaults([{ action: 'error7006', times: 5 }]);
		sb.reset();
		expect((await create('after')).json.code).toBe('1000');
	});
});

describe('sandbox: random shares, rate limit, latency', () => {
	/** Outcome of `n` sequential GETs: 'drop' when the connection was dropped, else the code. */
	async function outcomes(sb: Sandbox, n: number): Promise<string[]> {
		const out: string[] = [];
		for (let i = 0; i < n; i++) {
			try {
				const res = await callSandbox(sb, 'GET', '/customerprofile/p');
				out.push(res.json.response?.code ?? res.json.code);
			} catch {
				out.push('drop');
			}
		}
		return out;
	}

	it('error7006Share and dropShare follow the seed: the same seed gives the same run', async () => {
		const runs: string[][] = [];
		for (const seed of [42, 42, 7]) {
			const sb = await startSandbox({ port: 0, error7006Share: 0.3, dropShare: 0.2, randomSeed: seed });
			sb.store.putProfile('p', {});
			runs.push(await outcomes(sb, 40));
			await sb.close();
		}
		expect(runs[0]).toEqual(runs[1]);
		expect(runs[2]).not.toEqual(runs[0]);
		for (const run of runs) {
			const count = (what: string) => run.filter((o) => o === what).length;
			expect(count('drop')).toBeGreaterThan(2);
			expect(count('7006')).toBeGreaterThan(2);
			expect(count('1000')).toBeGreaterThan(10);
			expect(count('drop') + count('7006') + count('1000')).toBe(40);
		}
	});

	it('share 1 hits every request, writes are not applied; configure(randomSeed) restarts the sequence', async () => {
		const sb = await startSandbox({ port: 0, error7006Share: 1 });
		try {
			const res = await callSandbox(sb, 'POST', '/customerprofile', { body: { Records: [record('no')] } });
			expect(res.json.response.code).toBe('7006');
			expect(sb.log.entries[0].fault).toBe('error7006');
			sb.configure({ error7006Share: 0, dropShare: 1 });
			await expect(callSandbox(sb, 'POST', '/customerprofile', { body: { Records: [record('no')] } })).rejects.toThrow();
			expect(sb.store.counts.profiles).toBe(0);
			sb.configure({ dropShare: 0.5, randomSeed: 3 });
			const first = await outcomes(sb, 12);
			sb.configure({ randomSeed: 3 });
			expect(await outcomes(sb, 12)).toEqual(first);
		} finally {
			await sb.close();
		}
	});

	it('rateLimitPerSecond: over the limit within one second → 7020 (Retry-After when set); the next second is fine', async () => {
		const sb = await startSandbox({ port: 0, rateLimitPerSecond: 3, retryAfterSeconds: 1 });
		try {
			sb.store.putProfile('p', {});
			const burst = await Promise.all(Array.from({ length: 5 }, async () => await callSandbox(sb, 'GET', '/customerprofile/p')));
			const codes = burst.map((r) => r.json.response?.code ?? r.json.code).sort();
			expect(codes).toEqual(['1000', '1000', '1000', '7020', '7020']);
			const limited = burst.find((r) => r.json.response?.code === '7020');
			expect(limited?.headers.get('retry-after')).toBe('1');
			await sleep(1050);
			expect((await callSandbox(sb, 'GET', '/customerprofile/p')).json.code).toBe('1000');
		} finally {
			await sb.close();
		}
	});

	it('latencyMs delays every answer', async () => {
		const sb = await startSandbox({ port: 0, latencyMs: 120 });
		try {
			const started = Date.now();
			const res = await callSandbox(sb, 'GET', '/customerprofile/none');
			expect(Date.now() - started).toBeGreaterThanOrEqual(115);
			expect(res.json.response.code).toBe('7014');
		} finally {
			await sb.close();
		}
	});
});
