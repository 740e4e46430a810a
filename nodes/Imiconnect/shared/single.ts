import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputError } from './input';
import { operationSpec, unknownOperationMessage, type OperationSpec } from './operations';
import { failureError, inputErrorOf, successJson } from './output';
import { readSettings } from './settings';
import { settle } from './settle';
import { createSender, judgeAnswer } from './transport';
import type { Unit } from './types';

/*
 * The single-record path: n8n's declarative routing sends one request per
 * item. Batched runs never get here (customOperations take over), but an AI
 * agent's tool call may, so each operation's routing uses the same table.
 */

function current(ctx: IExecuteSingleFunctions): { spec: OperationSpec; unit: Unit } {
	const resource = String(ctx.getNodeParameter('resource', ''));
	const operation = String(ctx.getNodeParameter('operation', ''));
	const spec = operationSpec(resource, operation);
	const node = ctx.getNode();
	if (!spec) {
		throw new NodeOperationError(node, unknownOperationMessage(resource, operation));
	}
	const itemIndex = ctx.getItemIndex();
	try {
		const read = (name: string, fallback?: unknown) => ctx.getNodeParameter(name, fallback);
		return { spec, unit: spec.toUnit(read, ctx.getInputData().json, itemIndex) };
	} catch (error) {
		if (error instanceof InputError) throw inputErrorOf(node, itemIndex, error);
		throw new NodeOperationError(node, error as Error, { itemIndex });
	}
}

function settingsOf(ctx: IExecuteSingleFunctions) {
	return readSettings((name, fallback) => ctx.getNodeParameter(name, fallback));
}

/** preSend: the item's request, built from the operation table. */
export async function buildSingleRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { spec, unit } = current(this);
	const request = spec.request([unit]);
	return {
		...requestOptions,
		method: request.method,
		url: request.url,
		qs: request.qs,
		body: request.body,
		json: true,
		arrayFormat: 'repeat',
		ignoreHttpStatusErrors: true,
		timeout: settingsOf(this).timeoutMs,
	};
}

/** postReceive: the answer read as the batched path reads it (retries, queued writes, upserts included). */
export async function readSingleAnswer(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const { spec, unit } = current(this);
	const settings = settingsOf(this);
	const send = createSender(this, settings);
	const request = spec.request([unit]);
	const first = judgeAnswer(response.statusCode, response.body, request.method);
	const answer = first.retry
		? await send(request).then((retried) => ({ ...retried, uncertain: retried.uncertain || first.uncertain }))
		: { statusCode: response.statusCode, body: response.body, uncertain: false };
	const [settled] = await settle(spec, [unit], answer, send, settings);
	if (settled.outcome.type === 'failure') throw failureError(this.getNode(), unit, settled.outcome.failure);
	return successJson(unit, settled, settings).map((json) => ({ json }));
}

/**
 * preSend of a parameter every item has: an operation the table does not know
 * (e.g. from an older workflow's JSON) fails clearly instead of letting the
 * routing send a bare request.
 */
export async function checkOperation(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	current(this);
	return requestOptions;
}

/** The routing every operation carries. */
export const singleRecordRouting = {
	send: { preSend: [buildSingleRequest] },
	output: { postReceive: [readSingleAnswer] },
};
