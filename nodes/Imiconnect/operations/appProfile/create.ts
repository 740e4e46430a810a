import { commonFields } from '../fields';
import { BODY_BUDGET, writeOperation } from '../operation';
import { getAppProfiles } from './app';
import { appRecordEntry, appWriteFields, createAppProfiles } from './write';

export const appProfileCreate = writeOperation({
	resource: 'appProfile',
	value: 'create',
	name: 'Create',
	action: 'Create an app profile',
	description: 'Create app profiles of one app, up to 100 per request',
	fields: [...appWriteFields, ...commonFields({ batched: true, waits: 'option' })],
	toEntry: (read, item, itemIndex) => appRecordEntry(read, item, itemIndex),
	budget: BODY_BUDGET,
	wire: createAppProfiles,
	readBack: getAppProfiles,
});
