import type { IDataObject } from 'n8n-workflow';

import { InputError, readAttributes, readId } from '../pipeline/input';
import type { Entry, IdName, ParamReader } from '../pipeline/types';
import { BODY_BUDGET, URL_BUDGET } from './operation';

const encoder = new TextEncoder();

/** An ID as n8n's request helper puts it in a query (qs also encodes ! ' ( ) *). */
function queryEncoded(id: string): string {
	return encodeURIComponent(id).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Bytes `name=<id>&` adds to a URL; an ID that cannot fit a request even alone is bad input. */
export function queryBytes(name: string, id: string, field: string): number {
	const bytes = name.length + 2 + queryEncoded(id).length;
	if (bytes > URL_BUDGET) {
		throw new InputError(
			field,
			`is too long for a request URL (${bytes} bytes encoded; at most ${URL_BUDGET} fit): check the input`,
		);
	}
	return bytes;
}

/** The customer ID of an item (the field's default reads the item's customerId). */
export function customerIdOf(read: ParamReader): string {
	return readId(read('customerId'), 'Customer ID', 'customerId');
}

/** An entry of a read or delete that names its customer (or user) in the query. */
export function idEntry(
	itemIndex: number,
	id: string,
	idName: IdName,
	group: string,
	more: Partial<Pick<Entry, 'alone' | 'path' | 'ids'>> = {},
): Entry {
	const field = idName === 'user ID' ? 'User ID' : 'Customer ID';
	const queryName = idName === 'user ID' ? 'identifier' : 'customerId';
	return {
		itemIndex,
		id,
		idName,
		group,
		alone: more.alone ?? false,
		size: queryBytes(queryName, id, field),
		path: more.path ?? {},
		ids: more.ids ?? (idName === 'user ID' ? { userId: id } : { customerId: id }),
	};
}

/**
 * An entry of a write: the record `{customerId, Attributes}` from the item's
 * attributes. Its output and error items carry the customer ID and, where the
 * record has them, its user and device IDs (two devices of one customer).
 */
export function recordEntry(
	read: ParamReader,
	item: IDataObject,
	itemIndex: number,
	options: { group?: string; path?: Record<string, string>; requireAttributes?: boolean } = {},
): Entry {
	const customerId = customerIdOf(read);
	const ids: IDataObject = { customerId, ...(options.path?.appId !== undefined ? { appId: options.path.appId } : {}) };
	const Attributes = readAttributes(read, item, customerId);
	const refuse = (field: string, problem: string) => Object.assign(new InputError(field, problem), { ids });
	if (options.requireAttributes && Object.keys(Attributes).length === 0) {
		throw refuse('Attributes', 'are empty: nothing to update. Give at least one attribute to change');
	}
	for (const name of ['userId', 'deviceId']) if (Attributes[name] !== undefined) ids[name] = Attributes[name];
	const record = { customerId, Attributes };
	const size = encoder.encode(JSON.stringify(record)).length + 1;
	if (size > BODY_BUDGET) {
		throw refuse('Attributes', `make a record of ${size} bytes; a request body holds at most ${BODY_BUDGET}`);
	}
	return { itemIndex, id: customerId, idName: 'customer ID', group: options.group ?? '', alone: false, size, record, path: options.path ?? {}, ids };
}
