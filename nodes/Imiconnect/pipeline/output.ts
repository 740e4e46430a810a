import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { codeInfo } from './codes';
import { flattenRecord } from './flatten';
import type { InputError } from './input';
import type { Entry, EntryKey, Failure, Outcome } from './types';

/**
 * The write a queued record is waiting for, by the status it will report:
 * queued output items carry it as `write`, so Get Write Status can say
 * created, updated or deleted later (the status answer does not tell).
 */
export const WRITES: Record<string, string> = { create: 'created', update: 'updated', delete: 'deleted' };

function writeOf(status: string): string | undefined {
	return Object.keys(WRITES).find((write) => WRITES[write] === status);
}

/** How messages name the key an entry is matched by. */
const KEY_LABEL: Record<EntryKey['name'], string> = { customerId: 'customer ID', userId: 'user ID', transid: 'transaction ID' };

/** Turns a read record's flat fields into an output item's JSON (an operation's own shape). */
export type RecordShaper = (flat: IDataObject, entry: Entry) => IDataObject;

/** The JSON of every output item one entry produces. */
export function successJson(
	entry: Entry,
	outcome: Outcome,
	simplify: boolean,
	shape: RecordShaper = (flat) => flat,
): IDataObject[] {
	if (outcome.type === 'records') {
		return outcome.records.map((record) => {
			if (!simplify) return record;
			const flat = flattenRecord(record);
			// The same text as the input's ID: keep one copy of it in memory, not two.
			if (flat.customerId === entry.key.id) flat.customerId = entry.key.id;
			return shape(flat, entry);
		});
	}
	if (outcome.type === 'results') {
		return outcome.results.map((result) => {
			if (!simplify) return { ...result, transid: outcome.transid };
			const json: IDataObject = {
				...entry.ids,
				customerId: result.customerId ?? entry.ids.customerId,
				status: outcome.queued ? 'queued' : (outcome.statusOf?.(result) ?? outcome.status),
				code: result.code,
				...outcome.extra,
			};
			if (result.userId !== undefined) json.userId = result.userId;
			if (outcome.transid !== undefined) json.transid = outcome.transid;
			if (outcome.queued && writeOf(outcome.status)) json.write = writeOf(outcome.status);
			for (const name of ['customerId', 'code']) if (json[name] === undefined) delete json[name];
			return json;
		});
	}
	return [];
}

/** The error for one entry's failure, in words a user can act on. Holds no request data. */
export function failureError(node: INode, entry: Entry, failure: Failure): NodeApiError {
	const info = codeInfo(failure.code);
	const ids = { ...entry.ids, ...failure.ids };
	const app = ids.appId !== undefined ? ` in app "${String(ids.appId)}"` : '';
	const device = entry.deviceId !== undefined ? `, device ID "${entry.deviceId}"` : '';
	const said = failure.apiDescription ? ` IMIconnect said: "${failure.apiDescription}".` : '';
	const body: JsonObject = { code: failure.code, description: failure.apiDescription, ...(ids as JsonObject) };
	if (failure.transid) body.transid = failure.transid;
	return new NodeApiError(node, body, {
		message: `${info.meaning} (code ${failure.code}) for ${KEY_LABEL[entry.key.name]} "${entry.key.id}"${device}${app}`,
		description: `${info.hint}${said}`.trim(),
		httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
		itemIndex: entry.itemIndex,
	});
}

/** The error for an item whose parameters cannot be sent. */
export function inputErrorOf(node: INode, itemIndex: number, error: InputError): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex}: ${error.field} ${error.problem}`, {
		itemIndex,
		description: `${error.hint ? `${error.hint} ` : ''}Nothing was sent for this item.`,
	});
}

/**
 * The JSON of an error item (Continue On Fail). n8n sends an item to the
 * error output only when its keys are error, message and details, so the
 * code and IDs go under details.
 */
export function errorJson(error: NodeApiError | NodeOperationError, details: IDataObject): IDataObject {
	return { error: error.message, message: error.description ?? '', details };
}
