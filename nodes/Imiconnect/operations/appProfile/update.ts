import { commonFields } from '../fields';
import { BODY_BUDGET, writeOperation } from '../operation';
import { appRecordEntry, appWriteFields, updateAppProfiles } from './write';

export const appProfileUpdate = writeOperation({
	resource: 'appProfile',
	value: 'update',
	name: 'Update',
	action: 'Update an app profile',
	description: 'Update attributes of app profiles; attributes not sent keep their values',
	fields: [...appWriteFields, ...commonFields({ batched: true, waits: 'option' })],
	toEntry: (read, item, itemIndex) => appRecordEntry(read, item, itemIndex, true),
	budget: BODY_BUDGET,
	wire: updateAppProfiles,
});
