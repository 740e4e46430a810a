import type { Operation } from '../../pipeline/operation';
import type { ApiCall } from '../../pipeline/types';
import { writeOperation } from '../../pipeline/writes';
import { commonFields } from '../fields';
import { pathPart } from '../requests';
import { appIdField, findByField, lookupEntry, lookupIdFields, lookupQuery, type AppParams } from './app';

export const deleteAppProfiles: ApiCall<AppParams> = {
	answer: 'results',
	status: 'deleted',
	request: (entries) => ({
		method: 'DELETE',
		url: `/customerappprofile/${pathPart(entries[0].params.appId)}`,
		qs: lookupQuery(entries),
	}),
};

export const appProfileDelete: Operation<AppParams> = {
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
	...writeOperation({ call: deleteAppProfiles }, 'delete'),
};
