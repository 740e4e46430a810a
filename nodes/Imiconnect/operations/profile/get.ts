import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../pipeline/input';
import type { Wire } from '../../pipeline/transport';
import { customerIdOf, idEntry } from '../entries';
import { commonFields, customerIdField } from '../fields';
import { readOperation } from '../operation';
import { ids } from '../wire';

/** Master profiles by customer ID, up to 100 in one request; also how a create is read back. */
export const getProfiles: Wire = {
	answer: 'records',
	status: 'found',
	request: (entries) => ({
		method: 'GET',
		url: '/customerprofile',
		qs: { customerId: ids(entries), showinwardlinks: entries[0].path.showinwardlinks ?? '0' },
	}),
};

function showInwardLinks(value: unknown): number {
	const level = Number(value ?? 0);
	if (![0, 1, 2].includes(level)) throw new InputError('Show Inward Links', 'must be 0, 1 or 2');
	return level;
}

export const profileGet = readOperation({
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
	toEntry(read, _item, itemIndex) {
		const level = showInwardLinks(read('showInwardLinks', 0));
		return idEntry(itemIndex, customerIdOf(read), 'customer ID', `links=${level}`, {
			path: { showinwardlinks: String(level) },
		});
	},
	wire: getProfiles,
	// Links asked for but none exist: an empty list, so every output item has the same fields.
	shapeRecord: (flat: IDataObject, entry) =>
		entry.path.showinwardlinks !== '0' && !flat.inwardLinks ? { ...flat, inwardLinks: [] } : flat,
});

