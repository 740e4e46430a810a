/** Fixtures of the Profile resource's operations (see fixture.ts). */
import type { IDataObject } from 'n8n-workflow';

import { callSandbox } from '../../sandbox';
import { APP_ID, type Sandbox } from '../support';
import type { Fixtures } from './fixture';

/** The customers of a typical run. */
export const ids = ['f-0', 'f-1', 'f-2', 'f-3', 'f-4'];
export const byId = ids.map((customerId) => ({ customerId }));
const named = ids.map((customerId) => ({ customerId, name: `Name ${customerId}` }));

const profiles = (sandbox: Sandbox) => ids.map((id) => sandbox.store.getProfile(id));
const seedProfiles = (sandbox: Sandbox, some = ids) => some.forEach((id) => sandbox.store.putProfile(id, { name: 'Old' }));
const seedOther = (sandbox: Sandbox) => sandbox.store.putProfile('c-1', { name: 'Old' });
const profile = (operation: string, extra: IDataObject = {}) => ({ resource: 'profile', operation, attributesMode: 'autoMap', ...extra });

export const PROFILE_FIXTURES: Fixtures = {
	'profile.get': {
		parameters: profile('get'),
		seed: (sandbox) => seedProfiles(sandbox),
		items: byId,
		check: (sandbox) => expect(profiles(sandbox)).toEqual(ids.map((customerId) => ({ customerId, name: 'Old' }))),
		writes: false,
		requests: '/customerprofile',
		refused: { 'not found': { item: { customerId: 'nobody' } } },
		idsInUrl: { requestsPerBatch: 1 },
	},
	'profile.create': {
		parameters: profile('create'),
		seed: () => {},
		items: named,
		check: (sandbox) => {
			expect(profiles(sandbox)).toEqual(named);
			expect(sandbox.store.listProfiles()).toHaveLength(ids.length);
		},
		writes: true,
		requests: '/customerprofile',
		refused: { 'already exists': { item: { customerId: 'c-1', name: 'x' }, seed: seedOther } },
	},
	'profile.update': {
		parameters: profile('update'),
		seed: (sandbox) => seedProfiles(sandbox),
		items: named,
		check: (sandbox) => expect(profiles(sandbox)).toEqual(named),
		writes: true,
		requests: '/customerprofile',
		refused: { 'not found': { item: { customerId: 'nobody', name: 'x' } } },
	},
	'profile.upsert': {
		parameters: profile('upsert'),
		seed: (sandbox) => seedProfiles(sandbox, ids.slice(0, 2)),
		items: named,
		check: (sandbox) => {
			expect(profiles(sandbox)).toEqual(named);
			expect(sandbox.store.listProfiles()).toHaveLength(ids.length);
		},
		writes: true,
		requests: '/customerprofile',
		refused: { 'unknown attribute': { item: { customerId: 'c-1', colour: 'x' } } },
	},
	'profile.delete': {
		parameters: profile('delete'),
		seed: (sandbox) => {
			seedProfiles(sandbox);
			sandbox.store.putProfile('keep', { name: 'Keep' });
		},
		items: byId,
		check: (sandbox) => expect(sandbox.store.listProfiles()).toEqual([{ customerId: 'keep', name: 'Keep' }]),
		writes: true,
		requests: '/customerprofile',
		refused: { 'not found': { item: { customerId: 'nobody' } } },
		idsInUrl: { requestsPerBatch: 1 },
	},
	'profile.erase': {
		parameters: { resource: 'profile', operation: 'erase', appIds: APP_ID },
		seed: (sandbox) => {
			seedProfiles(sandbox);
			sandbox.store.putProfile('keep', { name: 'Keep' });
			for (const id of [...ids, 'keep']) sandbox.store.putAppProfile(APP_ID, id, { customerId: id, deviceId: 'phone' });
		},
		items: byId,
		check: (sandbox, result) => {
			expect(sandbox.store.listProfiles()).toEqual([{ customerId: 'keep', name: 'Keep' }]);
			expect(ids.map((id) => sandbox.store.getAppProfiles(APP_ID, id))).toEqual(ids.map(() => []));
			expect(sandbox.store.getAppProfiles(APP_ID, 'keep')).toHaveLength(1);
			expect(result.items.map((item) => item.json.status)).toEqual(ids.map(() => 'erased'));
		},
		writes: true,
		requests: '/customer',
		refused: { 'unknown app': { parameters: { appIds: 'a_unknown' }, item: { customerId: 'c-1' } } },
		// One delete per app of the batch, then one of the master profiles.
		idsInUrl: { requestsPerBatch: 2 },
	},
	'profile.getWriteStatus': {
		parameters: { resource: 'profile', operation: 'getWriteStatus' },
		// An earlier create of the customers, whose status the run asks for.
		seed: async (sandbox) => {
			const records = named.map(({ customerId, name }) => ({ customerId, Attributes: { name } }));
			const answer = await callSandbox(sandbox, 'POST', '/customerprofile', { body: { Records: records } });
			return { transid: String(answer.json.transid) };
		},
		items: ({ transid }) => ids.map((customerId) => ({ transid, customerId, write: 'create' })),
		check: (sandbox, result) => {
			expect(result.items.map((item) => item.json.status)).toEqual(ids.map(() => 'created'));
			expect(profiles(sandbox)).toEqual(named);
		},
		writes: false,
		requests: '/profile/status',
		refused: { 'unknown transid': { item: { transid: 'no-such-transid', customerId: 'c-1' } } },
	},
};
