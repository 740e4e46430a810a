import { commonFields } from '../fields';
import { BODY_BUDGET, writeOperation } from '../operation';
import { appRecordEntry, appWriteFields, createAppProfiles, updateAppProfiles } from './write';

/** Create, then update the app profiles the create found existing (7015 / 7209). */
export const appProfileUpsert = writeOperation({
	resource: 'appProfile',
	value: 'upsert',
	name: 'Create or Update',
	action: 'Create or update an app profile',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	fields: [...appWriteFields, ...commonFields({ batched: true, waits: 'always' })],
	toEntry: (read, item, itemIndex) => appRecordEntry(read, item, itemIndex),
	budget: BODY_BUDGET,
	wire: createAppProfiles,
	onExists: updateAppProfiles,
});
