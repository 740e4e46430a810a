import type { Wire } from '../../pipeline/transport';
import { recordEntry } from '../entries';
import { attributeFields, attributeList, commonFields, customerIdField } from '../fields';
import { BODY_BUDGET, writeOperation } from '../operation';
import { records } from '../wire';
import { getProfiles } from './get';

export const createProfiles: Wire = {
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

export const profileCreate = writeOperation({
	resource: 'profile',
	value: 'create',
	name: 'Create',
	action: 'Create a profile',
	description: 'Create master profiles, up to 100 per request',
	fields: [...profileWriteFields, ...commonFields({ batched: true, waits: 'option' })],
	toEntry: (read, item, itemIndex) => recordEntry(read, item, itemIndex),
	budget: BODY_BUDGET,
	wire: createProfiles,
	readBack: getProfiles,
});
