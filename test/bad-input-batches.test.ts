/**
 * Bad input inside a batch: one item's input must fail that item alone (issue "Correctness
 * holes"). An ID too long for any URL is refused as bad input and the others of its batch still go;
 * batched GET and DELETE URLs stay within a budget servers accept (the sandbox, like Apache and
 * nginx by default, answers 414 above 8 KB); an error item names the customer when it could be read.
 * The URL tests run the operations whose fixture (test/operations/) says they put customer IDs in URL
 * queries; the malformed-ID test runs every registered operation.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { arrange, fixtureList } from './operations';
import { APP_ID, pairing, run, type Sandbox, useSandbox } from './support';

const LONG = 'L'.repeat(9000);
const good = ['g-0', 'g-1', 'g-2', 'g-3'];
/** The operations whose fixture says they batch customer IDs into URL queries, with the requests of one batch. */
const OPERATIONS: Array<[string, INodeParameters, number]> = fixtureList().flatMap(([key, fixture]) =>
	fixture.idsInUrl ? [[key, fixture.parameters, fixture.idsInUrl.requestsPerBatch] as [string, INodeParameters, number]] : [],
);

/** 'ok' or the start of the error (the IDs here are too long to show whole). */
function outcomes(items: INodeExecutionData[]): string[] {
	const seen = new Set<number>();
	return items.flatMap((item) => {
		const input = pairing([item])[0];
		if (seen.has(input)) return [];
		seen.add(input);
		return [item.json.error === undefined ? 'ok' : String(item.json.error).slice(0, 60)];
	});
}

function seed(sandbox: Sandbox, ids: string[]): void {
	for (const id of ids) {
		sandbox.store.putProfile(id, { name: `Name ${id}` });
		sandbox.store.putAppProfile(APP_ID, id, { customerId: id, deviceId: 'd' });
	}
}

describe('bad input inside a batch', () => {
	const sandbox = useSandbox();

	it.each(OPERATIONS)('%s: a 9 000-character ID fails as bad input; the good IDs of its batch go in one request', async (_name, parameters, requests) => {
		seed(sandbox, good);
		const items: IDataObject[] = [{ customerId: good[0] }, { customerId: LONG }, ...good.slice(1).map((customerId) => ({ customerId }))];
		const result = await run(sandbox, parameters, items, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(outcomes(result.items)).toEqual(['ok', expect.stringMatching(/^Item 1: Customer ID /), 'ok', 'ok', 'ok']);
		expect([...new Set(pairing(result.items))]).toEqual([0, 1, 2, 3, 4]);
		// One request (Erase: one per app, then one of the master profiles), each with every good ID.
		expect(sandbox.log.entries).toHaveLength(requests);
		for (const entry of sandbox.log.entries) expect(entry.query.customerId).toEqual(good);
	});

	it.each(OPERATIONS)('%s: 100 IDs of 200 characters are split so that no URL is refused', async (_name, parameters, requests) => {
		const ids = Array.from({ length: 100 }, (_, index) => `${String(index).padStart(3, '0')}-${'i'.repeat(196)}`);
		seed(sandbox, ids);
		const result = await run(sandbox, parameters, ids.map((customerId) => ({ customerId })), { onError: 'continueRegularOutput' });
		expect(outcomes(result.items).filter((outcome) => outcome !== 'ok')).toEqual([]);
		expect(sandbox.log.entries.filter((entry) => entry.status === 414)).toEqual([]);
		// Every ID once on each path the operation sends to (Erase: the app's and the master profiles').
		const paths = [...new Set(sandbox.log.entries.map((entry) => entry.path))];
		expect(paths).toHaveLength(requests);
		for (const path of paths) {
			const sent = sandbox.log.entries.filter((entry) => entry.path === path).flatMap((entry) => entry.query.customerId ?? []);
			expect(sent.sort()).toEqual(ids);
		}
	});

	it.each(fixtureList())('%s: an item whose customer ID is not well-formed text fails alone; its batch does what the typical run does', async (_key, fixture) => {
		const items = await arrange(sandbox, fixture);
		const withBad = [items[0], { ...items[0], customerId: 'c-\uD800' }, ...items.slice(1)];
		const result = await run(sandbox, fixture.parameters, withBad, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const bad = result.items.filter((item) => pairing([item])[0] === 1);
		expect(bad.map((item) => item.json.error)).toEqual([expect.stringMatching(/^Item 1: Customer ID is not well-formed text/)]);
		const others = result.items.filter((item) => pairing([item])[0] !== 1);
		expect(others.map((item) => item.json.error)).toEqual(items.map(() => undefined));
		fixture.check(sandbox, { ...result, items: others });
	});

	it('the error item of bad input carries the customer ID when it could be read', async () => {
		const result = await run(
			sandbox,
			{ resource: 'profile', operation: 'create', attributesMode: 'autoMap' },
			[{ customerId: 'ok-1', name: 'Fine' }, { customerId: 'c-7', name: { first: 'A' } }],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.items[1].json.error).toEqual(expect.stringMatching(/^Item 1: attribute "name" /));
		expect(result.items[1].json.details).toEqual(expect.objectContaining({ itemIndex: 1, customerId: 'c-7' }));
		expect(result.items[0].json.status).toBe('created');
	});
});
