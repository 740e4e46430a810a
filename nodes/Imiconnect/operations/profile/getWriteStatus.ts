import type { Operation } from '../../pipeline/operation';
import { InputError, readId } from '../../pipeline/input';
import { WRITES } from '../../pipeline/output';
import { statusRequest } from '../../pipeline/send-entries';
import type { ApiCall, EntryKey, ParamReader } from '../../pipeline/types';
import { readBatch } from '../../pipeline/writes';
import { BYTE_BUDGET } from '../../pipeline/batcher';
import { pathId } from '../appProfile/app';
import { idField, optionsField, simplifyField } from '../fields';

/** The write to report: its transid, and which write it was (for the status applied records report). */
interface StatusParams {
	transid: string;
	write: string;
}

/** The customer ID an item asks about, if any (empty: every record of the write). */
function customerIdOf(read: ParamReader): string | undefined {
	const raw = read('customerId', '');
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	return readId(raw, 'Customer ID');
}

/**
 * Every call the items of one transid share: one `GET /profile/status/{transid}`.
 * The status applied records report is the write's (created, updated, deleted).
 */
function statusCall(write: string): ApiCall<StatusParams> {
	return { answer: 'status', status: WRITES[write] ?? 'applied', request: (entries) => statusRequest(entries[0].params.transid) };
}
const STATUS_CALLS = Object.fromEntries(['', ...Object.keys(WRITES)].map((write) => [write, readBatch(statusCall(write))]));

export const profileGetWriteStatus: Operation<StatusParams> = {
	resource: 'profile',
	value: 'getWriteStatus',
	name: 'Get Write Status',
	action: 'Get the status of a queued write',
	description: 'Get the final outcome of writes IMIconnect queued, by their transid',
	fields: [
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
		// Items of one transid share one request: no Batch Size.
		optionsField({ batched: false, waits: 'never' }),
	],
	toEntry(read, _item, itemIndex) {
		const transid = pathId(read('transid'), 'Transaction ID', 'transid', BYTE_BUDGET.query);
		const customerId = customerIdOf(read);
		const write = String(read('write', '') ?? '').trim();
		if (write !== '' && !WRITES[write]) throw new InputError('Write', `must be create, update or delete (or empty), got "${write}"`);
		const key: EntryKey = customerId === undefined ? { name: 'transid', id: transid } : { name: 'customerId', id: customerId };
		return {
			itemIndex,
			key,
			params: { transid, write },
			alone: false,
			load: { part: 'query', bytes: 0 },
			ids: customerId === undefined ? { transid } : { customerId, transid },
		};
	},
	runBatch: async (entries, context) => await STATUS_CALLS[entries[0].params.write](entries, context),
	oneRequestPerGroup: true,
};
