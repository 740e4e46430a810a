import type { IDataObject } from 'n8n-workflow';

import { failureOutcome } from '../../pipeline/answers';
import { codeInfo } from '../../pipeline/codes';
import { InputError, readId } from '../../pipeline/input';
import { WRITES } from '../../pipeline/output';
import type { BatchTools } from '../../pipeline/stages';
import type { Entry, Outcome, ParamReader } from '../../pipeline/types';
import { pathId } from '../appProfile/app';
import { idField, simplifyField, optionsField } from '../fields';
import { URL_BUDGET, type Operation, operationFields } from '../operation';

const value = 'getWriteStatus';

function isFailed(result: IDataObject): boolean {
	const kind = codeInfo(result.code === undefined ? undefined : String(result.code)).kind;
	return kind !== 'success' && kind !== 'queued';
}

/** The customer ID an item asks about, if any (empty: every record of the write). */
function customerIdOf(read: ParamReader): string | undefined {
	const raw = read('customerId', '');
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	return readId(raw, 'Customer ID');
}

/**
 * One `GET /profile/status/{transid}` for the items of a transid: while the
 * write is still queued (7600) they say queued; then each item gets its
 * record's result (matched by customer ID), or every record's without one.
 */
async function getStatus(entries: Entry[], tools: BatchTools): Promise<Outcome[]> {
	const transid = entries[0].path.transid;
	const answer = await tools.transport.send({ method: 'GET', url: `/profile/status/${encodeURIComponent(transid)}` });
	const { envelope } = answer;
	return entries.map((entry): Outcome => {
		const status = WRITES[entry.path.write] ?? 'applied';
		if (envelope.kind === 'error' && envelope.code === '7600') {
			return { type: 'results', results: [{ code: envelope.code }], queued: true, status, transid };
		}
		if (envelope.kind === 'error') {
			return failureOutcome({ code: envelope.code, apiDescription: envelope.description, httpCode: answer.statusCode, transid });
		}
		if (envelope.kind !== 'results') {
			return failureOutcome({ code: 'MALFORMED', apiDescription: '', httpCode: answer.statusCode, transid });
		}
		const customerId = entry.ids.customerId;
		const results = envelope.results.filter((result) => customerId === undefined || String(result.customerId) === customerId);
		if (customerId !== undefined) {
			const [result] = results;
			if (!result) return failureOutcome({ code: 'MISSING_RESULT', apiDescription: '', httpCode: answer.statusCode, transid });
			if (isFailed(result)) {
				return failureOutcome({
					code: String(result.code),
					apiDescription: result.description === undefined ? '' : String(result.description),
					httpCode: answer.statusCode,
					transid,
				});
			}
		}
		return {
			type: 'results',
			results,
			queued: false,
			status,
			transid,
			statusOf: (result) => (isFailed(result) ? 'failed' : status),
		};
	});
}

export const profileGetWriteStatus: Operation = {
	resource: 'profile',
	value,
	name: 'Get Write Status',
	action: 'Get the status of a queued write',
	description: 'Get the final outcome of writes IMIconnect queued, by their transid',
	fields: operationFields('profile', value, [
		idField('Transaction ID', 'transid', 'e.g. bc83b74b-8ecf-473a-b938-db014f6aecdf', 'The transid a queued write answered with.'),
		{
			...idField('Customer ID', 'customerId', 'e.g. 54321', 'The record of the write to report. Empty: one output item per record of the write.'),
			required: false,
		},
		{
			displayName: 'Write',
			name: 'write',
			type: 'string',
			default: '={{ $json.write }}',
			placeholder: 'create, update or delete',
			description:
				'Which write it was: create, update or delete, for the status applied records report (created, updated, deleted; empty: applied). Queued output items of this node carry it as write. App profile writes work too.',
		},
		simplifyField,
		optionsField({ batched: true, waits: 'never' }),
	]),
	toEntry(read, _item, itemIndex) {
		const transid = pathId(read('transid'), 'Transaction ID', 'transid', URL_BUDGET);
		const customerId = customerIdOf(read);
		const write = String(read('write', '') ?? '').trim();
		if (write !== '' && !WRITES[write]) throw new InputError('Write', `must be create, update or delete (or empty), got "${write}"`);
		const ids: IDataObject = customerId === undefined ? { transid } : { customerId, transid };
		return {
			itemIndex,
			id: customerId ?? transid,
			idName: customerId === undefined ? 'transaction ID' : 'customer ID',
			group: transid,
			alone: false,
			size: 0,
			path: { transid, write },
			ids,
		};
	},
	budget: URL_BUDGET,
	runBatch: getStatus,
};
