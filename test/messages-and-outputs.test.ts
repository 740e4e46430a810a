/**
 * Messages and outputs say what happened, about the ID that was used (issue "Correctness holes",
 * point 7): the field a lookup used is named in the message and in `details`; app profile writes
 * tell the devices of one customer apart; only the API's own words are quoted as the API's;
 * Create or Update ends every item of a run the same way; every request says it is JSON.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { APP_ID, run, type Sandbox, useSandbox } from './support';

const app = (operation: string, extra: IDataObject = {}): INodeParameters => ({
	resource: 'appProfile',
	operation,
	appId: APP_ID,
	attributesMode: 'autoMap',
	...extra,
});
const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('messages and outputs', () => {
	const sandbox = useSandbox();

	it.each(['get', 'delete'])('App Profile %s by user ID, user missing: the message and details name the user ID', async (operation) => {
		const result = await run(sandbox, app(operation, { lookupBy: 'userId' }), [{ userId: 'u-1' }], continueOnFail);
		const json = result.items[0].json;
		expect(json.error).toEqual(expect.stringContaining('user ID "u-1"'));
		expect(json.error).not.toMatch(/customer ID/);
		expect(json.details).toEqual(expect.objectContaining({ itemIndex: 0, userId: 'u-1' }));
		expect((json.details as IDataObject).customerId).toBeUndefined();
	});

	it('Delete Device, device missing: the message and details name the device ID', async () => {
		sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', deviceId: 'phone' });
		const result = await run(sandbox, app('deleteDevice'), [{ customerId: 'c-1', deviceId: 'd-9' }], continueOnFail);
		const json = result.items[0].json;
		expect(json.error).toEqual(expect.stringContaining('device ID "d-9"'));
		expect(json.error).toEqual(expect.stringContaining('customer ID "c-1"'));
		expect(json.details).toEqual(expect.objectContaining({ customerId: 'c-1', deviceId: 'd-9' }));
		expect(sandbox.store.getAppProfiles(APP_ID, 'c-1')).toHaveLength(1);
	});

	it('Delete Device by user ID, device missing: names the user ID and the device ID', async () => {
		const result = await run(sandbox, app('deleteDevice', { lookupBy: 'userId' }), [{ userId: 'u-1', deviceId: 'd-9' }], continueOnFail);
		const json = result.items[0].json;
		expect(json.error).toEqual(expect.stringMatching(/user ID "u-1".*device ID "d-9"|device ID "d-9".*user ID "u-1"/));
		expect(json.details).toEqual(expect.objectContaining({ userId: 'u-1', deviceId: 'd-9' }));
	});

	it.each(['create', 'update', 'upsert'])('App Profile %s: outputs carry the appId, deviceId and userId of the record sent', async (operation) => {
		if (operation === 'update') {
			for (const deviceId of ['phone', 'tablet']) sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', deviceId });
		}
		const items = ['phone', 'tablet'].map((deviceId) => ({ customerId: 'c-1', userId: 'u-1', deviceId, os: `os of ${deviceId}` }));
		const result = await run(sandbox, app(operation), items, continueOnFail);
		const done = operation === 'update' ? 'updated' : 'created';
		expect(result.items.map((item) => item.json)).toEqual(
			['phone', 'tablet'].map((deviceId) =>
				expect.objectContaining({ customerId: 'c-1', appId: APP_ID, deviceId, userId: 'u-1', status: done }),
			),
		);
	});

	it('Get of a missing profile in a batch: no words are quoted as the API\'s that it did not send', async () => {
		sandbox.store.putProfile('here', { name: 'Here' });
		const result = await run(sandbox, { resource: 'profile', operation: 'get' }, [{ customerId: 'here' }, { customerId: 'gone' }], continueOnFail);
		expect(result.items[0].json.name).toBe('Here');
		const missing = result.items[1].json;
		expect(missing.error).toEqual(expect.stringMatching(/^Not found\b.*"gone"/));
		// The sandbox's answer held one record and no text about "gone".
		expect(`${String(missing.error)} ${String(missing.message)}`).not.toMatch(/IMIconnect said|No record found/);
	});

	it.each([
		['Profile', { resource: 'profile', operation: 'upsert', attributesMode: 'autoMap' }, (s: Sandbox, id: string) => s.store.putProfile(id, { name: 'Old' })],
		['App Profile', app('upsert'), (s: Sandbox, id: string) => s.store.putAppProfile(APP_ID, id, { customerId: id, deviceId: 'phone', os: 'Old' })],
	] as Array<[string, INodeParameters, (s: Sandbox, id: string) => void]>)(
		'%s Create or Update in queued mode, Wait for Completion off: every item says created or updated, none queued',
		async (_name, parameters, seed) => {
			sandbox.configure({ mode: 'queued', queuePolls: 1, queueDelayMs: 5_000 });
			const ids = ['q-0', 'q-1', 'q-2', 'q-3'];
			ids.slice(0, 2).forEach((id) => seed(sandbox, id));
			const items = ids.map((customerId) => ({ customerId, deviceId: 'phone', name: `New ${customerId}`, os: 'New' }));
			const input = parameters.resource === 'profile' ? items.map(({ customerId, name }) => ({ customerId, name })) : items.map(({ customerId, deviceId, os }) => ({ customerId, deviceId, os }));
			const result = await run(sandbox, { ...parameters, options: { waitForCompletion: false } }, input, continueOnFail);
			expect(result.items.map((item) => item.json.status ?? item.json.error)).toEqual(['updated', 'updated', 'created', 'created']);
		},
	);

	it('every request of the batched path, GET and DELETE included, carries content-type: application/json', async () => {
		sandbox.store.putProfile('c-1', { name: 'A' });
		sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', userId: 'u-1', deviceId: 'phone' });
		const runs: Array<[INodeParameters, IDataObject[]]> = [
			[{ resource: 'profile', operation: 'get' }, [{ customerId: 'c-1' }]],
			[app('get'), [{ customerId: 'c-1' }]],
			[app('get', { lookupBy: 'userId' }), [{ userId: 'u-1' }]],
			[app('deleteDevice'), [{ customerId: 'c-1', deviceId: 'phone' }]],
			[app('delete'), [{ customerId: 'c-1' }]],
			[{ resource: 'profile', operation: 'delete' }, [{ customerId: 'c-1' }]],
			[{ resource: 'profile', operation: 'create', attributesMode: 'autoMap' }, [{ customerId: 'c-2', name: 'B' }]],
		];
		for (const [parameters, items] of runs) await run(sandbox, parameters, items, continueOnFail);
		expect(sandbox.log.entries.map((entry) => entry.method).sort()).toEqual(['DELETE', 'DELETE', 'DELETE', 'GET', 'GET', 'GET', 'POST']);
		const withoutJson = sandbox.log.entries.filter((entry) => !/^application\/json\b/.test(entry.headers['content-type'] ?? ''));
		expect(withoutJson.map((entry) => `${entry.method} ${entry.path} content-type: ${String(entry.headers['content-type'])}`)).toEqual([]);
		// The log keeps no key value.
		expect(sandbox.log.entries.every((entry) => entry.headers.key === '(sent)')).toBe(true);
	});
});
