/** Profile → Erase Everywhere, through n8n's engine against the sandbox. */
import { APP_ID, customers, pairing, requestsTo, run, useSandbox } from './support';

const APPS = [APP_ID, 'MU20051001', 'BO20055029'];
const erase = (extra = {}) => ({ resource: 'profile', operation: 'erase', appIds: APPS.join(', '), ...extra });

describe('Profile → Erase Everywhere', () => {
	const sandbox = useSandbox();

	it('erases 250 customers in 3 apps with 12 requests: app profiles first, the master profile last', async () => {
		const items = customers(250);
		items.forEach(({ customerId }, index) => {
			sandbox.store.putProfile(customerId as string, { name: 'x' });
			// Every other customer has an app profile in the first two apps only.
			if (index % 2 === 0) for (const app of APPS.slice(0, 2)) sandbox.store.putAppProfile(app, customerId as string, { deviceId: 'd' });
		});
		const result = await run(sandbox, erase(), items);
		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox, 'DELETE', '/customerappprofile')).toBe(9);
		expect(requestsTo(sandbox, 'DELETE', '/customerprofile')).toBe(3);
		expect(sandbox.log.entries).toHaveLength(12);
		// A customer's master profile is deleted only after the deletes of its app profiles in every app.
		const entries = sandbox.log.entries;
		entries.forEach((entry, index) => {
			if (!entry.path.startsWith('/customerprofile')) return;
			const first = entry.query.customerId[0];
			const appDeletes = entries.filter((other) => other.path.startsWith('/customerappprofile') && other.query.customerId.includes(first));
			expect(appDeletes.map((other) => other.path).sort()).toEqual(APPS.map((app) => `/customerappprofile/${app}`).sort());
			for (const other of appDeletes) expect(entries.indexOf(other)).toBeLessThan(index);
		});
		expect(pairing(result.items)).toEqual(items.map((_, index) => index));
		expect(result.items[0].json).toEqual({
			customerId: 'c-0',
			status: 'erased',
			masterProfile: 'deleted',
			appProfiles: { [APPS[0]]: 'deleted', [APPS[1]]: 'deleted', [APPS[2]]: 'not found' },
		});
		expect(result.items[1].json.appProfiles).toEqual({ [APPS[0]]: 'not found', [APPS[1]]: 'not found', [APPS[2]]: 'not found' });
		expect(sandbox.store.listProfiles()).toEqual([]);
		for (const app of APPS) expect(sandbox.store.peekAppRecords(app, 'c-0')).toEqual([]);
	});

	it('a customer with no profile anywhere is erased ("not found" everywhere), not an error', async () => {
		const result = await run(sandbox, erase(), [{ customerId: 'ghost' }]);
		expect(result.items[0].json).toMatchObject({ customerId: 'ghost', status: 'erased', masterProfile: 'not found' });
	});

	it('keeps the master profile when asked', async () => {
		sandbox.store.putProfile('c-1', { name: 'Keep' });
		sandbox.store.putAppProfile(APP_ID, 'c-1', {});
		const result = await run(sandbox, erase({ appIds: APP_ID, options: { keepMasterProfile: true } }), [{ customerId: 'c-1' }]);
		expect(result.items[0].json).toMatchObject({ status: 'erased', masterProfile: 'kept', appProfiles: { [APP_ID]: 'deleted' } });
		expect(sandbox.store.getProfile('c-1')).toMatchObject({ name: 'Keep' });
		expect(requestsTo(sandbox, 'DELETE', '/customerprofile')).toBe(0);
	});

	it('an app that fails (7018) fails the item and its master profile stays; re-running finishes the job', async () => {
		sandbox.store.putProfile('c-1', { name: 'Stay' });
		sandbox.store.putAppProfile(APP_ID, 'c-1', {});
		const params = erase({ appIds: `${APP_ID}, no_such_app` });
		const result = await run(sandbox, params, [{ customerId: 'c-1' }], { onError: 'continueRegularOutput' });
		expect(result.items[0].json.error).toBe('Invalid app ID (code 7018) for customer ID "c-1" in app "no_such_app"');
		expect(result.items[0].json.details).toMatchObject({ itemIndex: 0, customerId: 'c-1', appId: 'no_such_app', code: '7018' });
		expect(sandbox.store.getProfile('c-1')).toMatchObject({ name: 'Stay' });
		expect(requestsTo(sandbox, 'DELETE', '/customerprofile')).toBe(0);

		const again = await run(sandbox, erase({ appIds: APP_ID }), [{ customerId: 'c-1' }]);
		expect(again.items[0].json).toMatchObject({ masterProfile: 'deleted', appProfiles: { [APP_ID]: 'not found' } });
	});

	it('refuses a bad App IDs entry as bad input for that item only, sending nothing for it', async () => {
		sandbox.store.putProfile('c-2', {});
		const params = erase({ appIds: '={{ $json.apps }}' });
		const result = await run(sandbox, params, [{ customerId: 'c-1', apps: ['..'] }, { customerId: 'c-2', apps: [APP_ID] }], {
			onError: 'continueRegularOutput',
		});
		expect(result.items[0].json.error).toBe('Item 0: App IDs ".." cannot be used as an ID');
		expect(result.items[1].json).toMatchObject({ customerId: 'c-2', status: 'erased', masterProfile: 'deleted' });
		expect(JSON.stringify(sandbox.log.entries)).not.toContain('c-1');
	});
});
