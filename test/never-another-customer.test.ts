/**
 * Never the wrong customer (issue "Correctness holes", point 2): an ID that is not well-formed
 * UTF-16 must not be re-encoded into another customer's ID, and a Get must never hand out a record
 * whose customer (or user) ID is not the one it asked for, whatever the API answered.
 */
import type { INodeParameters } from 'n8n-workflow';

import { APP_ID, run, useSandbox } from './support';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const get: INodeParameters = { resource: 'profile', operation: 'get' };
const appGet: INodeParameters = { resource: 'appProfile', operation: 'get', appId: APP_ID };

describe('never another customer', () => {
	const sandbox = useSandbox();

	it('an ill-formed ID is neither read nor deleted as the customer it would be re-encoded to', async () => {
		// "c-\uD800x" is not UTF-16: encoded for a URL it becomes another, valid customer ID
		// (n8n's request helper today sends "c-\u{10078}"; a UTF-8 encoder would send "c-\uFFFDx").
		const others = ['c-\u{10078}', 'c-\uFFFDx'];
		for (const id of others) sandbox.store.putProfile(id, { name: 'Someone else' });
		const read = await run(sandbox, get, [{ customerId: 'c-\uD800x' }], continueOnFail);
		expect(read.items).toHaveLength(1);
		expect(read.items[0].json.name).toBeUndefined();
		await run(sandbox, { resource: 'profile', operation: 'delete' }, [{ customerId: 'c-\uD800x' }], continueOnFail);
		expect(sandbox.store.listProfiles().map((profile) => profile.customerId)).toEqual(others);
		expect(sandbox.log.entries.map((entry) => entry.rawPath)).toEqual([]);
	});

	it.each([
		['Profile Get, one ID', get, [{ customerId: 'c-1' }]],
		['Profile Get, a batch', get, [{ customerId: 'c-1' }, { customerId: 'c-2' }]],
		['App Profile Get, one ID', appGet, [{ customerId: 'c-1' }]],
		['App Profile Get by user ID', { ...appGet, lookupBy: 'userId' }, [{ userId: 'u-1' }]],
	] as Array<[string, INodeParameters, Array<Record<string, string>>]>)(
		'%s answered with another customer\'s record: the item fails, the record is not output',
		async (_name, parameters, items) => {
			sandbox.addFaults([{ action: 'foreignRecord' }]);
			const result = await run(sandbox, parameters, items, continueOnFail);
			expect(result.items.map((item) => item.json.name)).not.toContain('Someone else');
			expect(result.items.map((item) => typeof item.json.error)).toEqual(items.map(() => 'string'));
		},
	);
});
