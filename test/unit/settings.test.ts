import { MAX_BATCH, readSettings } from '../../nodes/Imiconnect/pipeline/settings';
import { reader } from './fakes';

const settingsOf = (options: Record<string, unknown> = {}, requestOptions?: Record<string, unknown>, more: Record<string, unknown> = {}) =>
	readSettings(reader({ options, ...(requestOptions ? { requestOptions } : {}), ...more }));

const PROXY_ERROR = 'The proxy of Settings → Request Options must be a URL with a host and a port, e.g. http://proxy:3128';

describe('readSettings', () => {
	it('has the documented defaults', () => {
		expect(MAX_BATCH).toBe(100);
		expect(readSettings(reader({}))).toStrictEqual({
			simplify: true,
			batchSize: 100,
			concurrency: 0, // Auto
			maxRequestsPerSecond: 0,
			maxRetries: 4,
			maxRetryWaitMs: 60_000,
			timeoutMs: 30_000,
			waitForCompletion: false,
			waitTimeoutMs: 60_000,
			request: { proxy: undefined, skipSslCertificateValidation: false, batching: undefined },
		});
	});

	it('treats null options and Request Options as none', () => {
		expect(readSettings(reader({ options: null, requestOptions: null }))).toStrictEqual(readSettings(reader({})));
	});

	it('turns Simplify off only for false', () => {
		expect(settingsOf({}, undefined, { simplify: false }).simplify).toBe(false);
		expect(settingsOf({}, undefined, { simplify: true }).simplify).toBe(true);
		expect(settingsOf({}, undefined, { simplify: null }).simplify).toBe(true);
	});

	it('keeps Batch Size within 1–100, as a whole number', () => {
		const batchSize = (value: unknown) => settingsOf({ batchSize: value }).batchSize;
		expect([batchSize(50), batchSize(0), batchSize(-3), batchSize(500), batchSize(50.9), batchSize('20')]).toEqual([50, 1, 1, 100, 50, 20]);
		expect([batchSize(''), batchSize('abc'), batchSize(null), batchSize(NaN), batchSize(Infinity)]).toEqual([100, 100, 100, 100, 100]);
	});

	it('keeps the other numbers within their bounds', () => {
		const s = (options: Record<string, unknown>) => settingsOf(options);
		expect([s({ concurrency: -1 }).concurrency, s({ concurrency: 99 }).concurrency, s({ concurrency: 2.7 }).concurrency]).toEqual([0, 16, 2]);
		expect([
			s({ maxRequestsPerSecond: -5 }).maxRequestsPerSecond,
			s({ maxRequestsPerSecond: 5000 }).maxRequestsPerSecond,
			s({ maxRequestsPerSecond: 2.5 }).maxRequestsPerSecond,
		]).toEqual([0, 1000, 2.5]);
		expect([s({ maxRetries: -1 }).maxRetries, s({ maxRetries: 11 }).maxRetries, s({ maxRetries: 2.9 }).maxRetries]).toEqual([0, 10, 2]);
		expect([s({ maxRetryWait: 0 }).maxRetryWaitMs, s({ maxRetryWait: 7200 }).maxRetryWaitMs, s({ maxRetryWait: 1.5 }).maxRetryWaitMs]).toEqual([
			0, 3_600_000, 1500,
		]);
		expect([s({ timeout: 5 }).timeoutMs, s({ timeout: 10_000_000 }).timeoutMs, s({ timeout: 1234 }).timeoutMs]).toEqual([100, 600_000, 1234]);
		expect([s({ waitTimeout: -1 }).waitTimeoutMs, s({ waitTimeout: 9999 }).waitTimeoutMs, s({ waitTimeout: 5 }).waitTimeoutMs]).toEqual([
			0, 3_600_000, 5000,
		]);
	});

	it('waits for completion only when the option is true', () => {
		expect(settingsOf({ waitForCompletion: true }).waitForCompletion).toBe(true);
		expect(settingsOf({ waitForCompletion: 'true' }).waitForCompletion).toBe(false);
	});

	describe('Request Options', () => {
		it("uses n8n's Timeout only when the node's own is not set, and only above 0", () => {
			expect(settingsOf({}, { timeout: 5000 }).timeoutMs).toBe(5000);
			expect(settingsOf({ timeout: 2000 }, { timeout: 5000 }).timeoutMs).toBe(2000);
			expect(settingsOf({}, { timeout: 0 }).timeoutMs).toBe(30_000);
			expect(settingsOf({}, { timeout: 50 }).timeoutMs).toBe(100);
		});

		it('ignores SSL issues only when asked with true', () => {
			expect(settingsOf({}, { allowUnauthorizedCerts: true }).request.skipSslCertificateValidation).toBe(true);
			expect(settingsOf({}, { allowUnauthorizedCerts: 'true' }).request.skipSslCertificateValidation).toBe(false);
		});

		it('reads a proxy with host, port and protocol', () => {
			expect(settingsOf({}, { proxy: 'http://proxy.local:3128' }).request.proxy).toStrictEqual({
				protocol: 'http',
				host: 'proxy.local',
				port: 3128,
			});
			expect(settingsOf({}, { proxy: '  https://10.0.0.1:8443/  ' }).request.proxy).toStrictEqual({
				protocol: 'https',
				host: '10.0.0.1',
				port: 8443,
			});
		});

		it('reads the proxy user and password, percent-decoded', () => {
			expect(settingsOf({}, { proxy: 'http://user%40corp:p%3Ass%40w@proxy:3128' }).request.proxy).toStrictEqual({
				protocol: 'http',
				host: 'proxy',
				port: 3128,
				auth: { username: 'user@corp', password: 'p:ss@w' },
			});
			expect(settingsOf({}, { proxy: 'http://user@proxy:3128' }).request.proxy?.auth).toStrictEqual({ username: 'user', password: '' });
		});

		it('treats an empty or blank proxy as none', () => {
			expect(settingsOf({}, { proxy: '' }).request.proxy).toBeUndefined();
			expect(settingsOf({}, { proxy: '   ' }).request.proxy).toBeUndefined();
			expect(settingsOf({}, { proxy: 3128 }).request.proxy).toBeUndefined();
		});

		it('refuses an invalid proxy instead of ignoring it', () => {
			for (const proxy of ['not a url', 'proxy:3128', 'http://proxy', 'http://:3128', 'http://']) {
				expect(() => settingsOf({}, { proxy })).toThrow(PROXY_ERROR);
			}
		});

		it('accepts a proxy on the default port of its protocol, as n8n does', () => {
			// n8n's own RoutingNode takes http://proxy:80 (url.parse keeps the port); URL drops a default port.
			expect(settingsOf({}, { proxy: 'http://proxy:80' }).request.proxy).toStrictEqual({ protocol: 'http', host: 'proxy', port: 80 });
			expect(settingsOf({}, { proxy: 'https://proxy:443' }).request.proxy).toStrictEqual({ protocol: 'https', host: 'proxy', port: 443 });
		});

		it('caps Batch Size by Items per Batch, and keeps the Batch Interval', () => {
			const settings = settingsOf({}, { batching: { batch: { batchSize: 10, batchInterval: 500 } } });
			expect(settings.batchSize).toBe(10);
			expect(settings.request.batching).toStrictEqual({ items: 10, intervalMs: 500 });
			expect(settingsOf({ batchSize: 5 }, { batching: { batch: { batchSize: 10 } } }).batchSize).toBe(5);
			expect(settingsOf({ batchSize: 80 }, { batching: { batch: { batchSize: 30 } } }).batchSize).toBe(30);
			expect(settingsOf({}, { batching: { batch: { batchSize: 500 } } }).batchSize).toBe(100);
			expect(settingsOf({}, { batching: { batch: { batchSize: 7.9 } } }).request.batching).toStrictEqual({ items: 7, intervalMs: 0 });
		});

		it('counts Items per Batch 0 as 1', () => {
			const settings = settingsOf({}, { batching: { batch: { batchSize: 0, batchInterval: 0 } } });
			expect(settings.request.batching).toStrictEqual({ items: 1, intervalMs: 0 });
			expect(settings.batchSize).toBe(1);
		});

		it('turns batching off with Items per Batch -1, unless a Batch Interval is set', () => {
			const off = settingsOf({}, { batching: { batch: { batchSize: -1, batchInterval: 0 } } });
			expect(off.request.batching).toBeUndefined();
			expect(off.batchSize).toBe(100);
			const paced = settingsOf({}, { batching: { batch: { batchSize: -1, batchInterval: 250 } } });
			expect(paced.request.batching).toStrictEqual({ items: 100, intervalMs: 250 });
			expect(paced.batchSize).toBe(100);
		});

		it('ignores a batching value without a batch, and keeps the interval within 0–3 600 000 ms', () => {
			expect(settingsOf({}, { batching: {} }).request.batching).toBeUndefined();
			expect(settingsOf({}, { batching: { batch: { batchInterval: 9_999_999 } } }).request.batching).toStrictEqual({
				items: 100,
				intervalMs: 3_600_000,
			});
			expect(settingsOf({}, { batching: { batch: { batchSize: 5, batchInterval: -10 } } }).request.batching).toStrictEqual({
				items: 5,
				intervalMs: 0,
			});
		});
	});
});
