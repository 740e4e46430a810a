import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { codeInfo } from './codes';
import { flattenRecord } from './flatten';
import type { InputError } from './input';
import type { Settled } from './settle';
import type { Failure, Unit } from './types';

export interface OutputSettings {
	/** Flat fields (on) or the API's own record or result (off). */
	simplify: boolean;
}

/** An app profile's link to its master profile as one object: `{ profileId, profileName, ...attributes }`. */
function withMasterProfile(flat: IDataObject): IDataObject {
	const { outwardLinks, ...rest } = flat;
	const [link] = (outwardLinks as IDataObject[] | undefined) ?? [];
	if (!link) return rest;
	const [attributes] = (link.records as IDataObject[] | undefined) ?? [];
	const meta = { ...link };
	delete meta.records;
	return { ...rest, masterProfile: { ...meta, ...(attributes ?? {}) } };
}

/** The JSON of every output item one unit produces. */
export function successJson(unit: Unit, settled: Settled, settings: OutputSettings): IDataObject[] {
	const { outcome, spec } = settled;
	if (outcome.type === 'records') {
		return outcome.records.map((record) => {
			if (!settings.simplify) return record;
			const flat = flattenRecord(record);
			// The same text as the input's ID: keep one copy of it in memory, not two.
			if (flat.customerId === unit.id) flat.customerId = unit.id;
			if (unit.showInwardLinks && !flat.inwardLinks) flat.inwardLinks = [];
			if (spec.masterProfileLink) return withMasterProfile(flat);
			return flat;
		});
	}
	if (outcome.type === 'results') {
		return outcome.results.map((result) => {
			if (!settings.simplify) return { ...result, transid: outcome.transid };
			const json: IDataObject = {
				customerId: result.customerId ?? unit.record?.customerId ?? unit.id,
				status: outcome.queued ? 'queued' : spec.done,
				code: result.code,
			};
			if (result.userId !== undefined) json.userId = result.userId;
			if (unit.appId !== undefined) json.appId = unit.appId;
			if (unit.deviceId !== undefined) json.deviceId = unit.deviceId;
			if (outcome.transid !== undefined) json.transid = outcome.transid;
			return json;
		});
	}
	return [];
}

function subject(unit: Unit): string {
	if (unit.userId !== undefined) return `user ID "${unit.userId}"`;
	return `customer ID "${unit.id}"`;
}

/** The error for one unit's failure, in words a user can act on. Holds no request data. */
export function failureError(node: INode, unit: Unit, failure: Failure): NodeApiError {
	const info = codeInfo(failure.code);
	const app = unit.appId !== undefined ? ` in app "${unit.appId}"` : '';
	const said = failure.apiDescription ? ` IMIconnect said: "${failure.apiDescription}".` : '';
	const body: JsonObject = { code: failure.code, description: failure.apiDescription, customerId: unit.id };
	if (failure.transid) body.transid = failure.transid;
	return new NodeApiError(node, body, {
		message: `${info.meaning} (code ${failure.code}) for ${subject(unit)}${app}`,
		description: `${info.hint}${said}`,
		httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
		itemIndex: unit.itemIndex,
	});
}

/** The error for an item whose parameters cannot be sent. */
export function inputErrorOf(node: INode, itemIndex: number, error: InputError): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex}: ${error.field} ${error.problem}`, {
		itemIndex,
		description: 'Nothing was sent for this item.',
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
