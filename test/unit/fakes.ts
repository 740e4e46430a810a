/** Small stand-ins the unit tests share: a parameter reader and entries. */
import type { Entry, ParamReader } from '../../nodes/Imiconnect/pipeline/types';

/** A ParamReader over fixed parameter values; a missing one gives the caller's fallback. */
export function reader(parameters: Record<string, unknown>): ParamReader {
	return (name, fallback) => (Object.prototype.hasOwnProperty.call(parameters, name) ? parameters[name] : fallback);
}

/** An entry with the given ID (its item index and size default to 0 and 1). */
export function entry(id: string, more: Partial<Entry> = {}): Entry {
	return {
		itemIndex: 0,
		id,
		idName: 'customer ID',
		group: '',
		alone: false,
		size: 1,
		path: {},
		ids: { customerId: id },
		...more,
	};
}
