/**
 * What the unit tests share: a parameter reader, catching an InputError, and
 * the node's pure path at its boundary — items become entries through a
 * registered operation, an answer body becomes what the user sees.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { findOperation } from '../../nodes/Imiconnect/operations';
import { InputError } from '../../nodes/Imiconnect/pipeline/input';
import { failureError, successJson } from '../../nodes/Imiconnect/pipeline/output';
import { mapAnswer, readBody } from '../../nodes/Imiconnect/pipeline/answers';
import type { ApiCall, Entry, ParamReader } from '../../nodes/Imiconnect/pipeline/types';

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

/**
 * The entries of `items` as a registered operation makes them: each item's
 * parameters are its own fields plus `parameters` (item index = position).
 * Typed to fit any call's request, as the operation's own entries would.
 */
export function entriesOf<P = never>(resource: string, operation: string, items: IDataObject[], parameters: IDataObject = {}): Array<Entry<P>> {
	const found = findOperation(resource, operation);
	if (!found) throw new Error(`no operation ${resource}/${operation}`);
	return items.map((item, index) => found.toEntry(reader({ ...parameters, ...item }), item, index) as Entry<P>);
}

/** Customer ID entries (Profile → Get), in input order. */
export const customers = (ids: string[], parameters: IDataObject = {}): Array<Entry<never>> =>
	entriesOf('profile', 'get', ids.map((customerId) => ({ customerId })), parameters);

const NODE: INode = {
	id: 'unit',
	name: 'IMIconnect',
	type: 'n8n-nodes-imiconnect.imiconnect',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** What one entry gives the user: its output items' JSON, or its error. */
export type Seen = { json: IDataObject[] } | { error: string; description: string; httpCode?: string; transid?: unknown };

/**
 * The answer body of one request for `entries`, as the user sees it per
 * entry: readBody → mapAnswer → successJson or failureError.
 */
export function seen(
	call: Pick<ApiCall, 'answer' | 'status'>,
	entries: Entry[],
	body: unknown,
	{ statusCode = 200, simplify = true, mayHaveApplied = false } = {},
): Seen[] {
	const outcomes = mapAnswer(call, entries, { statusCode, body: readBody(body), raw: body, mayHaveApplied });
	return outcomes.map((outcome, index) => {
		if (outcome.type !== 'failure') return { json: successJson(entries[index], outcome, simplify) };
		const error = failureError(NODE, entries[index], outcome.failure);
		const transid = (error.errorResponse as JsonObject).transid;
		return { error: error.message, description: error.description ?? '', httpCode: error.httpCode ?? undefined, transid };
	});
}

/** The request `call` makes of a batch's entries (a batch holds entries of one operation). */
export const requestOf = <P>(call: ApiCall<P>, entries: Entry[]) => call.request(entries as Array<Entry<P>>);
