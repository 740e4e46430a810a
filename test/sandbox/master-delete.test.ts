/** Sandbox: master (customer) profile deletes, docs/profile-api.md#paths and #answers. */
import { APP, UUID, call, sb, useMasterSandbox } from './master-support';

describe('sandbox: master profiles: delete', () => {
	useMasterSandbox();

	it('delete: DELETE /customerprofile/{id} answers shape B; a missing one is a 7203 error', async () => {
		sb.store.putProfile('d1', { name: 'D' });
		const res = await call('DELETE', '/customerprofile/d1');
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			code: '1000',
			description: 'SUCCESS',
			TotalCount: 1,
			Results: [{ customerId: 'd1', code: '1000', description: 'SUCCESS' }],
		});
		expect(sb.store.getProfile('d1')).toBeUndefined();
		const again = await call('DELETE', '/customerprofile/d1');
		expect(again.json).toEqual({
			response: { code: '7203', description: 'Customer not found', transid: expect.stringMatching(UUID) },
		});
	});

	it('delete many: DELETE /customerprofile?customerId=… answers per id, missing ones 7203 (1002)', async () => {
		sb.store.putProfile('m1', {});
		sb.store.putProfile('m2', {});
		const res = await call('DELETE', '/customerprofile?customerId=m1&customerId=ghost&customerId=m2');
		expect(res.json).toMatchObject({
			code: '1002',
			TotalCount: 3,
			SuccessCount: 2,
			FailureCount: 1,
			Results: [
				{ customerId: 'm1', code: '1000' },
				{ customerId: 'ghost', code: '7203', description: 'Customer not found' },
				{ customerId: 'm2', code: '1000' },
			],
		});
		expect(sb.store.counts.profiles).toBe(0);
	});

	it('deleting a master profile leaves its app profiles in place', async () => {
		sb.store.putProfile('keep-apps', { name: 'K' });
		sb.store.putAppProfile(APP, 'keep-apps', { userId: 'u', deviceId: 'd' });
		await call('DELETE', '/customerprofile/keep-apps');
		expect(sb.store.getProfile('keep-apps')).toBeUndefined();
		expect(sb.store.getAppProfiles(APP, 'keep-apps')).toEqual([{ customerId: 'keep-apps', userId: 'u', deviceId: 'd' }]);
	});
});
