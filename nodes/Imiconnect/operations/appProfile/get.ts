import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../../pipeline/operation';
import { readBatch } from '../../pipeline/writes';
import { commonFields } from '../fields';
import { appIdField, findByField, getAppProfiles, lookupEntry, lookupIdFields, type AppParams } from './app';

/** An app profile's link to its master profile (OutwardLinks) as one object: `{ profileId, profileName, ...attributes }`. */
function withMasterProfile(flat: IDataObject): IDataObject {
	const { outwardLinks, ...rest } = flat;
	const [link] = (outwardLinks as IDataObject[] | undefined) ?? [];
	if (!link) return rest;
	const { records, ...meta } = link;
	const [attributes] = (records as IDataObject[] | undefined) ?? [];
	return { ...rest, masterProfile: { ...meta, ...(attributes ?? {}) } };
}

export const appProfileGet: Operation<AppParams> = {
	resource: 'appProfile',
	value: 'get',
	name: 'Get',
	action: 'Get an app profile',
	description: 'Get the app profiles of customers (up to 100 per request) or of a user',
	fields: [
		appIdField,
		{ ...findByField, hint: 'A customer or user with several devices gives one output item per device' },
		...lookupIdFields('get'),
		...commonFields({ batched: 'byCustomerId', waits: 'never' }),
	],
	toEntry: (read, _item, itemIndex) => lookupEntry(read, itemIndex),
	runBatch: readBatch(getAppProfiles),
	shapeRecord: withMasterProfile,
};
