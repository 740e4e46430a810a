/**
 * How one answer is shared out among the items of its request, at the
 * boundary: answer body + entries (made by the registered operations) → each
 * item's output JSON or error message.
 */
import type { IDataObject } from 'n8n-workflow';

import { deleteAppProfiles } from '../../nodes/Imiconnect/operations/appProfile/delete';
import { getAppProfiles } from '../../nodes/Imiconnect/operations/appProfile/app';
import { createProfiles } from '../../nodes/Imiconnect/operations/profile/create';
import { deleteProfiles } from '../../nodes/Imiconnect/operations/profile/delete';
import { getProfiles } from '../../nodes/Imiconnect/operations/profile/get';
import { updateProfiles } from '../../nodes/Imiconnect/operations/profile/update';
import { customers, entriesOf, seen } from './fakes';

const raw = { simplify: false };
const resultsBody = (Results: IDataObject[], more: IDataObject = {}) => ({ code: '1000', description: 'SUCCESS', transid: 't', Results, ...more });
/** An item's output with Simplify off: its result as the API sent it, with the transid. */
const rawResult = (result: IDataObject, transid = 't') => ({ json: [{ ...result, transid }] });
const missing = (id: string) => ({
	error: `No result for this record (code MISSING_RESULT) for customer ID "${id}"`,
	description: 'IMIconnect answered the batch but said nothing about this record. Check it with a Get.',
	httpCode: '200',
	transid: 't',
});
const notFound = (id: string, label = 'customer ID', more = '') => ({
	error: `Not found (code 7014) for ${label} "${id}"${more}`,
	description: 'No profile exists with this ID. Check the customer ID (and app ID for app profiles).',
	httpCode: '200',
});
/** A lookup of user `u1` in app `a1` (Find By = User ID): an entry of its own. */
const userLookup = (operation: string) => entriesOf('appProfile', operation, [{ userId: 'u1' }], { appId: 'a1', lookupBy: 'userId' });

describe('results', () => {
	it('go to their records by position when the customer IDs agree, and by customer ID otherwise', () => {
		const r1 = { customerId: 'c1', code: '1000', description: 'SUCCESS' };
		const r2 = { customerId: 'c2', code: '1000', description: 'SUCCESS' };
		const r3 = { customerId: 'c3', code: '1000', description: 'SUCCESS' };
		const three = customers(['c1', 'c2', 'c3']);
		const expected = [rawResult(r1), rawResult(r2), rawResult(r3)];
		expect(seen(createProfiles, three, resultsBody([r1, r3, r2]), raw)).toEqual(expected);
		expect(seen(createProfiles, three, resultsBody([r1, r2, r3]), raw)).toEqual(expected);
	});

	it('match numeric customer IDs as text', () => {
		const numeric = { customerId: 54321, code: 1000 };
		const x = { customerId: 'x', code: '1000' };
		expect(seen(createProfiles, customers(['54321', 'x']), resultsBody([x, numeric]), raw)).toEqual([rawResult(numeric), rawResult(x)]);
	});

	it('of a partial success (1002) fail only the records whose own result failed, with the API description and transid', () => {
		const body = resultsBody(
			[
				{ customerId: 'c1', code: '1000', description: 'SUCCESS' },
				{ customerId: 'c2', code: '7015', description: 'Customer already exists' },
			],
			{ code: '1002' },
		);
		expect(seen(createProfiles, customers(['c1', 'c2']), body, { statusCode: 207 })).toEqual([
			{ json: [{ customerId: 'c1', status: 'created', code: '1000', transid: 't' }] },
			{
				error: 'Already exists (code 7015) for customer ID "c2"',
				description: 'A profile with this ID already exists. Use Update or Create or Update instead. IMIconnect said: "Customer already exists".',
				httpCode: '207',
				transid: 't',
			},
		]);
	});

	it('missing for a record fail it with MISSING_RESULT; results without customer IDs match nobody', () => {
		const two = customers(['c1', 'c2']);
		expect(seen(updateProfiles, two, resultsBody([{ customerId: 'c1', code: '1000' }]))).toEqual([
			{ json: [{ customerId: 'c1', status: 'updated', code: '1000', transid: 't' }] },
			missing('c2'),
		]);
		expect(seen(updateProfiles, two, resultsBody([{ code: '1000' }, { code: '1000' }]))).toEqual([missing('c1'), missing('c2')]);
	});

	it('without a code fail their record as an unreadable answer', () => {
		expect(seen(createProfiles, customers(['c1', 'c2']), resultsBody([{ customerId: 'c1' }, { customerId: 'c2', code: '1000' }]))).toEqual([
			{
				error: 'Unreadable answer from IMIconnect (code MALFORMED) for customer ID "c1"',
				description: 'The answer was not the JSON the Profile API sends, also after retries. Check the base URL of the credential.',
				httpCode: '200',
				transid: 't',
			},
			{ json: [{ customerId: 'c2', status: 'created', code: '1000', transid: 't' }] },
		]);
	});

	it('all belong to a lone entry (a delete by user ID), which fails only when every one of them failed', () => {
		const mixed = [
			{ customerId: 'a', code: '7014', description: 'not found' },
			{ customerId: 'b', code: '1000', description: 'SUCCESS' },
		];
		expect(seen(deleteAppProfiles, userLookup('delete'), resultsBody(mixed))).toEqual([
			{
				json: [
					{ appId: 'a1', userId: 'u1', customerId: 'a', status: 'deleted', code: '7014', transid: 't' },
					{ appId: 'a1', userId: 'u1', customerId: 'b', status: 'deleted', code: '1000', transid: 't' },
				],
			},
		]);
		const allFailed = [
			{ customerId: 'a', code: '7014', description: 'not found' },
			{ customerId: 'b', code: '7016', description: 'unknown' },
		];
		expect(seen(deleteAppProfiles, userLookup('delete'), resultsBody(allFailed))).toEqual([
			{
				...notFound('u1', 'user ID', ' in app "a1"'),
				description: `${notFound('u1').description} IMIconnect said: "not found".`,
				transid: 't',
			},
		]);
	});

	it('absent from a success answer it whole: every item succeeds', () => {
		expect(seen(createProfiles, customers(['c1', 'c2']), resultsBody([], { transid: 't-x' }))).toEqual([
			{ json: [{ customerId: 'c1', status: 'created', code: '1000', transid: 't-x' }] },
			{ json: [{ customerId: 'c2', status: 'created', code: '1000', transid: 't-x' }] },
		]);
	});

	it('of a queued answer say queued, and a queued result (1001) is no failure', () => {
		const body = resultsBody([{ customerId: 'c1', code: '1001' }], { description: 'QUEUED' });
		expect(seen(createProfiles, customers(['c1', 'c2']), body)).toEqual([
			{ json: [{ customerId: 'c1', status: 'queued', code: '1001', transid: 't', write: 'create' }] },
			missing('c2'),
		]);
	});
});

