import type { IDataObject } from 'n8n-workflow';

import type { Entry } from '../pipeline/types';

/** Small pieces the operations' requests share (docs/profile-api.md#paths). */

/** A write body: the records of the batch. */
export function records(entries: Entry[]): IDataObject {
	return { Records: entries.map((entry) => entry.record as unknown as IDataObject) };
}

/** The IDs of the batch, for a repeated `customerId=` query. */
export function keyIds(entries: Entry[]): string[] {
	return entries.map((entry) => entry.key.id);
}

/** An ID in a URL path, percent-encoded: an ID never changes the path. */
export const pathPart = (id: string): string => encodeURIComponent(id);
