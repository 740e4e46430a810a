/** Small stand-ins the unit tests share: a parameter reader, entries, catching an InputError. */
import { InputError } from '../../nodes/Imiconnect/pipeline/input';
import type { Entry, ParamReader } from '../../nodes/Imiconnect/pipeline/types';

/** The InputError `run` throws (fails the test if it throws nothing or something else). */
export function inputError(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error as InputError;
	}
	throw new Error('expected an InputError, got none');
}

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
