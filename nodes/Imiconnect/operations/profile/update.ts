import type { Operation } from '../../pipeline/operation';
import type { ApiCall } from '../../pipeline/types';
import { writeOperation } from '../../pipeline/writes';
import { recordEntry } from '../entries';
import { commonFields } from '../fields';
import { records } from '../requests';
import { profileWriteFields, type ProfileWriteParams } from './create';

export const updateProfiles: ApiCall<ProfileWriteParams> = {
	answer: 'results',
	status: 'updated',
	request: (entries) => ({ method: 'PUT', url: '/customerprofile', body: records(entries) }),
};

export const profileUpdate: Operation<ProfileWriteParams> = {
	resource: 'profile',
	value: 'update',
	name: 'Update',
	action: 'Update a profile',
	description: 'Update attributes of master profiles; attributes not sent keep their values',
	fields: [...profileWriteFields, ...commonFields({ batched: true, waits: 'option' })],
	toEntry: (read, item, itemIndex) => recordEntry(read, item, itemIndex, {}, { requireAttributes: true }),
	...writeOperation({ call: updateProfiles }, 'overwrite'),
};
