/** Sandbox: request-level errors, the order of the checks, and errorStatus '200' vs '4xx'. */
import { callSandbox, startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type CallInit = Parameters<typeof callSandbox>[3];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const APP = 'a_636035705699961900';

describe('sandbox: errors', () => {
	let sb: Sandbox;
	const call = async (method: string, path: string, init?: CallInit) => await callSandbox(sb, method, path, init);
	const code = async (method: string, path: string, init?: CallInit) =>
		(await call(method, path, init)).json?.response?.code as string | undefined;

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, key: 'right-key' });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	it('7002: no key header (or an empty one)', async () => {
		const res = await call('GET', '/customerprofile/x', { key: null });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			response: { code: '7002', description: 'Service Key Missing', transid: expect.stringMatching(UUID) },
		});
		expect(await code('GET', '/customerprofile/x', { key: '' })).toBe('7002');
	});

	it('7001: a wrong key; nothing is written', async () => {
		const res = await call('POST', '/customerprofile', {
			key: 'wrong-key',
			body: { Records: [{ customerId: 'a', Attributes: {} }] },
		});
		expect(res.json.response).toEqual({ code: '7001', description: 'Authentication failed', transid: expect.stringMatching(UUID) });
		expect(sb.store.counts.profiles).toBe(0);
	});

	it('7004: an unknown path, the v1 prefix, a wrong method, a bad percent-escape', async () => {
		const res = await call('GET', '/customerprofiles/x');
		expect(res.json.response).toEqual({ code: '7004', description: 'Invalid parameters', transid: expect.stringMatching(UUID) });
		const v1 = await fetch(`${sb.url}/resources/v1/customerprofile/x`, { headers: { key: sb.key } });
		expect(((await v1.json()) as { response: { code: string } }).response.code).toBe('7004');
		expect(await code('POST', '/customerprofile/x', { body: { Records: [] } })).toBe('7004');
		expect(await code('PUT', '/profile/status/abc')).toBe('7004');
		expect(await code('GET', '/customerprofile/%E0%A4%A')).toBe('7004');
		expect(await code('GET', '/customerappprofile')).toBe('7004');
	});

	it('7000: a write body that is not JSON (or empty); nothing is written', async () => {
		const res = await call('POST', '/customerprofile', { rawBody: '{"Records":[{"customerId":"a",' });
		expect(res.json.response).toEqual({ code: '7000', description: 'Invalid JSON', transid: expect.stringMatching(UUID) });
		expect(await code('PUT', `/customerappprofile/${APP}`, { rawBody: 'Records=1' })).toBe('7000');
		expect(await code('POST', '/customerprofile', { rawBody: '' })).toBe('7000');
		expect(sb.store.counts.profiles).toBe(0);
	});

	it('7016 and 7006 come from faults (see faults tests); 7600 from the status route', async () => {
		const res = await call('GET', '/profile/status/00000000-0000-0000-0000-000000000000');
		expect(res.json.response).toEqual({ code: '7600', description: 'No result found', transid: expect.stringMatching(UUID) });
		sb.addFaults([{ action: 'error7016' }]);
		const fault = await call('GET', '/customerprofile/x');
		expect(fault.json.response).toEqual({ code: '7016', description: 'Unknwon error', transid: expect.stringMatching(UUID) });
	});

	describe('the order of checks', () => {
		const tooMany = { Records: Array.from({ length: 101 }, () => ({ Attributes: {} })) };

		it('key before route: an unknown path with a wrong key is 7001, without a key 7002', async () => {
			expect(await code('GET', '/nowhere', { key: 'bad' })).toBe('7001');
			expect(await code('GET', '/nowhere', { key: null })).toBe('7002');
		});

		it('route before JSON: bad JSON to an unknown path is 7004', async () => {
			expect(await code('POST', '/nowhere', { rawBody: '{' })).toBe('7004');
		});

		it('JSON before parameters before batch limit before app id', async () => {
			expect(await code('POST', '/customerappprofile/unknown_app', { rawBody: '{' })).toBe('7000');
			expect(await code('POST', '/customerappprofile/unknown_app', { body: { Records: [] } })).toBe('7003');
			expect(await code('POST', '/customerappprofile/unknown_app', { body: tooMany })).toBe('7012');
			expect(await code('POST', '/customerappprofile/unknown_app', { body: { Records: [{}] } })).toBe('7018');
		});

		it('the batch limit is checked before any record (a bad record in 101 still gives 7012)', async () => {
			expect(await code('POST', '/customerprofile', { body: tooMany })).toBe('7012');
		});

		it('faults and rate limit come before the key check', async () => {
			sb.addFaults([{ action: 'rateLimit' }]);
			expect(await code('GET', '/customerprofile/x', { key: 'bad' })).toBe('7020');
			expect(await code('GET', '/customerprofile/x', { key: 'bad' })).toBe('7001');
		});
	});

	describe("errorStatus '4xx': the same bodies with HTTP 4xx/5xx", () => {
		// (every row has its init: jest would pass `done` in place of a missing last argument)
		const cases: Array<[string, number, string, string, CallInit]> = [
			['7002', 401, 'GET', '/customerprofile/x', { key: null }],
			['7001', 401, 'GET', '/customerprofile/x', { key: 'bad' }],
			['7004', 404, 'GET', '/unknown', {}],
			['7004', 405, 'DELETE', '/profile/status/x', {}],
			['7004', 400, 'GET', '/customerprofile/%ZZ', {}],
			['7000', 400, 'POST', '/customerprofile', { rawBody: 'nope' }],
			['7003', 400, 'POST', '/customerprofile', { body: {} }],
			['7012', 400, 'POST', '/customerprofile', { body: { Records: Array(101).fill({}) } }],
			['7018', 400, 'GET', '/customerappprofile/nope/c', {}],
			['7014', 404, 'GET', '/customerprofile/ghost', {}],
			['7014', 404, 'GET', `/customerappprofile/${APP}/ghost`, {}],
			['7203', 404, 'DELETE', '/customerprofile/ghost', {}],
			['7600', 404, 'GET', '/profile/status/unknown', {}],
		];

		it.each(cases)('%s → HTTP %i (%s %s)', async (expected, status, method, path, init) => {
			sb.configure({ errorStatus: '200' });
			const at200 = await call(method, path, init);
			sb.configure({ errorStatus: '4xx' });
			const at4xx = await call(method, path, init);
			expect(at200.status).toBe(200);
			expect(at4xx.status).toBe(status);
			expect(at200.json.response.code).toBe(expected);
			expect(at4xx.json).toEqual({ response: { ...at200.json.response, transid: expect.stringMatching(UUID) } });
			expect(at4xx.json.response.transid).not.toBe(at200.json.response.transid);
		});

		it('7020 → 429 with Retry-After (1 unless retryAfterSeconds says more); 7006 and 7016 → 500', async () => {
			sb.configure({ errorStatus: '4xx' });
			sb.addFaults([{ action: 'rateLimit' }, { action: 'error7006' }, { action: 'error7016' }]);
			const limited = await call('GET', '/customerprofile/x');
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toBe('1');
			expect(limited.json.response.code).toBe('7020');
			const e6 = await call('GET', '/customerprofile/x');
			expect([e6.status, e6.json.response.code]).toEqual([500, '7006']);
			const e16 = await call('GET', '/customerprofile/x');
			expect([e16.status, e16.json.response.code]).toEqual([500, '7016']);
			sb.configure({ retryAfterSeconds: 7 });
			sb.addFaults([{ action: 'rateLimit' }]);
			expect((await call('GET', '/customerprofile/x')).headers.get('retry-after')).toBe('7');
		});

		it('with errorStatus 200, 7020 carries Retry-After only when retryAfterSeconds > 0', async () => {
			sb.addFaults([{ action: 'rateLimit', times: 2 }]);
			const plain = await call('GET', '/customerprofile/x');
			expect([plain.status, plain.headers.get('retry-after')]).toEqual([200, null]);
			sb.configure({ retryAfterSeconds: 2 });
			const withHeader = await call('GET', '/customerprofile/x');
			expect([withHeader.status, withHeader.headers.get('retry-after')]).toEqual([200, '2']);
		});

		it('successes and partial successes stay HTTP 200', async () => {
			sb.configure({ errorStatus: '4xx' });
			sb.store.putProfile('exists', {});
			const res = await call('POST', '/customerprofile', {
				body: { Records: [{ customerId: 'exists', Attributes: {} }, { customerId: 'new', Attributes: {} }] },
			});
			expect(res.status).toBe(200);
			expect(res.json.code).toBe('1002');
		});
	});

	it('configure refuses unknown options and bad values, and keeps the old ones', () => {
		expect(() => sb.configure({ mode: 'sometimes' })).toThrow(/mode/);
		expect(() => sb.configure({ errorStatus: '500' })).toThrow(/errorStatus/);
		expect(() => sb.configure({ dropShare: 2 })).toThrow(/dropShare/);
		expect(() => sb.configure({ nonsense: 1 } as never)).toThrow(/unknown sandbox option/);
		expect(sb.options.mode).toBe('success');
		expect(sb.options.errorStatus).toBe('200');
	});
});
