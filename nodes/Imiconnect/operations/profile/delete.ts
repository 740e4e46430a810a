import type { Wire } from '../../pipeline/transport';
import { customerIdOf, idEntry } from '../entries';
import { commonFields, customerIdField } from '../fields';
import { URL_BUDGET, writeOperation } from '../operation';
import { ids } from '../wire';

export const deleteProfiles: Wire = {
	answer: 'results',
	status: 'deleted',
	request: (entries) => ({ method: 'DELETE', url: '/customerprofile', qs: { customerId: ids(entries) } }),
};

export const profileDelete = writeOperation({
	resource: 'profile',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a profile',
	description: 'Delete master profiles, up to 100 per request',
	fields: [
		customerIdField('The customer ID of the master profile to delete.'),
		...commonFields({ batched: true, waits: 'option' }),
	],
	toEntry: (read, _item, itemIndex) => idEntry(itemIndex, customerIdOf(read), 'customer ID', ''),
	budget: URL_BUDGET,
	wire: deleteProfiles,
});
