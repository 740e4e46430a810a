import { recordEntry } from '../entries';
import { commonFields } from '../fields';
import { BODY_BUDGET, writeOperation } from '../operation';
import { createProfiles, profileWriteFields } from './create';
import { updateProfiles } from './update';

/** Create, then update the records the create found existing (7015 / 7209). */
export const profileUpsert = writeOperation({
	resource: 'profile',
	value: 'upsert',
	name: 'Create or Update',
	action: 'Create or update a profile',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	fields: [...profileWriteFields, ...commonFields({ batched: true, waits: 'always' })],
	toEntry: (read, item, itemIndex) => recordEntry(read, item, itemIndex),
	budget: BODY_BUDGET,
	wire: createProfiles,
	onExists: updateProfiles,
});
