/**
 * Dry Run of every write and delete: nothing reaches the sandbox, and each item shows the request
 * a real run of the same items forms (its number, method, path with the query) and the record as
 * sent. Compared against a real run at Concurrency 1, where requests go out in the order they are formed.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { APP_ID, customers, run, useSandbox, type Sandbox } from './support';

const APPS = [APP_ID, 'MU20051001'];

interface Case {
	name: string;
	parameters: INodeParameters;
	items: () => IDataObject[];
	seed?: (sandbox: Sandbox, items: IDataObject[]) => void;
}

const seedProfiles = (sandbox: Sandbox, items: IDataObject[]) =>
	items.forEach(({ customerId }) => sandbox.store.putProfile(customerId as string, { name: 'x' }));
const seedAppProfiles = (sandbox: Sandbox, items: IDataObject[]) =>
	items.forEach(({ customerId, deviceId }) =>
		sandbox.store.putAppProfile(APP_ID, customerId as string, { deviceId: (deviceId as string) ?? 'd-1' }),
	);
// 230 items: 3 requests at Batch Size 100, one ID repeated (a later request waits for the earlier one).
const withRepeat = (prefix: string) => () => [...customers(229, prefix), { ...customers(1, prefix)[0], name: 'again' }];
const options = { batchSize: 100, concurrency: 1 };

const CASES: Case[] = [
	{ name: 'Profile Create', parameters: { resource: 'profile', operation: 'create', attributesMode: 'autoMap', options }, items: withRepeat('c') },
	{ name: 'Profile Update', parameters: { resource: 'profile', operation: 'update', attributesMode: 'autoMap', options }, items: withRepeat('u'), seed: seedProfiles },
	{ name: 'Profile Create or Update', parameters: { resource: 'profile', operation: 'upsert', attributesMode: 'autoMap', options }, items: withRepeat('o') },
	{ name: 'Profile Delete', parameters: { resource: 'profile', operation: 'delete', options }, items: () => customers(230, 'd'), seed: seedProfiles },
	{ name: 'Profile Erase Everywhere', parameters: { resource: 'profile', operation: 'erase', appIds: APPS.join(','), options }, items: () => customers(150, 'e'), seed: seedProfiles },
	{ name: 'App Profile Create', parameters: { resource: 'appProfile', operation: 'create', appId: APP_ID, attributesMode: 'autoMap', options }, items: withRepeat('ac') },
	{ name: 'App Profile Update', parameters: { resource: 'appProfile', operation: 'update', appId: APP_ID, attributesMode: 'autoMap', options }, items: withRepeat('au'), seed: seedAppProfiles },
	{ name: 'App Profile Create or Update', parameters: { resource: 'appProfile', operation: 'upsert', appId: APP_ID, attributesMode: 'autoMap', options }, items: withRepeat('ao') },
	{ name: 'App Profile Delete', parameters: { resource: 'appProfile', operation: 'delete', appId: APP_ID, options }, items: () => customers(230, 'ad'), seed: seedAppProfiles },
	{
		name: 'App Profile Delete Device',
		parameters: { resource: 'appProfile', operation: 'deleteDevice', appId: APP_ID, options },
		items: () => customers(3, 'dd').map((item, index) => ({ ...item, deviceId: `dev-${index}` })),
		seed: seedAppProfiles,
	},
];

/** Each request of the sandbox's log as Dry Run shows one: method, path with query, records. */
function sent(sandbox: Sandbox) {
	return sandbox.log.entries.map((entry) => {
		const url = new URL(`http://x${entry.rawPath.replace(/^\/resources\/v2/, '')}`);
		return { method: entry.method, path: `${url.pathname}${url.search}`, records: (entry.body as IDataObject | undefined)?.Records };
	});
}

