/**
 * Several tenants on one sandbox: more profile keys (`keys`), each with its own rate limit
 * (`rateLimitPerKey`), and the 7020 answers counted per key (for the governor's engine tests).
 */
import { callSandbox, startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const FIRST = 'tenant-a-key';
const SECOND = 'tenant-b-key';

describe('sandbox: a rate limit per key', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, key: FIRST, keys: [SECOND], rateLimitPerKey: 3, rateLimitWindow: 'sliding' });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	const burst = (key: string, n: number) =>
		Promise.all(Array.from({ length: n }, () => callSandbox(sb, 'GET', '/customerprofile/nobody', { key })));
	const codes = (answers: Array<{ json: { response?: { code?: string } } }>) => answers.map((answer) => answer.json.response?.code);

	it('accepts every key given, each its own tenant; another key is still 7001', async () => {
		expect((await callSandbox(sb, 'GET', '/customerprofile/nobody', { key: SECOND })).json.response.code).toBe('7014');
		expect((await callSandbox(sb, 'GET', '/customerprofile/nobody', { key: 'neither' })).json.response.code).toBe('7001');
		expect(sb.log.entries.map((entry) => entry.tenant)).toEqual([1, undefined]);
		expect(JSON.stringify(sb.log.entries)).not.toContain(SECOND);
	});

	it('limits each key apart: R per key in any 1 s, whatever the other key sends', async () => {
		const [first, second] = await Promise.all([burst(FIRST, 5), burst(SECOND, 4)]);
		expect(codes(first).filter((code) => code === '7020')).toHaveLength(2);
		expect(codes(second).filter((code) => code === '7020')).toHaveLength(1);
		expect(sb.throttledFor(FIRST)).toBe(2);
		expect(sb.throttledFor(SECOND)).toBe(1);
		expect(sb.throttledFor('neither')).toBe(0);
		expect(sb.throttled).toEqual({ total: 3, byTenant: [2, 1] });
		expect(sb.log.entries.filter((entry) => entry.code === '7020' && entry.tenant === 0)).toHaveLength(2);
	});

	it('shows the counts in GET /_sandbox/stats (no keys there) and clears them on reset', async () => {
		await burst(SECOND, 5);
		const stats = await (await fetch(`${sb.url}/_sandbox/stats`)).json();
		expect(stats.throttled).toEqual({ total: 2, byTenant: [0, 2] });
		expect(JSON.stringify(stats)).not.toContain(SECOND);
		sb.reset();
		expect(sb.throttled).toEqual({ total: 0, byTenant: [0, 0] });
	});

	it('counts scripted rateLimit faults too, and the sandbox-wide limit still holds for all keys together', async () => {
		sb.addFaults([{ action: 'rateLimit', times: 1 }]);
		await callSandbox(sb, 'GET', '/customerprofile/nobody', { key: SECOND });
		expect(sb.throttledFor(SECOND)).toBe(1);
		sb.reset();
		sb.configure({ rateLimitPerSecond: 4, rateLimitPerKey: 0 });
		const [first, second] = await Promise.all([burst(FIRST, 3), burst(SECOND, 3)]);
		expect([...codes(first), ...codes(second)].filter((code) => code === '7020')).toHaveLength(2);
		expect(sb.throttled.total).toBe(2);
	});

	it('refuses bad values', () => {
		expect(() => sb.configure({ keys: [''] })).toThrow(TypeError);
		expect(() => sb.configure({ keys: 'one' as unknown as string[] })).toThrow(TypeError);
		expect(() => sb.configure({ rateLimitPerKey: -1 })).toThrow(TypeError);
	});
});
