import type { IDataObject } from 'n8n-workflow';

import { RESERVED_NAMES } from './input';

const canHold = (name: string) => !RESERVED_NAMES.has(name);

/** `[{ Name, Value, ID }]` → `{ [Name]: Value }`, values kept as the API sent them. */
export function flattenAttributes(attributes: unknown): IDataObject {
	const flat: IDataObject = {};
	if (!Array.isArray(attributes)) return flat;
	for (const entry of attributes as IDataObject[]) {
		if (entry === null || typeof entry !== 'object') continue;
		const name = entry.Name;
		if (typeof name !== 'string' || !canHold(name)) continue;
		flat[name] = entry.Value as IDataObject[string];
	}
	return flat;
}

/** A link (`{ ProfileID, ProfileName, Records: [[attributes]] }`) as a readable object. */
function flattenLink(link: IDataObject): IDataObject {
	const readable: IDataObject = {
		profileId: link.ProfileID ?? link.ProfileId,
		profileName: link.ProfileName,
	};
	for (const [key, value] of Object.entries(link)) {
		if (['ProfileID', 'ProfileId', 'ProfileName', 'Records'].includes(key) || !canHold(key)) continue;
		readable[key.charAt(0).toLowerCase() + key.slice(1)] = value;
	}
	const records = Array.isArray(link.Records) ? link.Records : [];
	readable.records = records.map((attributes) => flattenAttributes(attributes));
	return readable;
}

function flattenLinks(links: unknown): IDataObject[] {
	if (!Array.isArray(links)) return [];
	return links
		.filter((link): link is IDataObject => link !== null && typeof link === 'object')
		.map(flattenLink);
}

/**
 * One API record as flat fields. Links are kept when present: `inwardLinks`
 * (a master profile's app profiles) and `outwardLinks` (an app profile's
 * master profile).
 */
export function flattenRecord(record: IDataObject): IDataObject {
	const flat = flattenAttributes(record.Attributes);
	const inward = flattenLinks(record.InwardLinks);
	const outward = flattenLinks(record.OutwardLinks);
	if (inward.length) flat.inwardLinks = inward;
	if (outward.length) flat.outwardLinks = outward;
	return flat;
}

/** The value of one attribute of an API record, as text (for matching records to items). */
export function attributeText(record: IDataObject, name: string): string | undefined {
	if (!Array.isArray(record.Attributes)) return undefined;
	for (const entry of record.Attributes as IDataObject[]) {
		if (entry && entry.Name === name && entry.Value !== undefined && entry.Value !== null) {
			return String(entry.Value);
		}
	}
	return undefined;
}
