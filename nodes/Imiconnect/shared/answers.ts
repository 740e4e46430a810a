import type { IDataObject } from 'n8n-workflow';

import { codeInfo } from './codes';
import { attributeText } from './flatten';
import type { OperationSpec } from './operations';
import type { ApiResponse, Failure, Unit } from './types';

/** What an answer body is, whatever HTTP status it came with (CONTRACT §3). */
export type Envelope =
	| { kind: 'records'; records: IDataObject[]; transid?: string }
	| { kind: 'results'; results: IDataObject[]; queued: boolean; code: string; transid?: string }
	| { kind: 'queued'; transid?: string }
	| { kind: 'error'; code: string; description: string; transid?: string };

function text(value: unknown): string | undefined {
	return value === undefined || value === null ? undefined : String(value);
}

export function readEnvelope(body: unknown, statusCode: number): Envelope {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return {
			kind: 'error',
			code: 'MALFORMED',
			description: `HTTP ${statusCode} with a body that is not a JSON object`,
		};
	}
	const data = body as IDataObject;
	// The legacy envelope: {"response": {...}} or {"response": [{...}]}.
	if (data.response !== undefined) {
		const response = (Array.isArray(data.response) ? data.response[0] : data.response) as IDataObject;
		const code = text(response?.code) ?? 'MALFORMED';
		const transid = text(response?.transid);
		const kind = codeInfo(code).kind;
		if (kind === 'queued' || (kind === 'success' && /queued/i.test(String(response.description)))) {
			return { kind: 'queued', transid };
		}
		if (kind === 'success') return { kind: 'results', results: [], queued: false, code, transid };
		return { kind: 'error', code, description: text(response?.description) ?? '', transid };
	}
	const code = text(data.code);
	const transid = text(data.transid);
	const info = codeInfo(code);
	if (Array.isArray(data.Records) && (code === undefined || info.kind === 'success')) {
		return { kind: 'records', records: data.Records as IDataObject[], transid };
	}
	if (Array.isArray(data.Results) && (info.kind === 'success' || info.kind === 'partial')) {
		const queued = /queued/i.test(String(data.description ?? ''));
		return { kind: 'results', results: data.Results as IDataObject[], queued, code: code as string, transid };
	}
	if (code !== undefined && info.kind !== 'success' && info.kind !== 'partial') {
		return { kind: 'error', code, description: text(data.description) ?? '', transid };
	}
	return {
		kind: 'error',
		code: 'MALFORMED',
		description: `HTTP ${statusCode} with an answer of unknown shape`,
	};
}

/** What happened to one unit. */
export type Outcome =
	| { type: 'records'; records: IDataObject[] }
	| { type: 'results'; results: IDataObject[]; transid?: string; queued: boolean }
	| { type: 'failure'; failure: Failure };

function failure(
	code: string,
	apiDescription: string,
	httpCode: number,
	transid?: string,
	perRecord = false,
): Outcome {
	return { type: 'failure', failure: { code, apiDescription, httpCode, transid, perRecord } };
}

function isFailedResult(result: IDataObject): boolean {
	const kind = codeInfo(text(result.code)).kind;
	return kind !== 'success' && kind !== 'queued';
}

/** Records of a read, each given to the unit whose customer ID it carries. */
function mapRecords(units: Unit[], records: IDataObject[], statusCode: number): Outcome[] {
	if (units.length === 1) {
		if (records.length === 0) return [failure('7014', 'No record found', statusCode)];
		return [{ type: 'records', records }];
	}
	const byId = new Map<string, IDataObject[]>();
	for (const record of records) {
		const id = attributeText(record, 'customerId');
		if (id === undefined) continue;
		const list = byId.get(id) ?? [];
		list.push(record);
		byId.set(id, list);
	}
	return units.map((unit) => {
		const found = byId.get(unit.id);
		return found ? { type: 'records', records: found } : failure('7014', 'No record found', statusCode);
	});
}

/**
 * Per-record results, matched by position when the customer IDs agree and by
 * customer ID otherwise (a batch never holds the same ID twice).
 */
function mapResults(
	units: Unit[],
	results: IDataObject[],
	queued: boolean,
	statusCode: number,
	transid?: string,
): Outcome[] {
	if (units.length === 1) {
		// A lone unit owns every result (a delete by user ID may remove several customers).
		if (results.length === 0) return [{ type: 'results', results: [{ code: '1000' }], transid, queued }];
		const failed = results.filter(isFailedResult);
		if (failed.length === results.length) {
			const result = failed[0];
			return [failure(text(result.code) ?? 'MALFORMED', text(result.description) ?? '', statusCode, transid, true)];
		}
		return [{ type: 'results', results, transid, queued }];
	}
	const byId = new Map<string, IDataObject>();
	for (const result of results) {
		const id = text(result.customerId);
		if (id !== undefined) byId.set(id, result);
	}
	return units.map((unit, index) => {
		const atPosition = results[index];
		const result =
			atPosition && text(atPosition.customerId) === unit.id ? atPosition : byId.get(unit.id);
		if (!result) {
			return failure('MISSING_RESULT', 'The answer has no result for this record', statusCode, transid);
		}
		if (isFailedResult(result)) {
			return failure(text(result.code) ?? 'MALFORMED', text(result.description) ?? '', statusCode, transid, true);
		}
		return { type: 'results', results: [result], transid, queued };
	});
}

/** Every unit's outcome from one answer. */
export function mapAnswer(spec: OperationSpec, units: Unit[], response: ApiResponse): Outcome[] {
	const envelope = readEnvelope(response.body, response.statusCode);
	switch (envelope.kind) {
		case 'error':
			return units.map(() =>
				failure(envelope.code, envelope.description, response.statusCode, envelope.transid),
			);
		case 'queued':
			return units.map(() => ({
				type: 'results',
				results: [{ customerId: undefined, code: '1001', description: 'QUEUED' }],
				transid: envelope.transid,
				queued: true,
			}));
		case 'records':
			if (spec.answer === 'records') return mapRecords(units, envelope.records, response.statusCode);
			break;
		case 'results':
			if (spec.answer === 'results') {
				if (envelope.results.length === 0 && units.length > 1) {
					// A bare success without per-record results covers the whole batch.
					return units.map(() => ({
						type: 'results',
						results: [{ code: envelope.code }],
						transid: envelope.transid,
						queued: envelope.queued,
					}));
				}
				return mapResults(units, envelope.results, envelope.queued, response.statusCode, envelope.transid);
			}
			break;
	}
	return units.map(() =>
		failure('MALFORMED', `Expected ${spec.answer} but got ${envelope.kind}`, response.statusCode),
	);
}
