import { ImiconnectApi, profileApiBaseUrl } from '../credentials/ImiconnectApi.credentials';
import { sandboxCredentials, testCredential } from '../scripts/lib/engine';
import { SANDBOX_PROFILE, customers, openSandbox, run, type Sandbox } from './support';

describe('IMIconnect API credential', () => {
	it('maps every region of docs/profile-api.md#hosts to its HTTPS host', () => {
		const credential = new ImiconnectApi();
		const region = credential.properties.find((property) => property.name === 'region');
		const hosts = (region?.options as Array<{ value: string }>).map((option) => option.value);
		expect(hosts).toEqual([
			'api.us.webexconnect.io',
			'api.us1.webexconnect.io',
			'api.ca.webexconnect.io',
			'api.eu.webexconnect.io',
			'api.uk.webexconnect.io',
			'api.in.webexconnect.io',
			'api.au.webexconnect.io',
			'api.imiconnect.io',
			'api-us.imiconnect.io',
			'api.imiconnect.us',
			'api.imiconnect.eu',
			'api.imiconnect.ca',
			'api.imiconnect.in',
			'api.imiconnect.com',
			'custom',
		]);
		expect(region?.default).toBe('api.imiconnect.io');
		expect(profileApiBaseUrl({ region: 'api.eu.webexconnect.io' })).toBe(
			'https://api.eu.webexconnect.io/resources/v2',
		);
		expect(profileApiBaseUrl({})).toBe('https://api.imiconnect.io/resources/v2');
	});

	it('accepts https custom URLs and plain http only on loopback', () => {
		const custom = (baseUrl: string) => profileApiBaseUrl({ region: 'custom', baseUrl });
		expect(custom('https://proxy.example.com/resources/v2/')).toBe('https://proxy.example.com/resources/v2');
		expect(custom('http://127.0.0.1:4010/resources/v2')).toBe('http://127.0.0.1:4010/resources/v2');
		expect(custom('http://127.8.9.10/resources/v2')).toBe('http://127.8.9.10/resources/v2');
		expect(custom('http://localhost:4010/resources/v2')).toBe('http://localhost:4010/resources/v2');
		expect(custom('http://[::1]:4010/resources/v2')).toBe('http://[::1]:4010/resources/v2');
		expect(() => custom('http://proxy.example.com/resources/v2')).toThrow(/must use https/);
		expect(() => custom('http://127.0.0.1.example.com/resources/v2')).toThrow(/must use https/);
		expect(() => custom('ftp://127.0.0.1/x')).toThrow(/must use https/);
		expect(() => custom('not a url')).toThrow(/not a valid URL/);
	});

	it('adds the base URL and the key header to a request', async () => {
		const options = await new ImiconnectApi().authenticate(
			{ region: 'api.uk.webexconnect.io', apiKey: 'k-1' },
			{ url: '/customerprofile', headers: { accept: 'application/json' } },
		);
		expect(options).toEqual({
			url: '/customerprofile',
			baseURL: 'https://api.uk.webexconnect.io/resources/v2',
			headers: { accept: 'application/json', key: 'k-1' },
		});
	});

	describe('credential test against the sandbox', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await openSandbox();
		});
		afterAll(async () => {
			await sandbox.close();
		});

		it.each(['200', '4xx'])('tells a right key from a wrong one (errors with HTTP %s)', async (errorStatus) => {
			sandbox.configure({ errorStatus });
			expect(await testCredential(sandboxCredentials(sandbox.baseUrl, SANDBOX_PROFILE))).toEqual({
				status: 'OK',
				message: 'Connection successful',
			});
			expect(await testCredential(sandboxCredentials(sandbox.baseUrl, 'wrong'))).toEqual({
				status: 'Error',
				message: 'Authentication failed: the Profile Key is not valid for this region',
			});
			expect(await testCredential(sandboxCredentials(sandbox.baseUrl, ''))).toMatchObject({ status: 'Error' });
			const paths = sandbox.log.entries.map((entry) => entry.path);
			expect(paths.every((path) => path === '/customerprofile')).toBe(true);
		});

		it('refuses plain http to a host that is not loopback, sending nothing', async () => {
			sandbox.log.clear();
			const result = await run(sandbox, { resource: 'profile', operation: 'get' }, customers(1), {
				credentials: { region: 'custom', baseUrl: 'http://example.com/resources/v2', apiKey: SANDBOX_PROFILE },
			});
			expect(result.error?.message).toMatch(/must use https/);
			expect(sandbox.log.entries).toHaveLength(0);
		});
	});
});
