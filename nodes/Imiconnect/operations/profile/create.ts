import type { Operation } from '../../pipeline/operation';
import type { ApiCall } from '../../pipeline/types';
import { writeOperation } from '../../pipeline/writes';
import { recordEntry } from '../entries';
import { attributeFields, attributeList, commonFields, customerIdField } from '../fields';
import { records } from '../requests';
import { getProfiles } from './get';

/** Master profile writes have no parameters besides their records. */
export type ProfileWriteParams = Record<string, never>;

export const createProfiles: ApiCall<ProfileWriteParams> = {
	answer: 'results',
	status: 'created',
	request: (entries) => ({ method: 'POST', url: '/customerprofile', body: records(entries) }),
};

/** The fields of every master profile write (Create, Update, Create or Update). */
export const profileWriteFields = [
	customerIdField('The customer’s ID in IMIconnect (your own key, e.g. a CRM number).'),
	...attributeFields([
		attributeList(
			'Attributes to Send',
			'Add Attribute',
			'Name of an attribute defined in your tenant’s master profile, e.g. name, email, msisdn, sms',
		),
	]),
];

export const profileCreate: Operation<ProfileWriteParams> = {
	resource: 'profile',
	value: 'create',
	name: 'Create',
	action: 'Create a profile',
	description: 'Create master profiles, up to 100 per request',
	fields: [...profileWriteFields, ...commonFields({ batched: true, waits: 'option' })],
	toEntry: (read, item, itemIndex) => recordEntry(read, item, itemIndex, {}),
	...writeOperation({ call: createProfiles, readBack: getProfiles }, 'create'),
};
