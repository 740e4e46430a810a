import type { IDataObject } from 'n8n-workflow';

import { codeInfo } from './codes';
import { attributeText } from './flatten';
import type { Entry, Failure, Outcome } from './types';

/** What an answer body is, whatever HTTP status it came with (docs/profile-api.md#answers). */
export type Envelope =
	| { kind: 'records'; records: IDataObject[]; transid?: string }
	| { kind: 'results'; results: IDataObject[]; queued: boolean; code: string; transid?: string }
	| { kind: 'queued'; transid?: string }
	| { kind: 'error'; code: string; description: string; transid?: string };

/** How an operation's answer reads: records (reads) or per-record results (writes, deletes, status). */
export type AnswerShape = 'records' | 'results';

/** An answer of the API: its HTTP status and body, read once into an envelope. */
export interface Answer {
	statusCode: number;
	envelope: Envelope;
	/** The body as the API sent it (Simplify off shows it); the profile key hidden. */
	body: unknown;
}

function text(value: unknown): string | undefined {
	return value === undefined || value === null ? undefined : String(value);
}

/** Reads any body the API (or something in between) may send. */
export function readEnvelope(body: unknown): Envelope {
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

/** The attribute an answer record must carry for the entry it is given to. */
function ownerAttribute(entry: Entry): string {
	return entry.idName === 'user ID' ? 'userId' : 'customerId';
}

/**
 * Records of a read, each given to the entry whose ID it carries. A record
 * that names nobody asked for is never shown: a lone entry whose answer holds
 * only such records fails (docs/profile-api.md#records).
 */
function mapRecords(entries: Entry[], records: IDataObject[], answer: Answer): Outcome[] {
	const byId = new Map<string, IDataObject[]>();
	const owners = [...new Set(entries.map(ownerAttribute))];
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
		const found = byId.get(`${ownerAttribute(entry)}\u0000${entry.id}`);
		if (found) return { type: 'records', records: found };
		const foreign = entries.length === 1 && records.length > 0;
		return failureOutcome({ code: foreign ? 'WRONG_RECORD' : '7014', apiDescription: '', httpCode: answer.statusCode });
	});
}

/**
 * Per-record results, matched by position when the customer IDs agree and by
 * customer ID otherwise (a batch never holds the same ID twice). A lone entry
 * owns every result (a delete by user ID may remove several customers).
 */
function mapResults(entries: Entry[], envelope: Envelope & { kind: 'results' }, answer: Answer, status: string): Outcome[] {
	const { results, queued, transid } = envelope;
	const failed = (result: IDataObject): Outcome =>
		failureOutcome({
			code: text(result.code) ?? 'MALFORMED',
			apiDescription: text(result.description) ?? '',
			httpCode: answer.statusCode,
			transid,
		});
	if (results.length === 0) {
		// A bare success without per-record results covers the whole batch.
		return entries.map(() => ({ type: 'results', results: [{ code: envelope.code }], transid, queued, status }));
	}
	if (entries.length === 1) {
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
		const result = atPosition && text(atPosition.customerId) === entry.id ? atPosition : byId.get(entry.id);
		if (!result) {
			return failureOutcome({ code: 'MISSING_RESULT', apiDescription: '', httpCode: answer.statusCode, transid });
		}
		if (isFailedResult(result)) return failed(result);
		return { type: 'results', results: [result], transid, queued, status };
	});
}

/** Every entry's outcome from one answer; `status` is what a success reports (created, updated…). */
export function mapAnswer(shape: AnswerShape, status: string, entries: Entry[], answer: Answer): Outcome[] {
	const { envelope } = answer;
	switch (envelope.kind) {
		case 'error':
			return entries.map(() =>
				failureOutcome({
					code: envelope.code,
					apiDescription: envelope.description,
					httpCode: answer.statusCode,
					transid: envelope.transid,
				}),
			);
		case 'queued':
			return entries.map(() => ({
				type: 'results',
				results: [{ code: '1001', description: 'QUEUED' }],
				transid: envelope.transid,
				queued: true,
				status,
			}));
		case 'records':
			if (shape === 'records') return mapRecords(entries, envelope.records, answer);
			break;
		case 'results':
			if (shape === 'results') return mapResults(entries, envelope, answer, status);
			break;
	}
	return entries.map(() => failureOutcome({ code: 'MALFORMED', apiDescription: '', httpCode: answer.statusCode }));
}
