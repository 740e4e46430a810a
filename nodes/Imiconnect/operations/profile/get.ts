import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../pipeline/input';
import type { Operation } from '../../pipeline/operation';
import type { ApiCall } from '../../pipeline/types';
import { readBatch } from '../../pipeline/writes';
import { customerIdOf, queryEntry } from '../entries';
import { commonFields, customerIdField } from '../fields';
import { keyIds } from '../requests';

/** The link level of a master profile read (the API's showinwardlinks). */
export interface GetParams {
	showinwardlinks: 0 | 1 | 2;
}

/** Master profiles by customer ID, up to 100 in one request; also how a create is read back. */
export const getProfiles: ApiCall<Partial<GetParams>> = {
	answer: 'records',
	status: 'found',
	request: (entries) => ({
		method: 'GET',
		url: '/customerprofile',
		qs: { customerId: keyIds(entries), showinwardlinks: String(entries[0].params.showinwardlinks ?? 0) },
	}),
};

function showInwardLinks(value: unknown): GetParams['showinwardlinks'] {
	const level = Number(value ?? 0);
	if (level !== 0 && level !== 1 && level !== 2) throw new InputError('Show Inward Links', 'must be 0, 1 or 2');
	return level;
}

export const profileGet: Operation<GetParams> = {
	resource: 'profile',
	value: 'get',
	name: 'Get',
	action: 'Get a profile',
	description: 'Get master profiles, up to 100 per request',
	fields: [
		customerIdField('The customer’s ID in IMIconnect (your own key, e.g. a CRM number).'),
		{
			displayName: 'Show Inward Links',
			name: 'showInwardLinks',
			type: 'options',
			options: [
				{ name: 'Master Profile Only', value: 0, description: 'Just the master profile’s attributes' },
				{
					name: 'With App Profiles',
					value: 1,
					description: 'Also the key fields (customerId, userId, deviceId, channel) of each linked app profile, under inwardLinks',
				},
				{ name: 'Full Profile', value: 2, description: 'Also every linked app profile in full, under inwardLinks' },
			],
			default: 0,
			description: 'What to return with each master profile (the API’s showinwardlinks)',
		},
		...commonFields({ batched: true, waits: 'never' }),
	],
	toEntry: (read, _item, itemIndex) =>
		queryEntry(itemIndex, { name: 'customerId', id: customerIdOf(read) }, { showinwardlinks: showInwardLinks(read('showInwardLinks', 0)) }),
	runBatch: readBatch(getProfiles),
	// Links asked for but none exist: an empty list, so every output item has the same fields.
	shapeRecord: (flat: IDataObject, entry) =>
		(entry.params as GetParams).showinwardlinks !== 0 && !flat.inwardLinks ? { ...flat, inwardLinks: [] } : flat,
};
