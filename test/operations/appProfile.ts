/** Fixtures of the App Profile resource's operations (see fixture.ts). */
import type { IDataObject } from 'n8n-workflow';

import { APP_ID, type Sandbox } from '../support';
import type { Fixtures } from './fixture';
import { byId, ids } from './profile';

const apps = ids.map((customerId) => ({ customerId, userId: `u-${customerId}`, deviceId: 'phone', os: 'New' }));
const records = (sandbox: Sandbox) => ids.map((id) => sandbox.store.getAppProfiles(APP_ID, id));
const devices = (sandbox: Sandbox) => records(sandbox).map((list) => list.map((record: IDataObject) => record.deviceId));
const seedPhones = (sandbox: Sandbox, some = ids) =>
	some.forEach((id) => sandbox.store.putAppProfile(APP_ID, id, { customerId: id, userId: `u-${id}`, deviceId: 'phone', os: 'Old' }));
const seedDevices = (sandbox: Sandbox) =>
	ids.forEach((id) => {
		for (const deviceId of ['phone', 'tablet']) {
			sandbox.store.putAppProfile(APP_ID, id, { customerId: id, userId: `u-${id}`, deviceId, os: 'Old' });
		}
	});
const seedOther = (sandbox: Sandbox) => sandbox.store.putAppProfile(APP_ID, 'c-1', { customerId: 'c-1', userId: 'u-1', deviceId: 'd' });
const app = (operation: string) => ({ resource: 'appProfile', operation, appId: APP_ID, attributesMode: 'autoMap' });
const written = (sandbox: Sandbox) => expect(records(sandbox)).toEqual(apps.map((item) => [item]));

export const APP_PROFILE_FIXTURES: Fixtures = {
	'appProfile.get': {
		parameters: app('get'),
		seed: (sandbox) => ids.forEach((id) => sandbox.store.putAppProfile(APP_ID, id, { customerId: id, deviceId: 'phone' })),
		items: byId,
		check: (sandbox, result) => {
			expect(devices(sandbox)).toEqual(ids.map(() => ['phone']));
			expect(result.items.map((item) => [item.json.customerId, item.json.deviceId])).toEqual(ids.map((id) => [id, 'phone']));
		},
		writes: false,
		requests: '/customerappprofile',
		refused: {
			'not found by customer ID': { item: { customerId: 'nobody' } },
			'not found by user ID': { parameters: { lookupBy: 'userId' }, item: { userId: 'nobody' } },
		},
		idsInUrl: { requestsPerBatch: 1 },
	},
	'appProfile.create': {
		parameters: app('create'),
		seed: () => {},
		items: apps,
		check: written,
		writes: true,
		requests: '/customerappprofile',
		refused: { 'already exists': { item: { customerId: 'c-1', deviceId: 'd' }, seed: seedOther } },
	},
	'appProfile.update': {
		parameters: app('update'),
		seed: (sandbox) => seedPhones(sandbox),
		items: apps,
		check: written,
		writes: true,
		requests: '/customerappprofile',
		refused: { 'not found': { item: { customerId: 'nobody', deviceId: 'd' } } },
	},
	'appProfile.upsert': {
		parameters: app('upsert'),
		seed: (sandbox) => seedPhones(sandbox, ids.slice(0, 2)),
		items: apps,
		check: written,
		writes: true,
		requests: '/customerappprofile',
		refused: { 'unknown app': { parameters: { appId: 'a_unknown' }, item: { customerId: 'c-1', deviceId: 'd' } } },
	},
	'appProfile.delete': {
		parameters: app('delete'),
		seed: seedDevices,
		items: byId,
		check: (sandbox) => expect(devices(sandbox)).toEqual(ids.map(() => [])),
		writes: true,
		requests: '/customerappprofile',
		refused: { 'not found': { item: { customerId: 'nobody' } } },
		idsInUrl: { requestsPerBatch: 1 },
	},
	'appProfile.deleteDevice': {
		parameters: app('deleteDevice'),
		seed: seedDevices,
		items: ids.map((customerId) => ({ customerId, deviceId: 'tablet' })),
		check: (sandbox) => expect(devices(sandbox)).toEqual(ids.map(() => ['phone'])),
		writes: true,
		requests: '/customerappprofile',
		refused: { 'no such device': { item: { customerId: 'c-1', deviceId: 'other' }, seed: seedOther } },
	},
};
