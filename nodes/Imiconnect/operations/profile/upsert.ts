import type { Operation } from '../../pipeline/operation';
import { writeOperation } from '../../pipeline/writes';
import { recordEntry } from '../entries';
import { commonFields } from '../fields';
import { createProfiles, profileWriteFields, type ProfileWriteParams } from './create';
import { updateProfiles } from './update';

/** Create, then update the records the create found existing (7015 / 7209). */
export const profileUpsert: Operation<ProfileWriteParams> = {
	resource: 'profile',
	value: 'upsert',
	name: 'Create or Update',
	action: 'Create or update a profile',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	fields: [
		...profileWriteFields,
		...commonFields({ batched: true, waits: 'always', alwaysWaitsBecause: 'Create or Update always waits: it must learn which records exist' }),
	],
	toEntry: (read, item, itemIndex) => recordEntry(read, item, itemIndex, {}),
	...writeOperation({ call: createProfiles, onExists: updateProfiles }, 'overwrite'),
};