describe('records', () => {
	const record = (attributes: Record<string, unknown>) => ({
		Attributes: Object.entries(attributes).map(([Name, Value], ID) => ({ Name, Value, ID })),
	});

	it('go to the items whose customer ID they carry, never by position', () => {
		const body = {
			code: '1000',
			Records: [record({ customerId: 'c2', name: 'B' }), record({ customerId: 'c1', deviceId: 'd1' }), record({ customerId: 'c1', deviceId: 'd2' })],
		};
		expect(seen(getProfiles, customers(['c1', 'c2', 'c3']), body)).toEqual([
			{ json: [{ customerId: 'c1', deviceId: 'd1' }, { customerId: 'c1', deviceId: 'd2' }] },
			{ json: [{ customerId: 'c2', name: 'B' }] },
			notFound('c3'),
		]);
	});

	it('match a numeric customerId value as text, and a lookup by user ID by the userId they carry', () => {
		expect(seen(getProfiles, customers(['54321']), { Records: [record({ customerId: 54321 })] })).toEqual([{ json: [{ customerId: 54321 }] }]);
		expect(seen(getAppProfiles, userLookup('get'), { Records: [record({ customerId: 'c9', userId: 'u1' })] })).toEqual([
			{ json: [{ customerId: 'c9', userId: 'u1' }] },
		]);
	});

	it('of other IDs only fail a lone item as WRONG_RECORD (nothing of them shown); none at all is 7014', () => {
		expect(seen(getProfiles, customers(['c1']), { Records: [record({ customerId: 'someone-else', secret: 's' })] })).toEqual([
			{
				error: 'IMIconnect answered with a record that was not asked for (code WRONG_RECORD) for customer ID "c1"',
				description:
					'The answer named another customer or user, so nothing of it is shown. Check the ID; if it is right, report this to IMIconnect support.',
				httpCode: '200',
			},
		]);
		expect(seen(getProfiles, customers(['c1']), { Records: [] })).toEqual([notFound('c1')]);
	});
});

it('an error answer fails every item with its code, HTTP status and transid', () => {
	const failed = (id: string) => ({
		error: `Authentication failed (code 7001) for customer ID "${id}"`,
		description:
			'Check the Profile Key in the IMIconnect API credential (Tenant Settings → Profile Key) and that the region matches your tenant. IMIconnect said: "Authentication failed".',
		httpCode: '401',
		transid: 't-e',
	});
	const body = { code: '7001', description: 'Authentication failed', transid: 't-e' };
	expect(seen(createProfiles, customers(['c1', 'c2']), body, { statusCode: 401 })).toEqual([failed('c1'), failed('c2')]);
});

it('a legacy queued answer says queued for every item, with its transid and the write', () => {
	const queued = (customerId: string) => ({ json: [{ customerId, status: 'queued', code: '1001', transid: 't-q', write: 'delete' }] });
	const body = { response: { code: '1001', description: 'Queued', transid: 't-q' } };
	expect(seen(deleteProfiles, customers(['c1', 'c2']), body, { statusCode: 202 })).toEqual([queued('c1'), queued('c2')]);
});

it('an answer of the wrong kind for the call (records to a write, results to a read) is unreadable', () => {
	const unreadable = [expect.objectContaining({ error: 'Unreadable answer from IMIconnect (code MALFORMED) for customer ID "c1"' })];
	expect(seen(createProfiles, customers(['c1']), { code: '1000', Records: [] })).toEqual(unreadable);
	expect(seen(getProfiles, customers(['c1']), resultsBody([{ customerId: 'c1', code: '1000' }]))).toEqual(unreadable);
});

describe('a request of one customer', () => {
	it('never takes another customer’s result as its own', () => {
		expect(seen(createProfiles, customers(['c1']), resultsBody([{ customerId: 'c2', code: '1000' }]))).toEqual([missing('c1')]);
	});

	it('reads a queued write in the current envelope ({"code": "1001"}) as queued, not as an error', () => {
		const [shown] = seen(createProfiles, customers(['c1']), { code: '1001', description: 'Queued', transid: 'q' });
		expect(shown).toEqual({ json: [expect.objectContaining({ customerId: 'c1', status: 'queued', transid: 'q', write: 'create' })] });
	});
});
