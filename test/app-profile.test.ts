import type { IDataObject } from 'n8n-workflow';

import { APP_ID, pairing, requestsTo, run, useSandbox } from './support';

const app = (operation: string, extra: IDataObject = {}) => ({
	resource: 'appProfile',
	operation,
	appId: APP_ID,
	attributesMode: 'autoMap',
	...extra,
});
const wait = { options: { waitForCompletion: true, waitTimeout: 20 } };

function inAppCustomers(n: number): IDataObject[] {
	return Array.from({ length: n }, (_, index) => ({
		customerId: `c-${index}`,
		userId: `u-${index}`,
		deviceId: `d-${index}`,
		os: 'Android',
		connectStatus: '1',
	}));
}

describe.each(['success', 'queued'] as const)('App Profile in %s mode', (mode) => {
	const sandbox = useSandbox({ mode, queuePolls: 1, queueDelayMs: 60_000 });

	it('creates 250 In-App profiles of one app in 3 requests, then gets them by customer and by user ID', async () => {
		const items = inAppCustomers(250);
		const created = await run(sandbox, app('create', wait), items);
		expect(created.error).toBeUndefined();
		expect(requestsTo(sandbox, 'POST', `/customerappprofile/${APP_ID}`)).toBe(3);
		expect(created.items.map((item) => item.json.status)).toEqual(Array(250).fill('created'));
		expect(created.items[0].json).toMatchObject({ customerId: 'c-0', appId: APP_ID });

		sandbox.log.clear();
		const byCustomer = await run(sandbox, app('get'), items.map(({ customerId }) => ({ customerId })));
		expect(byCustomer.error).toBeUndefined();
		expect(requestsTo(sandbox, 'GET', `/customerappprofile/${APP_ID}`)).toBe(3);
		expect(byCustomer.items).toHaveLength(250);
		expect(byCustomer.items[7].json).toMatchObject({ customerId: 'c-7', userId: 'u-7', deviceId: 'd-7', os: 'Android' });
		expect(pairing(byCustomer.items)).toEqual(items.map((_, index) => index));

		sandbox.log.clear();
		const byUser = await run(sandbox, app('get', { lookupBy: 'userId' }), [{ userId: 'u-3' }, { userId: 'u-4' }]);
		expect(byUser.items.map((item) => item.json.customerId)).toEqual(['c-3', 'c-4']);
		expect(sandbox.log.entries.map((entry) => entry.query.identifier)).toEqual([['u-3'], ['u-4']]);
	});

	it('a customer with two devices gives two output items, both paired to its input item', async () => {
		sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', userId: 'u-1', deviceId: 'phone', timespent: 385 });
		sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', userId: 'u-1', deviceId: 'tablet', timespent: '12' });
		sandbox.store.putAppProfile(APP_ID, 'c-2', { customerId: 'c-2', userId: 'u-2', deviceId: 'phone' });
		for (const lookup of [app('get'), app('get', { lookupBy: 'userId', userId: '={{ "u-" + $json.n }}' })]) {
			const result = await run(sandbox, lookup, [{ customerId: 'c-2', n: 2 }, { customerId: 'c-1', n: 1 }]);
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => [item.json.customerId, item.json.deviceId])).toEqual([
				['c-2', 'phone'],
				['c-1', 'phone'],
				['c-1', 'tablet'],
			]);
			expect(pairing(result.items)).toEqual([0, 1, 1]);
			// Values keep the type the API sent.
			expect(result.items[1].json.timespent).toBe(385);
			expect(result.items[2].json.timespent).toBe('12');
		}
	});

	it('shows the linked master profile as one readable object', async () => {
		sandbox.store.putProfile('c-5', { name: 'Five', email: 'five@example.com' });
		sandbox.store.putAppProfile(APP_ID, 'c-5', { customerId: 'c-5', userId: 'u-5', deviceId: 'd' });
		const result = await run(sandbox, app('get'), [{ customerId: 'c-5' }]);
		expect(result.items[0].json).toEqual({
			customerId: 'c-5',
			userId: 'u-5',
			deviceId: 'd',
			masterProfile: {
				profileId: expect.any(Number),
				profileName: 'sandbox_cpms_1',
				customerId: 'c-5',
				name: 'Five',
				email: 'five@example.com',
			},
		});
	});

	it('Delete Device removes exactly that device, by customer or by user ID', async () => {
		for (const deviceId of ['phone', 'tablet', 'watch']) {
			sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', userId: 'u-1', deviceId });
		}
		const byCustomer = await run(sandbox, app('deleteDevice', wait), [{ customerId: 'c-1', deviceId: 'tablet' }]);
		expect(byCustomer.error).toBeUndefined();
		expect(byCustomer.items[0].json).toMatchObject({ status: 'deleted', customerId: 'c-1', deviceId: 'tablet' });
		const byUser = await run(sandbox, app('deleteDevice', { ...wait, lookupBy: 'userId' }), [
			{ userId: 'u-1', deviceId: 'watch' },
		]);
		expect(byUser.error).toBeUndefined();
		const left = sandbox.store.getAppProfiles(APP_ID, 'c-1').map((record: IDataObject) => record.deviceId);
		expect(left).toEqual(['phone']);
		const paths = sandbox.log.entries.filter((entry) => entry.method === 'DELETE').map((entry) => entry.path);
		expect(paths).toEqual([`/customerappprofile/${APP_ID}/c-1/tablet`, `/customerappprofile/${APP_ID}/u-1/watch`]);
	});

	it('Delete removes the app profiles and leaves the master profile', async () => {
		sandbox.store.putProfile('c-1', { name: 'One' });
		sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', userId: 'u-1', deviceId: 'a' });
		sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', userId: 'u-1', deviceId: 'b' });
		sandbox.store.putAppProfile(APP_ID, 'c-2', { customerId: 'c-2', userId: 'u-2', deviceId: 'a' });
		sandbox.store.putAppProfile(APP_ID, 'c-3', { customerId: 'c-3', userId: 'u-3', deviceId: 'a' });
		const byCustomer = await run(sandbox, app('delete', wait), [{ customerId: 'c-1' }, { customerId: 'c-2' }]);
		expect(byCustomer.error).toBeUndefined();
		expect(byCustomer.items.map((item) => item.json.status)).toEqual(['deleted', 'deleted']);
		expect(requestsTo(sandbox, 'DELETE', `/customerappprofile/${APP_ID}`)).toBe(1);
		const byUser = await run(sandbox, app('delete', { ...wait, lookupBy: 'userId' }), [{ userId: 'u-3' }]);
		expect(byUser.error).toBeUndefined();
		expect(sandbox.store.getAppProfiles(APP_ID)).toEqual([]);
		expect(sandbox.store.getProfile('c-1')).toEqual({ customerId: 'c-1', name: 'One' });
	});

	it('an unknown app ID gives a clear error naming the app ID', async () => {
		const result = await run(sandbox, app('create', { appId: 'no_such_app' }), inAppCustomers(2));
		expect(result.error?.message).toBe('Invalid app ID (code 7018) for customer ID "c-0" in app "no_such_app"');
		expect(result.error?.description).toContain('Check the App ID');
		const onFail = await run(sandbox, app('get', { appId: 'no_such_app' }), [{ customerId: 'x' }], {
			onError: 'continueRegularOutput',
		});
		expect(onFail.items[0].json.details).toMatchObject({ code: '7018', customerId: 'x' });
	});

	it('create or update: existing app profiles are updated, new ones created', async () => {
		sandbox.store.putAppProfile(APP_ID, 'c-0', { customerId: 'c-0', userId: 'u-0', deviceId: 'd-0', os: 'iOS' });
		const result = await run(sandbox, app('upsert', wait), inAppCustomers(3));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['updated', 'created', 'created']);
		expect(sandbox.store.getAppProfiles(APP_ID, 'c-0')).toEqual([
			expect.objectContaining({ deviceId: 'd-0', os: 'Android' }),
		]);
	});
});

