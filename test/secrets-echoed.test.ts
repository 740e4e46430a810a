/**
 * An API (or a proxy in front of it) that quotes the request's key in its error texts: the node
 * must not pass the key on (issue "Correctness holes", point 5). Every registered operation (the
 * items its fixture in test/operations/ says the API refuses) runs into such
 * errors — the API's own error envelope, per-record results, 7006 until the retries run out, an
 * HTML 503 page, errors with HTTP 4xx, a wrong key — with and without Continue On Fail, and the
 * key is searched for in everything produced: output items, the error with its properties and
 * causes, the run data, and console and n8n logger output.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { sandboxCredentials } from '../scripts/lib/engine';
import { fixtureList } from './operations';
import { allText, captureLogs, openSandbox, run, type Sandbox } from './support';

const MARKER = 'echoed-key-5d2e91b7-live';
const WRONG_MARKER = 'echoed-key-44c0-wrong';
const options = { maxRetries: 1, maxRetryWait: 0.2, timeout: 1000 };

/** Every refused item of every operation's fixture, with that fixture's parameters. */
const REFUSED: Record<string, { parameters: INodeParameters; item: IDataObject; seed?(sandbox: Sandbox): void }> = Object.fromEntries(
	fixtureList().flatMap(([key, fixture]) =>
		Object.entries(fixture.refused).map(([why, refusal]) => [
			`${key} (${why})`,
			{ parameters: { ...fixture.parameters, ...refusal.parameters, options }, item: refusal.item, seed: refusal.seed },
		]),
	),
);
const profile = (operation: string): INodeParameters => ({ resource: 'profile', operation, attributesMode: 'autoMap', options });

type Setup = (sandbox: Sandbox) => void;
const ERRORS: Record<string, Setup> = {
	'the API refuses it': () => {},
	'the API refuses it with HTTP 4xx': (s) => s.configure({ errorStatus: '4xx' }),
	'7006 until the retries run out': (s) => s.addFaults([{ action: 'error7006', times: 5 }]),
	'an HTML 503 page': (s) => s.addFaults([{ action: 'http503', times: 5 }]),
	'an HTML 403 page from a proxy': (s) => s.addFaults([{ action: 'http403', times: 5 }]),
};

describe('a key quoted back by the API never leaks', () => {
	const logged = captureLogs();
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await openSandbox({ key: MARKER, echoKeyInErrors: true });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	const cells = Object.entries(REFUSED).flatMap(([name, operation]) =>
		Object.entries(ERRORS).map(([error, setup]) => [name, error, operation, setup] as const),
	);


	it.each(cells)('%s, %s', async (_name, _error, operation, setup) => {
		for (const onError of ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const) {
			sandbox.reset();
			operation.seed?.(sandbox);
			setup(sandbox);
			logged.length = 0;
			const result = await run(sandbox, operation.parameters, [operation.item], { onError });
			const error = result.error ?? result.items[0]?.json ?? result.errorItems[0]?.json;
			// The API did answer with the key in it (else this cell proves nothing).
			expect(sandbox.log.entries.length).toBeGreaterThan(0);
			expect(error).toBeDefined();
			const text = [...allText(result), JSON.stringify(result.run), ...logged];
			const leaks = text.filter((line) => line.includes(MARKER));
			expect(leaks.map((line) => line.slice(0, 200))).toEqual([]);
		}
	});

	it.each([false, true])('a wrong key quoted back (routing path: %s) does not leak either', async (routingOnly) => {
		for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
			sandbox.reset();
			logged.length = 0;
			const result = await run(sandbox, profile('get'), [{ customerId: 'c-1' }], {
				credentials: sandboxCredentials(sandbox.baseUrl, WRONG_MARKER),
				onError,
				routingOnly,
			});
			expect(sandbox.log.entries.length).toBeGreaterThan(0);
			const text = [JSON.stringify(result.items), result.error?.message ?? '', result.error?.description ?? '', JSON.stringify(result.run), ...logged];
			expect(text.filter((line) => line.includes(WRONG_MARKER)).map((line) => line.slice(0, 200))).toEqual([]);
		}
	});
});
