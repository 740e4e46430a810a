import type { Operation } from '../../pipeline/operation';
import type { ApiCall } from '../../pipeline/types';
import { writeOperation } from '../../pipeline/writes';
import { customerIdOf, queryEntry } from '../entries';
import { commonFields, customerIdField } from '../fields';
import { keyIds } from '../requests';

export const deleteProfiles: ApiCall = {
	answer: 'results',
	status: 'deleted',
	request: (entries) => ({ method: 'DELETE', url: '/customerprofile', qs: { customerId: keyIds(entries) } }),
};

export const profileDelete: Operation<Record<string, never>> = {
	resource: 'profile',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a profile',
	description: 'Delete master profiles, up to 100 per request',
	fields: [
		customerIdField('The customer ID of the master profile to delete.'),
		...commonFields({ batched: true, waits: 'option' }),
	],
	toEntry: (read, _item, itemIndex) => queryEntry(itemIndex, { name: 'customerId', id: customerIdOf(read) }, {}),
	...writeOperation<Record<string, never>>({ call: deleteProfiles }, 'delete'),
};
