/**
 * The profile key never appears in an error, a log line or an output item:
 * every error path runs with a known key, and everything produced — output
 * items, the error with all its own properties, causes and context, the whole
 * run data, console and n8n logger output — is searched for it.
 */
import type { IDataObject } from 'n8n-workflow';

import { sandboxCredentials, testCredential } from '../scripts/lib/engine';
import { allText, captureLogs, openSandbox, run, type Sandbox } from './support';

const MARKER = 'profile-marker-7f3a9c2e-live';
const WRONG_MARKER = 'profile-marker-0b1d-wrong';

describe('the profile key never leaks', () => {
	const logged = captureLogs();
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await openSandbox({ key: MARKER });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	const credentials = () => sandboxCredentials(sandbox.baseUrl, MARKER);
	const options = { maxRetries: 1, maxRetryWait: 1, timeout: 300, waitForCompletion: true, waitTimeout: 1 };
	const create = { resource: 'profile', operation: 'create', attributesMode: 'autoMap', options };
	const get = { resource: 'profile', operation: 'get', options };

	const paths: Array<[string, (s: Sandbox) => Promise<unknown>]> = [
		['wrong key (7001)', (s) => run(s, get, [{ customerId: 'a' }], { credentials: sandboxCredentials(s.baseUrl, WRONG_MARKER) })],
		['missing key (7002)', (s) => run(s, get, [{ customerId: 'a' }], { credentials: sandboxCredentials(s.baseUrl, '') })],
		['not found', (s) => run(s, get, [{ customerId: 'nobody' }], { credentials: credentials() })],
		['per-record error (7017)', (s) => run(s, create, [{ customerId: 'a', colour: 'x' }], { credentials: credentials() })],
		['input error', (s) => run(s, create, [{ customerId: '' }], { credentials: credentials() })],
		['7006 after retries', async (s) => {
			s.addFaults([{ action: 'error7006', times: 5 }]);
			return await run(s, create, [{ customerId: 'b' }], { credentials: credentials() });
		}],
		['7020 after retries, 4xx', async (s) => {
			s.configure({ errorStatus: '4xx' });
			s.addFaults([{ action: 'rateLimit', times: 5 }]);
			return await run(s, create, [{ customerId: 'c' }], { credentials: credentials() });
		}],
		['HTTP 503', async (s) => {
			s.addFaults([{ action: 'http503', times: 5 }]);
			return await run(s, get, [{ customerId: 'a' }], { credentials: credentials() });
		}],
		['malformed answer', async (s) => {
			s.addFaults([{ action: 'malformed', times: 5 }]);
			return await run(s, get, [{ customerId: 'a' }], { credentials: credentials() });
		}],
		['timeout', async (s) => {
			s.addFaults([{ action: 'hang', times: 5 }]);
			return await run(s, get, [{ customerId: 'a' }], { credentials: credentials() });
		}],
		['connection reset', async (s) => {
			s.addFaults([{ action: 'reset', times: 5 }]);
			return await run(s, create, [{ customerId: 'd' }], { credentials: credentials() });
		}],
		['connection refused', (s) =>
			run(s, get, [{ customerId: 'a' }], { credentials: sandboxCredentials('http://127.0.0.1:9/resources/v2', MARKER) })],
		['queued past the wait timeout', async (s) => {
			s.configure({ mode: 'queued', queuePolls: 100, queueDelayMs: 60_000 });
			return await run(s, create, [{ customerId: 'e' }], { credentials: credentials() });
		}],
		['plain http to a remote host', (s) =>
			run(s, get, [{ customerId: 'a' }], { credentials: { region: 'custom', baseUrl: 'http://example.com/x', apiKey: MARKER } })],
		['routing path: wrong key', (s) =>
			run(s, get, [{ customerId: 'a' }], { credentials: sandboxCredentials(s.baseUrl, WRONG_MARKER), routingOnly: true })],
		['routing path: connection reset', async (s) => {
			s.addFaults([{ action: 'reset', times: 5 }]);
			return await run(s, get, [{ customerId: 'a' }], { credentials: credentials(), routingOnly: true });
		}],
		['routing path: connection refused', (s) =>
			run(s, get, [{ customerId: 'a' }], {
				credentials: sandboxCredentials('http://127.0.0.1:9/resources/v2', MARKER),
				routingOnly: true,
			})],
		['credential test, wrong key', (s) => testCredential(sandboxCredentials(s.baseUrl, WRONG_MARKER))],
		['credential test, refused', () => testCredential(sandboxCredentials('http://127.0.0.1:9/resources/v2', MARKER))],
	];

	/**
	 * On a lost connection in the routing path, the request is n8n's own
	 * (RoutingNode): n8n-core wraps the AxiosError, request headers included, in
	 * its NodeApiError's non-enumerable `errorResponse`. That object is not
	 * serialized into execution data, shown or logged, so these paths are
	 * checked on what is: messages, descriptions, the serialized run and logs.
	 */
	const n8nOwnRequestError = new Set(['routing path: connection reset', 'routing path: connection refused']);

	/** What a user or a log can see of a result: its serialized form, and an error's message and description. */
	function visibleText(produced: unknown): string[] {
		const error = (produced as { error?: { message?: string; description?: string } } | undefined)?.error;
		return [JSON.stringify(produced), error?.message ?? '', error?.description ?? ''];
	}

	it.each(paths)('%s', async (name, produce) => {
		for (const onError of ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const) {
			sandbox.reset();
			logged.length = 0;
			const produced = await (onError === 'stopWorkflow'
				? produce(sandbox)
				: produceWith(onError, produce, sandbox));
			const deep = n8nOwnRequestError.has(name) ? [] : allText(produced);
			const text = [...deep, ...visibleText(produced), ...logged];
			expect(text.length).toBeGreaterThan(0);
			const leaks = text.filter((line) => line.includes(MARKER) || line.includes(WRONG_MARKER));
			expect(leaks.map((l) => l.slice(0, 200))).toEqual([]);
		}
	});

	/** The same path with On Error set: runs through `run` pick it up from here. */
	async function produceWith(
		onError: 'continueRegularOutput' | 'continueErrorOutput',
		produce: (s: Sandbox) => Promise<unknown>,
		s: Sandbox,
	): Promise<unknown> {
		currentOnError = onError;
		try {
			return await produce(s);
		} finally {
			currentOnError = undefined;
		}
	}
});

let currentOnError: 'continueRegularOutput' | 'continueErrorOutput' | undefined;
jest.mock('./support', () => {
	const actual = jest.requireActual('./support');
	return {
		...actual,
		run: async (sandbox: unknown, parameters: IDataObject, items: IDataObject[], extra: IDataObject = {}) =>
			await actual.run(sandbox, parameters, items, currentOnError ? { ...extra, onError: currentOnError } : extra),
	};
});
