import type { IDataObject } from 'n8n-workflow';

import { BYTE_BUDGET, queryEncoded } from '../pipeline/batcher';
import { InputError, readAttributes, readId } from '../pipeline/input';
import type { Entry, EntryKey, ParamReader } from '../pipeline/types';

/** How items become entries: the helpers every operation's toEntry uses. */

const encoder = new TextEncoder();

/** The field each key is read from, as messages name it. */
const KEY_FIELD: Record<EntryKey['name'], string> = { customerId: 'Customer ID', userId: 'User ID', transid: 'Transaction ID' };

/** The query parameter each key goes out as (docs/profile-api.md#paths). */
const QUERY_NAME: Record<EntryKey['name'], string> = { customerId: 'customerId', userId: 'identifier', transid: 'transid' };

/** Bytes `name=<id>&` adds to a URL; an ID that cannot fit a request even alone is bad input. */
export function queryBytes(key: EntryKey): number {
	const bytes = QUERY_NAME[key.name].length + 2 + queryEncoded(key.id).length;
	if (bytes > BYTE_BUDGET.query) {
		throw new InputError(
			KEY_FIELD[key.name],
			`is too long for a request URL (${bytes} bytes encoded; at most ${BYTE_BUDGET.query} fit): check the input`,
		);
	}
	return bytes;
}

/** The customer ID of an item (the field's default reads the item's customerId). */
export function customerIdOf(read: ParamReader): string {
	return readId(read('customerId'), 'Customer ID', 'customerId');
}

/**
 * An entry of a read or delete that names its customer (or user) in the
 * query. Its output and error items carry the key, plus `ids` given.
 */
export function queryEntry<P>(
	itemIndex: number,
	key: EntryKey,
	params: P,
	more: { alone?: boolean; ids?: IDataObject } = {},
): Entry<P> {
	return {
		itemIndex,
		key,
		params,
		alone: more.alone ?? false,
		load: { part: 'query', bytes: queryBytes(key) },
		ids: { ...more.ids, [key.name]: key.id },
	};
}

/**
 * An entry of a write: the record `{customerId, Attributes}` from the item's
 * attributes. Its output and error items carry the customer ID (and `ids`
 * given) and, where the record has them, its user and device IDs.
 */
export function recordEntry<P>(
	read: ParamReader,
	item: IDataObject,
	itemIndex: number,
	params: P,
	options: { ids?: IDataObject; requireAttributes?: boolean } = {},
): Entry<P> {
	const customerId = customerIdOf(read);
	const ids: IDataObject = { customerId, ...options.ids };
	const Attributes = readAttributes(read, item, customerId);
	const refuse = (field: string, problem: string) => Object.assign(new InputError(field, problem), { ids });
	if (options.requireAttributes && Object.keys(Attributes).length === 0) {
		throw refuse('Attributes', 'are empty: nothing to update. Give at least one attribute to change');
	}
	for (const name of ['userId', 'deviceId']) if (Attributes[name] !== undefined) ids[name] = Attributes[name];
	const record = { customerId, Attributes };
	const bytes = encoder.encode(JSON.stringify(record)).length + 1;
	if (bytes > BYTE_BUDGET.body) {
		throw refuse('Attributes', `make a record of ${bytes} bytes; a request body holds at most ${BYTE_BUDGET.body}`);
	}
	return { itemIndex, key: { name: 'customerId', id: customerId }, params, alone: false, load: { part: 'body', bytes }, record, ids };
}