describe('App Profile: channels and links', () => {
	const sandbox = useSandbox();

	it.each([
		['facebook', 'psid', '1234567890'],
		['twitter', 'twitter_handle', 'ada'],
		['wechat', 'nick', 'ada'],
		['inApp', 'pushId', '5437bc58'],
		['push', 'pushId', '5437bc59'],
	])('a %s profile takes its attributes from the channel list plus any other', async (channel, name, value) => {
		const result = await run(
			sandbox,
			app('create', {
				attributesMode: 'define',
				channel,
				channelAttributes: { attribute: [{ name, value }, { name: 'status', value: '1' }] },
				attributesUi: { attribute: [{ name: 'custom_note', value: 'vip' }] },
			}),
			[{ customerId: `${channel}-1` }],
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.store.getAppProfiles(APP_ID, `${channel}-1`)).toEqual([
			expect.objectContaining({ [name]: value, status: '1', custom_note: 'vip' }),
		]);
	});

	it('the master profile’s Get with app profiles (1 and 2) shows the app profiles created here', async () => {
		await run(sandbox, { resource: 'profile', operation: 'create', attributesMode: 'autoMap' }, [
			{ customerId: 'm-1', name: 'Master' },
		]);
		await run(sandbox, app('create', { fieldsToIgnore: 'note' }), [
			{ customerId: 'm-1', userId: 'u-m', deviceId: 'p', os: 'Android', note: 'x' },
		]);
		const level1 = await run(sandbox, { resource: 'profile', operation: 'get', showInwardLinks: 1 }, [{ customerId: 'm-1' }]);
		expect(level1.items[0].json.inwardLinks).toEqual([
			expect.objectContaining({ appID: APP_ID, records: [{ customerId: 'm-1', userId: 'u-m', deviceId: 'p' }] }),
		]);
		const level2 = await run(sandbox, { resource: 'profile', operation: 'get', showInwardLinks: 2 }, [{ customerId: 'm-1' }]);
		expect(level2.items[0].json.inwardLinks).toEqual([
			expect.objectContaining({ records: [{ customerId: 'm-1', userId: 'u-m', deviceId: 'p', os: 'Android' }] }),
		]);
	});

	it('refuses "." and ".." as IDs in a URL path, and an empty device ID, sending nothing', async () => {
		const result = await run(
			sandbox,
			app('deleteDevice'),
			[
				{ customerId: '..', deviceId: 'x' },
				{ customerId: 'c', deviceId: ' ' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.items.map((item) => item.json.error)).toEqual([
			'Item 0: Customer ID ".." cannot be used as an ID',
			'Item 1: Device ID is empty',
		]);
		expect(sandbox.log.entries).toHaveLength(0);
	});

	it('runs through declarative routing (one request per item) too', async () => {
		sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', userId: 'u-1', deviceId: 'a' });
		const result = await run(sandbox, app('get', { lookupBy: 'userId' }), [{ userId: 'u-1' }], { routingOnly: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ customerId: 'c-1', deviceId: 'a' });
	});
});
