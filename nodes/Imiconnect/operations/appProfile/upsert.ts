import { commonFields } from '../fields';
import type { Operation } from '../../pipeline/operation';
import { writeOperation } from '../../pipeline/writes';
import type { AppParams } from './app';
import { appRecordEntry, appWriteFields, createAppProfiles, updateAppProfiles } from './write';

/** Create, then update the app profiles the create found existing (7015 / 7209). */
export const appProfileUpsert: Operation<AppParams> = {
	resource: 'appProfile',
	value: 'upsert',
	name: 'Create or Update',
	action: 'Create or update an app profile',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	fields: [...appWriteFields, ...commonFields({ batched: true, waits: 'always', alwaysWaitsBecause: 'Create or Update always waits: it must learn which records exist' })],
	toEntry: (read, item, itemIndex) => appRecordEntry(read, item, itemIndex),
	...writeOperation({ call: createAppProfiles, onExists: updateAppProfiles }, 'overwrite'),
};
