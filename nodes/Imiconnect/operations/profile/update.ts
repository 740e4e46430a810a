import type { Wire } from '../../pipeline/transport';
import { recordEntry } from '../entries';
import { commonFields } from '../fields';
import { BODY_BUDGET, writeOperation } from '../operation';
import { records } from '../wire';
import { profileWriteFields } from './create';

export const updateProfiles: Wire = {
	answer: 'results',
	status: 'updated',
	request: (entries) => ({ method: 'PUT', url: '/customerprofile', body: records(entries) }),
};

export const profileUpdate = writeOperation({
	resource: 'profile',
	value: 'update',
	name: 'Update',
	action: 'Update a profile',
	description: 'Update attributes of master profiles; attributes not sent keep their values',
	fields: [...profileWriteFields, ...commonFields({ batched: true, waits: 'option' })],
	toEntry: (read, item, itemIndex) => recordEntry(read, item, itemIndex, { requireAttributes: true }),
	budget: BODY_BUDGET,
	wire: updateProfiles,
});
