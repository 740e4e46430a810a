import { commonFields } from '../fields';
import type { Operation } from '../../pipeline/operation';
import { writeOperation } from '../../pipeline/writes';
import type { AppParams } from './app';
import { appRecordEntry, appWriteFields, updateAppProfiles } from './write';

export const appProfileUpdate: Operation<AppParams> = {
	resource: 'appProfile',
	value: 'update',
	name: 'Update',
	action: 'Update an app profile',
	description: 'Update attributes of app profiles; attributes not sent keep their values',
	fields: [...appWriteFields, ...commonFields({ batched: true, waits: 'option' })],
	toEntry: (read, item, itemIndex) => appRecordEntry(read, item, itemIndex, true),
	...writeOperation({ call: updateAppProfiles }, 'overwrite'),
};
