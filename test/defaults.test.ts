/**
 * No default writes anything the user did not ask for (issue "Correctness holes", point 8): a node
 * left with its defaults must not blank a customer's data. Attributes = JSON defaults to `{}`; an
 * Update with nothing to write fails clearly instead of sending an empty or blanking record.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { APP_ID, run, type Sandbox, useSandbox } from './support';

/** The attributes of the records the sandbox received. */
function sentAttributes(sandbox: Sandbox): IDataObject[] {
	return sandbox.log.entries.flatMap((entry) =>
		(((entry.body as IDataObject | undefined)?.Records ?? []) as IDataObject[]).map((record) => record.Attributes as IDataObject),
	);
}

describe('defaults of the write operations', () => {
	const sandbox = useSandbox();

	// Attributes = JSON, the JSON field never touched: n8n fills in the field's default.
	const jsonDefault = (resource: string, operation: string): INodeParameters => ({
		resource,
		operation,
		attributesMode: 'json',
		...(resource === 'appProfile' ? { appId: APP_ID } : {}),
	});

	it.each([
		['profile', () => sandbox.store.getProfile('c-1')],
		['appProfile', () => sandbox.store.getAppProfiles(APP_ID, 'c-1')],
	] as Array<[string, () => unknown]>)('%s Update with the default JSON fails clearly and changes nothing', async (resource, stored) => {
		sandbox.store.putProfile('c-1', { name: 'Ann', email: 'ann@example.com' });
		sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', deviceId: 'phone', os: 'Android' });
		const before = stored();
		const result = await run(sandbox, jsonDefault(resource, 'update'), [{ customerId: 'c-1' }], { onError: 'continueRegularOutput' });
		expect(result.items[0].json.error).toEqual(expect.stringMatching(/^Item 0: Attributes.*\bempty\b/i));
		expect(sandbox.log.count({ method: 'PUT' })).toBe(0);
		expect(stored()).toEqual(before);
	});

	it.each(['profile', 'appProfile'])('%s Create with the default JSON sends no attribute besides the customer ID', async (resource) => {
		const result = await run(sandbox, jsonDefault(resource, 'create'), [{ customerId: 'c-9' }], { onError: 'continueRegularOutput' });
		expect(result.items[0].json.status).toBe('created');
		const sent = sentAttributes(sandbox);
		expect(sent).toHaveLength(1);
		expect(Object.keys(sent[0]).filter((name) => name !== 'customerId')).toEqual([]);
	});

	it('a Define Below row left with its default (empty) name fails naming the field; nothing is sent', async () => {
		sandbox.store.putProfile('c-1', { name: 'Ann' });
		const parameters: INodeParameters = {
			resource: 'profile',
			operation: 'update',
			attributesMode: 'define',
			attributesUi: { attribute: [{ value: 'x' }] },
		};
		const result = await run(sandbox, parameters, [{ customerId: 'c-1' }], { onError: 'continueRegularOutput' });
		expect(result.items[0].json.error).toEqual(expect.stringMatching(/^Item 0: attribute name\b.*\bempty\b/i));
		expect(sandbox.log.entries).toHaveLength(0);
		expect(sandbox.store.getProfile('c-1')).toEqual({ customerId: 'c-1', name: 'Ann' });
	});
});
