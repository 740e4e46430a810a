import type { INodeProperties } from 'n8n-workflow';

import { InputError, readPathId } from '../../pipeline/input';
import type { ApiCall, Entry, ParamReader } from '../../pipeline/types';
import { customerIdOf, queryEntry } from '../entries';
import { customerIdField, idField } from '../fields';
import { keyIds, pathPart } from '../requests';

/** What the app-profile operations share: the app, how a lookup names its customer or user, the get wire. */

/** Longest app or device ID the node sends in a path; real ones are a few dozen characters. */
const MAX_PATH_ID_BYTES = 256;

export const appIdField: INodeProperties = {
	displayName: 'App ID',
	name: 'appId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. a_636035705699961900',
	description: 'The app asset’s ID in IMIconnect (Assets → Apps). The same for every item, unless an expression picks one per item.',
};

export const findByField: INodeProperties = {
	displayName: 'Find By',
	name: 'lookupBy',
	type: 'options',
	options: [
		{ name: 'Customer ID', value: 'customerId', description: 'Up to 100 customers per request' },
		{ name: 'User ID', value: 'userId', description: 'The app user’s ID (one request per item)' },
	],
	default: 'customerId',
	description: 'Which ID names the app profile',
};

/** Customer ID (Find By = Customer ID) and User ID (Find By = User ID), for lookups. */
export function lookupIdFields(verb: string): INodeProperties[] {
	const customer = customerIdField(`The customer whose app profiles to ${verb}.`);
	const user = idField('User ID', 'userId', 'e.g. 112200', `The app user’s ID (the API’s identifier) whose app profiles to ${verb}.`);
	return [
		{ ...customer, displayOptions: { show: { lookupBy: ['customerId'] } } },
		{ ...user, displayOptions: { show: { lookupBy: ['userId'] } } },
	];
}

/** An app or device ID for a URL path, checked. */
export function pathId(value: unknown, field: string, inputField?: string, maxBytes = MAX_PATH_ID_BYTES): string {
	const id = readPathId(value, field, inputField);
	if (encodeURIComponent(id).length > maxBytes) {
		throw new InputError(field, `is too long for a request path (${maxBytes} bytes encoded at most): check the input`);
	}
	return id;
}

export function appIdOf(read: ParamReader): string {
	return pathId(read('appId'), 'App ID');
}

export function lookupByOf(read: ParamReader): 'customerId' | 'userId' {
	const by = read('lookupBy', 'customerId');
	if (by !== 'customerId' && by !== 'userId') throw new InputError('Find By', `"${String(by)}" is not known`);
	return by;
}

/** The parameters every app-profile request carries: its app. */
export interface AppParams {
	appId: string;
}

/** A lookup by customer IDs batches; a lookup by user ID (`identifier`) goes alone. */
export function lookupEntry(read: ParamReader, itemIndex: number): Entry<AppParams> {
	const appId = appIdOf(read);
	if (lookupByOf(read) === 'userId') {
		const userId = readPathId(read('userId'), 'User ID', 'userId');
		return queryEntry(itemIndex, { name: 'userId', id: userId }, { appId }, { alone: true, ids: { appId } });
	}
	return queryEntry(itemIndex, { name: 'customerId', id: customerIdOf(read) }, { appId }, { ids: { appId } });
}

/** `?customerId=…` (repeated) or `?identifier=…` for a lone lookup by user ID. */
export function lookupQuery(entries: Entry[]) {
	return entries[0].key.name === 'userId' ? { identifier: entries[0].key.id } : { customerId: keyIds(entries) };
}

/** App profiles of customers or a user in one app; also how an app-profile create is read back. */
export const getAppProfiles: ApiCall<AppParams> = {
	answer: 'records',
	status: 'found',
	request: (entries) => ({ method: 'GET', url: `/customerappprofile/${pathPart(entries[0].params.appId)}`, qs: lookupQuery(entries) }),
};
