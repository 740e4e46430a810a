import type { IDataObject } from 'n8n-workflow';

import { codeInfo, isCode } from './codes';
import { attributeText } from './flatten';
import type { AnswerShape, ApiCall, Entry, Failure, Outcome } from './types';

/** What an answer body says, whatever HTTP status it came with (docs/profile-api.md#answers). */
export type AnswerBody =
	| { kind: 'records'; records: IDataObject[]; transid?: string }
	| { kind: 'results'; results: IDataObject[]; queued: boolean; code: string; transid?: string }
	| { kind: 'queued'; transid?: string }
	| { kind: 'error'; code: string; description: string; transid?: string };

/**
 * An answer of the API to one request, read once: its HTTP status, what the
 * body says, the body itself, and whether an attempt of the request may have
 * been applied (retry-rules.ts). A lost connection or timeout is an answer
 * with status 0 and code NETWORK or TIMEOUT.
 */
export interface Answer {
	statusCode: number;
	body: AnswerBody;
	/** The body as the API sent it (Simplify off shows it); the profile key hidden. */
	raw: unknown;
	mayHaveApplied: boolean;
}

function text(value: unknown): string | undefined {
	return value === undefined || value === null ? undefined : String(value);
}

/** Reads any body the API (or something in between) may send. */
export function readBody(body: unknown): AnswerBody {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { kind: 'error', code: 'MALFORMED', description: '' };
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
	// A queued write in the current envelope: {"code": "1001", "description": "Queued", "transid": …}.
	if (info.kind === 'queued' && !Array.isArray(data.Results)) return { kind: 'queued', transid };
	if (Array.isArray(data.Results) && (info.kind === 'success' || info.kind === 'partial')) {
		const queued = /queued/i.test(String(data.description ?? ''));
		return { kind: 'results', results: data.Results as IDataObject[], queued, code: code as string, transid };
	}
	if (code !== undefined && info.kind !== 'success' && info.kind !== 'partial') {
		return { kind: 'error', code, description: text(data.description) ?? '', transid };
	}
	return { kind: 'error', code: 'MALFORMED', description: '' };
}

export function failureOutcome(failure: Failure): Outcome {
	return { type: 'failure', failure };
}

function isFailedResult(result: IDataObject): boolean {
	const kind = codeInfo(text(result.code)).kind;
	return kind !== 'success' && kind !== 'queued';
}


/**
 * Records of a read, each given to the entry whose ID it carries. A record
 * that names nobody asked for is never shown: a lone entry whose answer holds
 * only such records fails (docs/profile-api.md#records).
 */
function mapRecords(entries: Entry[], records: IDataObject[], answer: Answer): Outcome[] {
	const byId = new Map<string, IDataObject[]>();
	const owners = [...new Set(entries.map((entry) => entry.key.name))];
	for (const record of records) {
		for (const name of owners) {
			const id = attributeText(record, name);
			if (id === undefined) continue;
			const list = byId.get(`${name}\u0000${id}`) ?? [];
			list.push(record);
			byId.set(`${name}\u0000${id}`, list);
		}
	}
	return entries.map((entry) => {
		const found = byId.get(`${entry.key.name}\u0000${entry.key.id}`);
		if (found) return { type: 'records', records: found };
		const foreign = entries.length === 1 && records.length > 0;
		return failureOutcome({ code: foreign ? 'WRONG_RECORD' : '7014', apiDescription: '', httpCode: answer.statusCode });
	});
}

/**
 * Per-record results, matched by position when the customer IDs agree and by
 * customer ID otherwise (a batch never holds the same ID twice). An entry
 * alone in its request by nature (a user ID, a device) owns every result: a
 * delete by user ID may remove several customers.
 */
