import { commonFields } from '../fields';
import type { Operation } from '../../pipeline/operation';
import { writeOperation } from '../../pipeline/writes';
import { getAppProfiles } from './app';
import type { AppParams } from './app';
import { appRecordEntry, appWriteFields, createAppProfiles } from './write';

export const appProfileCreate: Operation<AppParams> = {
	resource: 'appProfile',
	value: 'create',
	name: 'Create',
	action: 'Create an app profile',
	description: 'Create app profiles of one app, up to 100 per request',
	fields: [...appWriteFields, ...commonFields({ batched: true, waits: 'option' })],
	toEntry: (read, item, itemIndex) => appRecordEntry(read, item, itemIndex),
	...writeOperation({ call: createAppProfiles, readBack: getAppProfiles }, 'create'),
};
