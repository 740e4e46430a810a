/**
 * A create whose first attempt got a temporary fault is retried; "already exists" on the retry
 * then means either "our first attempt landed" or "the record was there before, with other data".
 * Only a look at the record can tell: the node reads the uncertain records back (one batched GET
 * per batch) and reports `created` only where the record holds what was sent. Otherwise the item
 * fails as "already exists": never a write reported done that was not made.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { APP_ID, openSandbox, pairing, run, type Sandbox } from './support';

const OPTIONS = { maxRetries: 3, maxRetryWait: 5, timeout: 1000 };
const onWrites = { method: 'POST', pathPrefix: '/customer' };

interface Resource {
	parameters: IDataObject;
	items: IDataObject[];
	/** Stores a record for items[0] with other data than the item sends (and, for app profiles, another device of items[1]). */
	seed(sandbox: Sandbox): void;
	/** What the store holds for each item's customer. */
	stored(sandbox: Sandbox): unknown[];
	/** The store after a correct run: items[0]'s record untouched, the others written. */
	expected: unknown[];
	alreadyExists: RegExp;
}

const profileItems = ['x-0', 'x-1', 'x-2'].map((customerId) => ({ customerId, name: `New ${customerId}` }));
const appItems = ['x-0', 'x-1', 'x-2'].map((customerId) => ({ customerId, userId: `u-${customerId}`, deviceId: 'phone', os: 'New' }));
const oldApp = { customerId: 'x-0', userId: 'u-x-0', deviceId: 'phone', os: 'Old' };
const otherDevice = { customerId: 'x-1', userId: 'u-x-1', deviceId: 'tablet', os: 'Old' };

const RESOURCES: Record<string, Resource> = {
	'Profile Create': {
		parameters: { resource: 'profile', operation: 'create', attributesMode: 'autoMap', options: OPTIONS },
		items: profileItems,
		seed: (sandbox) => sandbox.store.putProfile('x-0', { name: 'Before the run', email: 'old@example.com' }),
		stored: (sandbox) => profileItems.map((item) => sandbox.store.getProfile(item.customerId)),
		expected: [{ customerId: 'x-0', name: 'Before the run', email: 'old@example.com' }, ...profileItems.slice(1)],
		alreadyExists: /^Already exists \(code 7015\).*"x-0"/,
	},
	'App Profile Create': {
		parameters: { resource: 'appProfile', operation: 'create', appId: APP_ID, attributesMode: 'autoMap', options: OPTIONS },
		items: appItems,
		seed: (sandbox) => {
			sandbox.store.putAppProfile(APP_ID, 'x-0', oldApp);
			sandbox.store.putAppProfile(APP_ID, 'x-1', otherDevice);
		},
		stored: (sandbox) => appItems.map((item) => sandbox.store.getAppProfiles(APP_ID, item.customerId)),
		expected: [[oldApp], [otherDevice, appItems[1]], [appItems[2]]],
		alreadyExists: /^Already exists \(code (7015|7209)\).*"x-0"/,
	},
};

const NOT_APPLIED: Record<string, IDataObject> = {
	'7006 on the first attempt': { action: 'error7006', match: onWrites },
	'a dropped connection on the first attempt': { action: 'reset', match: onWrites },
	'HTTP 500 on the first attempt': { action: 'http500', match: onWrites },
};
const APPLIED: Record<string, IDataObject> = {
	'7006 after applying the first attempt': { action: 'error7006', applied: true, match: onWrites },
	'a dropped connection after applying the first attempt': { action: 'reset', applied: true, match: onWrites },
};

describe('uncertain creates: 0 items reported created that were not written', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await openSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	const cells = (faults: Record<string, IDataObject>) =>
		Object.entries(RESOURCES).flatMap(([name, resource]) =>
			Object.entries(faults).map(([fault, spec]) => [name, fault, resource, spec] as const),
		);

	async function runWith(resource: Resource, fault: IDataObject) {
		sandbox.reset();
		resource.seed(sandbox);
		sandbox.addFaults([fault as never]);
		const result = await run(sandbox, resource.parameters as INodeParameters, resource.items, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(pairing(result.items)).toEqual(resource.items.map((_, index) => index));
		expect(sandbox.pendingFaults).toEqual([]);
		return result;
	}

	it.each(cells(NOT_APPLIED))(
		'%s, the record existed before with other data, %s (not applied): that item fails "already exists"',
		async (_name, _fault, resource, fault) => {
			const result = await runWith(resource, fault);
			const [existed, ...created] = result.items;
			expect(existed.json.status).toBeUndefined();
			expect(String(existed.json.error)).toMatch(resource.alreadyExists);
			expect(existed.json.details).toMatchObject({ itemIndex: 0, code: expect.stringMatching(/^(7015|7209)$/) });
			expect(created.map((item) => item.json.status)).toEqual(['created', 'created']);
			expect(resource.stored(sandbox)).toEqual(resource.expected);
			// The doubt is settled by reading the records back: one GET for the batch.
			expect(sandbox.log.count({ method: 'GET' })).toBe(1);
		},
	);

	it.each(cells(APPLIED))(
		'%s, control: %s: what the first attempt wrote is reported created, the record that existed is not',
		async (_name, _fault, resource, fault) => {
			const result = await runWith(resource, fault);
			expect(result.items.map((item) => item.json.status ?? 'failed')).toEqual(['failed', 'created', 'created']);
			expect(String(result.items[0].json.error)).toMatch(resource.alreadyExists);
			expect(resource.stored(sandbox)).toEqual(resource.expected);
		},
	);

	it.each(Object.entries(RESOURCES))('%s without any fault: "already exists" fails at once, nothing is read back', async (_name, resource) => {
		sandbox.reset();
		resource.seed(sandbox);
		const result = await run(sandbox, resource.parameters as INodeParameters, resource.items, { onError: 'continueRegularOutput' });
		expect(result.items.map((item) => item.json.status ?? 'failed')).toEqual(['failed', 'created', 'created']);
		expect(sandbox.log.count({ method: 'GET' })).toBe(0);
		expect(resource.stored(sandbox)).toEqual(resource.expected);
	});
});