function mapResults(entries: Entry[], body: AnswerBody & { kind: 'results' }, answer: Answer, status: string): Outcome[] {
	const { results, queued, transid } = body;
	const failed = (result: IDataObject): Outcome =>
		failureOutcome({
			code: text(result.code) ?? 'MALFORMED',
			apiDescription: text(result.description) ?? '',
			httpCode: answer.statusCode,
			transid,
			mayHaveApplied: answer.mayHaveApplied,
		});
	if (results.length === 0) {
		// A bare success without per-record results covers the whole batch.
		return entries.map(() => ({ type: 'results', results: [{ code: body.code }], transid, queued, status }));
	}
	if (entries.length === 1 && entries[0].alone) {
		const failures = results.filter(isFailedResult);
		if (failures.length === results.length) return [failed(failures[0])];
		return [{ type: 'results', results, transid, queued, status }];
	}
	const byId = new Map<string, IDataObject>();
	for (const result of results) {
		const id = text(result.customerId);
		if (id !== undefined) byId.set(id, result);
	}
	return entries.map((entry, index) => {
		const atPosition = results[index];
		const result = atPosition && text(atPosition.customerId) === entry.key.id ? atPosition : byId.get(entry.key.id);
		if (!result) {
			return failureOutcome({ code: 'MISSING_RESULT', apiDescription: '', httpCode: answer.statusCode, transid });
		}
		if (isFailedResult(result)) return failed(result);
		return { type: 'results', results: [result], transid, queued, status };
	});
}

/**
 * A queued write's status (Get Write Status): while it is not applied (7600)
 * every entry says queued; then an entry keyed by a customer ID gets its
 * record's result, and an entry keyed by the transid every record's, each
 * with its own status (failed, or the write's).
 */
function mapStatus(entries: Entry[], body: AnswerBody & { kind: 'results' }, answer: Answer, status: string): Outcome[] {
	const { transid } = body;
	return entries.map((entry) => {
		if (entry.key.name === 'transid') {
			return { type: 'results', results: body.results, queued: false, status, transid, statusOf: (result) => (isFailedResult(result) ? 'failed' : status) };
		}
		const result = body.results.find((candidate) => text(candidate.customerId) === entry.key.id);
		if (!result) return failureOutcome({ code: 'MISSING_RESULT', apiDescription: '', httpCode: answer.statusCode, transid });
		if (isFailedResult(result)) {
			return failureOutcome({ code: text(result.code) ?? 'MALFORMED', apiDescription: text(result.description) ?? '', httpCode: answer.statusCode, transid });
		}
		return { type: 'results', results: [result], queued: false, status, transid };
	});
}

const SHAPE_OF_BODY: Record<AnswerBody['kind'], AnswerShape[]> = {
	records: ['records'],
	results: ['results', 'status'],
	queued: ['results'],
	error: ['records', 'results', 'status'],
};

/** Every entry's outcome from one answer to `call`. */
export function mapAnswer(call: Pick<ApiCall, 'answer' | 'status'>, entries: Entry[], answer: Answer): Outcome[] {
	const { body } = answer;
	const { status } = call;
	if (!SHAPE_OF_BODY[body.kind].includes(call.answer)) {
		return entries.map(() => failureOutcome({ code: 'MALFORMED', apiDescription: '', httpCode: answer.statusCode }));
	}
	switch (body.kind) {
		case 'error':
			if (call.answer === 'status' && isCode(body.code, '7600')) {
				return entries.map(() => ({ type: 'results', results: [{ code: body.code }], queued: true, status, transid: body.transid }));
			}
			return entries.map(() =>
				failureOutcome({
					code: body.code,
					apiDescription: body.description,
					httpCode: answer.statusCode,
					transid: body.transid,
					mayHaveApplied: answer.mayHaveApplied,
				}),
			);
		case 'queued':
			return entries.map(() => ({
				type: 'results',
				results: [{ code: '1001', description: 'QUEUED' }],
				transid: body.transid,
				queued: true,
				status,
			}));
		case 'records':
			return mapRecords(entries, body.records, answer);
		case 'results':
			return call.answer === 'status' ? mapStatus(entries, body, answer, status) : mapResults(entries, body, answer, status);
	}
}
