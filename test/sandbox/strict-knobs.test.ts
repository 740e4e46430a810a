/**
 * Sandbox knobs for the correctness tests: a strict sliding-window rate limit, error texts that
 * quote the key, a URL length limit, request headers in the log (never the key), HTTPS, and a
 * proxy's HTML 403.
 */
import { RateLimiter } from '../../sandbox/ratelimit';
import { callSandbox, selfSignedCertificate, startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('sandbox: strict knobs', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, key: 'knob-key' });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	it('rate limit: a fixed window lets 2 × R through across a boundary, a sliding window never more than R in any 1000 ms', () => {
		const at = [900, 950, 1000, 1050]; // 4 requests within 150 ms, R = 2
		const fixed = new RateLimiter();
		const sliding = new RateLimiter();
		expect(at.map((now) => fixed.hit(2, 'fixed', now))).toEqual([false, false, false, false]);
		expect(at.map((now) => sliding.hit(2, 'sliding', now))).toEqual([false, false, true, true]);
		// A request exactly 1000 ms after another is in the next window.
		const edge = new RateLimiter();
		expect([0, 1000, 1999, 2000].map((now) => edge.hit(1, 'sliding', now))).toEqual([false, false, true, true]);
	});

	it('echoKeyInErrors: error envelopes and failed per-record results quote the received key; successes do not', async () => {
		sb.configure({ echoKeyInErrors: true });
		const missing = await callSandbox(sb, 'GET', '/customerprofile/nobody');
		expect(missing.json.response.description).toBe('Customer not found (request key: knob-key)');
		const wrong = await callSandbox(sb, 'GET', '/customerprofile/nobody', { key: 'other-key' });
		expect(wrong.json.response.description).toBe('Authentication failed (request key: other-key)');
		sb.store.putProfile('a', {});
		const write = await callSandbox(sb, 'POST', '/customerprofile', {
			body: { Records: [{ customerId: 'a', Attributes: {} }, { customerId: 'b', Attributes: {} }] },
		});
		expect(write.json.Results.map((result: { description: string }) => result.description)).toEqual([
			'Customer already exists (request key: knob-key)',
			'SUCCESS',
		]);
		sb.addFaults([{ action: 'http503' }, { action: 'http403' }]);
		expect((await callSandbox(sb, 'GET', '/customerprofile/a')).text).toContain('knob-key');
		const forbidden = await callSandbox(sb, 'GET', '/customerprofile/a');
		expect(forbidden.status).toBe(403);
		expect(forbidden.text).toContain('knob-key');
	});

	it('a request-target over maxUrlBytes (default 8192) is answered 414 and logged; the log keeps headers but no key', async () => {
		expect(sb.options.maxUrlBytes).toBe(8192);
		const long = await callSandbox(sb, 'GET', `/customerprofile?customerId=${'x'.repeat(9000)}`);
		expect(long.status).toBe(414);
		const [entry] = sb.log.entries;
		expect(entry).toMatchObject({ status: 414, fault: 'uriTooLong' });
		expect(entry.headers['content-type']).toBe('application/json');
		expect(entry.headers.key).toBe('(sent)');
		expect(JSON.stringify(sb.log.entries)).not.toContain('knob-key');
	});

	it('serves HTTPS with a certificate made at run time', async () => {
		const tls = await startSandbox({ port: 0, key: 'k', tls: await selfSignedCertificate() });
		try {
			expect(tls.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/resources\/v2$/);
			// fetch checks the certificate: a self-signed one is refused.
			await expect(fetch(`${tls.baseUrl}/customerprofile/x`)).rejects.toThrow();
		} finally {
			await tls.close();
		}
	});
});
