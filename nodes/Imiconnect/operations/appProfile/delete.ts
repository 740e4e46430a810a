import type { Wire } from '../../pipeline/transport';
import { commonFields } from '../fields';
import { URL_BUDGET, writeOperation } from '../operation';
import { pathOf } from '../wire';
import { appIdField, findByField, lookupEntry, lookupIdFields, lookupQuery } from './app';

export const deleteAppProfiles: Wire = {
	answer: 'results',
	status: 'deleted',
	request: (entries) => ({
		method: 'DELETE',
		url: `/customerappprofile/${pathOf(entries, 'appId')}`,
		qs: lookupQuery(entries),
	}),
};

export const appProfileDelete = writeOperation({
	resource: 'appProfile',
	value: 'delete',
	name: 'Delete',
	action: 'Delete an app profile',
	description: 'Delete the app profiles of customers (up to 100 per request) or of a user, every device included',
	fields: [
		appIdField,
		findByField,
		...lookupIdFields('delete'),
		...commonFields({ batched: 'byCustomerId', waits: 'option' }),
	],
	toEntry: (read, _item, itemIndex) => lookupEntry(read, itemIndex),
	budget: URL_BUDGET,
	wire: deleteAppProfiles,
});
