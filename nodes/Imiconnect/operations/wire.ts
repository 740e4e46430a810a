import type { IDataObject } from 'n8n-workflow';

import type { Entry } from '../pipeline/types';

/** Small pieces the operations' request builders share (docs/profile-api.md#paths). */

/** A write body: the records of the batch. */
export function records(entries: Entry[]): IDataObject {
	return { Records: entries.map((entry) => entry.record as unknown as IDataObject) };
}

/** The IDs of the batch, for a repeated `customerId=` query. */
export function ids(entries: Entry[]): string[] {
	return entries.map((entry) => entry.id);
}

/** A path value every entry of a batch shares (its group), percent-encoded: an ID never changes the path. */
export function pathOf(entries: Entry[], name: string): string {
	return encodeURIComponent(entries[0].path[name]);
}
