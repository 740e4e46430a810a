/**
 * Bad input inside a batch: one item's input must fail that item alone (issue "Correctness
 * holes"). An ID too long for any URL is refused as bad input and the others of its batch still go;
 * batched GET and DELETE URLs stay within a budget servers accept (the sandbox, like Apache and
 * nginx by default, answers 414 above 8 KB); an error item names the customer when it could be read.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { APP_ID, pairing, run, type Sandbox, useSandbox } from './support';

const LONG = 'L'.repeat(9000);
const good = ['g-0', 'g-1', 'g-2', 'g-3'];
const OPERATIONS: Array<[string, INodeParameters]> = [
	['Profile Get', { resource: 'profile', operation: 'get' }],
	['Profile Delete', { resource: 'profile', operation: 'delete' }],
	['App Profile Get', { resource: 'appProfile', operation: 'get', appId: APP_ID }],
	['App Profile Delete', { resource: 'appProfile', operation: 'delete', appId: APP_ID }],
];

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

	it.each(OPERATIONS)('%s: a 9 000-character ID fails as bad input; the good IDs of its batch go in one request', async (_name, parameters) => {
		seed(sandbox, good);
		const items: IDataObject[] = [{ customerId: good[0] }, { customerId: LONG }, ...good.slice(1).map((customerId) => ({ customerId }))];
		const result = await run(sandbox, parameters, items, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(outcomes(result.items)).toEqual(['ok', expect.stringMatching(/^Item 1: Customer ID /), 'ok', 'ok', 'ok']);
		expect([...new Set(pairing(result.items))]).toEqual([0, 1, 2, 3, 4]);
		expect(sandbox.log.entries).toHaveLength(1);
		expect(sandbox.log.entries[0].query.customerId).toEqual(good);
	});

	it.each(OPERATIONS)('%s: 100 IDs of 200 characters are split so that no URL is refused', async (_name, parameters) => {
		const ids = Array.from({ length: 100 }, (_, index) => `${String(index).padStart(3, '0')}-${'i'.repeat(196)}`);
		seed(sandbox, ids);
		const result = await run(sandbox, parameters, ids.map((customerId) => ({ customerId })), { onError: 'continueRegularOutput' });
		expect(outcomes(result.items).filter((outcome) => outcome !== 'ok')).toEqual([]);
		expect(sandbox.log.entries.filter((entry) => entry.status === 414)).toEqual([]);
		expect(sandbox.log.entries.flatMap((entry) => entry.query.customerId ?? []).sort()).toEqual(ids);
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
