/**
 * n8n gives every declarative node Settings → Request Options (`requestOptions`: proxy,
 * allowUnauthorizedCerts, timeout, batching); RoutingNode applies proxy and allowUnauthorizedCerts
 * to its own requests as `proxy` and `skipSslCertificateValidation`. The batched path must honour
 * them too: a user behind a corporate proxy must be able to use the node.
 */
import type { IDataObject } from 'n8n-workflow';

import { selfSignedCertificate } from '../sandbox';
import { sandboxCredentials } from '../scripts/lib/engine';
import { closedPort, startForwardProxy } from './forward-proxy';
import { APP_ID, openSandbox, run, SANDBOX_PROFILE, type Sandbox } from './support';

const options = { maxRetries: 0, timeout: 2000 };
const profile = (operation: string) => ({ resource: 'profile', operation, attributesMode: 'autoMap', options });
const items = [{ customerId: 'p-1', name: 'One' }, { customerId: 'p-2', name: 'Two' }];

describe('Request Options → Proxy', () => {
	let sandbox: Sandbox;
	let proxy: Awaited<ReturnType<typeof startForwardProxy>>;
	beforeAll(async () => {
		sandbox = await openSandbox();
		proxy = await startForwardProxy();
	});
	afterAll(async () => {
		await proxy.close();
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
		proxy.requests.length = 0;
	});

	it.each([
		['profile create', profile('create'), items],
		['profile get', profile('get'), items],
		['profile delete', profile('delete'), items],
		['app profile get', { resource: 'appProfile', operation: 'get', appId: APP_ID, options }, items],
	] as Array<[string, IDataObject, IDataObject[]]>)('the batched path sends %s through the proxy', async (_name, parameters, input) => {
		for (const item of items) {
			if (parameters.operation !== 'create') sandbox.store.putProfile(String(item.customerId), { name: 'Old' });
			sandbox.store.putAppProfile(APP_ID, String(item.customerId), { deviceId: 'd' });
		}
		const result = await run(sandbox, { ...parameters, requestOptions: { proxy: proxy.url } }, input);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.error)).toEqual(input.map(() => undefined));
		expect(sandbox.log.entries.length).toBeGreaterThan(0);
		// Every request the sandbox got came through the proxy, in absolute form.
		expect(proxy.requests).toHaveLength(sandbox.log.entries.length);
		for (const line of proxy.requests) expect(line).toMatch(new RegExp(`^[A-Z]+ ${sandbox.url}/resources/v2/`));
	});

	it('the routing path (an AI tool call) goes through the proxy too', async () => {
		sandbox.store.putProfile('p-1', { name: 'Old' });
		const result = await run(sandbox, { ...profile('get'), requestOptions: { proxy: proxy.url } }, items.slice(0, 1), {
			routingOnly: true,
		});
		expect(result.error).toBeUndefined();
		expect(proxy.requests).toHaveLength(sandbox.log.entries.length);
		expect(proxy.requests.length).toBeGreaterThan(0);
	});

	it('a proxy at a closed port fails every item with a connection error, and nothing reaches the API', async () => {
		const port = await closedPort();
		const result = await run(sandbox, { ...profile('create'), requestOptions: { proxy: `http://127.0.0.1:${port}` } }, items, {
			onError: 'continueRegularOutput',
		});
		expect(result.items.map((item) => String(item.json.error))).toEqual(
			items.map(() => expect.stringMatching(/connect|NETWORK|ECONNREFUSED|proxy/i)),
		);
		expect(sandbox.log.entries).toHaveLength(0);
		expect(sandbox.store.listProfiles()).toEqual([]);
	});
});

describe('Request Options → Timeout', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await openSandbox({ latencyMs: 1500 });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	it('a Request Options timeout shorter than the answer takes fails the batched request (the node option left unset)', async () => {
		sandbox.store.putProfile('p-1', { name: 'Old' });
		const parameters = { resource: 'profile', operation: 'get', options: { maxRetries: 0 }, requestOptions: { timeout: 300 } };
		const result = await run(sandbox, parameters, items.slice(0, 1), { onError: 'continueRegularOutput' });
		expect(result.items[0].json.name).toBeUndefined();
		expect(String(result.items[0].json.error)).toMatch(/TIMEOUT|timed? ?out/i);
	});
});

describe('Request Options → Ignore SSL Issues (allowUnauthorizedCerts)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		// A certificate made now, signed by nobody the client trusts.
		sandbox = await openSandbox({ tls: await selfSignedCertificate() });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	const credentials = () => sandboxCredentials(sandbox.baseUrl, SANDBOX_PROFILE);

	it('without it, a self-signed certificate fails the run (the check is on)', async () => {
		expect(sandbox.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:/);
		const result = await run(sandbox, profile('create'), items, { credentials: credentials(), onError: 'continueRegularOutput' });
		expect(result.items.map((item) => String(item.json.error))).toEqual(
			items.map(() => expect.stringMatching(/certificate|SSL|TLS|NETWORK|connect/i)),
		);
		expect(sandbox.log.entries).toHaveLength(0);
	});

	it('with it, the batched path reaches the API over HTTPS', async () => {
		const result = await run(sandbox, { ...profile('create'), requestOptions: { allowUnauthorizedCerts: true } }, items, {
			credentials: credentials(),
			onError: 'continueRegularOutput',
		});
		expect(result.items.map((item) => item.json.error ?? item.json.status)).toEqual(['created', 'created']);
		expect(sandbox.store.listProfiles().map((p) => p.customerId)).toEqual(['p-1', 'p-2']);
	});

	it('with it, the routing path (an AI tool call) reaches the API over HTTPS', async () => {
		const result = await run(sandbox, { ...profile('create'), requestOptions: { allowUnauthorizedCerts: true } }, items.slice(0, 1), {
			credentials: credentials(),
			routingOnly: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ customerId: 'p-1', status: 'created' });
	});
});