describe('Dry Run', () => {
	const sandbox = useSandbox();

	it.each(CASES)('$name: 0 requests; the requests and records a real run sends', async ({ parameters, items, seed }) => {
		const input = items();
		seed?.(sandbox, input);
		const dry = await run(sandbox, { ...parameters, dryRun: true }, input);
		expect(dry.error).toBeUndefined();
		expect(sandbox.log.entries).toHaveLength(0);
		expect(dry.items).toHaveLength(input.length);
		dry.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.status).toBe('dry run');
			expect(item.json.customerId).toBe(input[index].customerId);
		});

		// A create of a repeated ID answers "already exists": the real run goes on past it.
		const real = await run(sandbox, parameters, input, { onError: 'continueRegularOutput' });
		expect(real.error).toBeUndefined();
		const requests = sent(sandbox);
		// Every request the dry run names, with the items it names in it: as the real run sent it.
		const planned = new Map<number, { method: string; path: string; records: IDataObject[] }>();
		for (const item of dry.items) {
			const dryRun = item.json.dryRun as IDataObject;
			const steps = (dryRun.requests as IDataObject[] | undefined) ?? [dryRun];
			for (const step of steps) {
				const at = planned.get(step.request as number) ?? { method: step.method as string, path: step.path as string, records: [] };
				expect(at.path).toBe(step.path);
				if (dryRun.record) at.records.push(dryRun.record as IDataObject);
				planned.set(step.request as number, at);
			}
		}
		expect([...planned.keys()].sort((a, b) => a - b)).toEqual(requests.slice(0, planned.size).map((_, index) => index + 1));
		for (const [number, request] of planned) {
			const real = requests[number - 1];
			expect({ method: request.method, path: request.path }).toEqual({ method: real.method, path: real.path });
			if (real.records) expect(request.records).toEqual(real.records);
		}
		// Create or Update sends updates for records that exist: only those come after the planned ones.
		if (parameters.operation !== 'upsert') expect(requests).toHaveLength(planned.size);
	});

	it('bad items fail identically with and without Dry Run, and nothing is sent', async () => {
		const input = [...customers(3, 'b'), { customerId: '', name: 'no id' }, { customerId: 'b-4', tags: ['a'] }];
		const parameters = { resource: 'profile', operation: 'create', attributesMode: 'autoMap' };
		const onError = { onError: 'continueRegularOutput' as const };
		const dry = await run(sandbox, { ...parameters, dryRun: true }, input, onError);
		expect(sandbox.log.entries).toHaveLength(0);
		const real = await run(sandbox, parameters, input, onError);
		const errors = (result: typeof dry) => result.items.filter((item) => item.json.error).map((item) => item.json);
		expect(errors(dry)).toHaveLength(2);
		expect(errors(dry)).toEqual(errors(real));
		const stopped = await run(sandbox, { ...parameters, dryRun: true }, input);
		const stoppedReal = await run(sandbox, parameters, input);
		expect(stopped.error?.message).toBe(stoppedReal.error?.message);
		expect(stopped.error?.message).toMatch(/^Item 3: Customer ID is empty/);
	});

	it('Erase Everywhere lists each app’s delete, then the master’s, or why the master is kept', async () => {
		const input = customers(2, 'k');
		const dry = await run(sandbox, { resource: 'profile', operation: 'erase', appIds: APPS.join(','), options: { keepMasterProfile: true }, dryRun: true }, input);
		const dryRun = dry.items[0].json.dryRun as IDataObject;
		expect(dryRun.requests).toEqual(
			APPS.map((app, index) => ({ request: index + 1, method: 'DELETE', path: `/customerappprofile/${app}?customerId=k-0&customerId=k-1` })),
		);
		expect(dryRun.masterProfile).toMatch(/^kept/);
		expect(sandbox.log.entries).toHaveLength(0);
	});

	it('records show the conversions: numbers as digits, booleans as "1"/"0", nulls left out', async () => {
		const dry = await run(sandbox, { resource: 'profile', operation: 'create', attributesMode: 'autoMap', dryRun: true }, [
			{ customerId: 'n-1', age: 42, vip: true, optIn: false, gone: null },
		]);
		expect((dry.items[0].json.dryRun as IDataObject).record).toEqual({
			customerId: 'n-1',
			Attributes: { customerId: 'n-1', age: '42', vip: '1', optIn: '0' },
		});
	});
});
