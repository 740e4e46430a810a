/**
 * Every body the API (or something in between) may send, read at the
 * boundary: the body of one request → what each of its items shows
 * (readBody → mapAnswer → output JSON or error message).
 */
import { createProfiles } from '../../nodes/Imiconnect/operations/profile/create';
import { getProfiles } from '../../nodes/Imiconnect/operations/profile/get';
import { customers, seen } from './fakes';

const one = customers(['c1']);
const two = customers(['c1', 'c2']);

/** The error an item shows for an unreadable answer, with what IMIconnect said if anything. */
const malformed = (id = 'c1', said = '') => ({
	error: `Unreadable answer from IMIconnect (code MALFORMED) for customer ID "${id}"`,
	description: `The answer was not the JSON the Profile API sends, also after retries. Check the base URL of the credential.${said}`,
	httpCode: '200',
});

describe('an answer body', () => {
	describe('records', () => {
		const c1 = { Attributes: [{ Name: 'customerId', Value: 'c1', ID: 1 }, { Name: 'name', Value: 'Ann', ID: 2 }], InwardLinks: [], OutwardLinks: [] };

		it('with code 1000 gives the item its record', () => {
			expect(seen(getProfiles, one, { Status: 0, Description: 'success', code: '1000', transid: 't-1', Records: [c1] })).toEqual([
				{ json: [{ customerId: 'c1', name: 'Ann' }] },
			]);
		});

		it('without a code, or with a numeric one, is read alike', () => {
			expect(seen(getProfiles, one, { Records: [c1] })).toEqual([{ json: [{ customerId: 'c1', name: 'Ann' }] }]);
			expect(seen(getProfiles, one, { code: 1000, transid: 77, Records: [c1] })).toEqual([{ json: [{ customerId: 'c1', name: 'Ann' }] }]);
		});

		it('with an error code is that error, not records', () => {
			expect(seen(getProfiles, one, { code: '7001', description: 'Authentication failed', Records: [c1] }, { statusCode: 401 })).toEqual([
				{
					error: 'Authentication failed (code 7001) for customer ID "c1"',
					description:
						'Check the Profile Key in the IMIconnect API credential (Tenant Settings → Profile Key) and that the region matches your tenant. IMIconnect said: "Authentication failed".',
					httpCode: '401',
				},
			]);
		});
	});

	describe('results', () => {
		const results = [
			{ customerId: 'c1', code: '1000', description: 'SUCCESS' },
			{ customerId: 'c2', code: '7015', description: 'Customer already exists' },
		];
		const allFine = [
			{ customerId: 'c1', code: '1000', description: 'SUCCESS' },
			{ customerId: 'c2', code: '1000', description: 'SUCCESS' },
		];

		it('with 1000 gives each item its result, whatever the count fields say', () => {
			const body = { TotalCount: 9, SuccessCount: 9, FailureCount: 0, code: '1000', description: 'SUCCESS', transid: 't-2', Results: allFine };
			expect(seen(createProfiles, two, body)).toEqual([
				{ json: [{ customerId: 'c1', status: 'created', code: '1000', transid: 't-2' }] },
				{ json: [{ customerId: 'c2', status: 'created', code: '1000', transid: 't-2' }] },
			]);
		});

		it('with 1002 (partial success) fails only the records whose own code failed, keeping the transid', () => {
			expect(seen(createProfiles, two, { code: 1002, description: 'Partial success', transid: 't-3', Results: results }, { statusCode: 207 })).toEqual([
				{ json: [{ customerId: 'c1', status: 'created', code: '1000', transid: 't-3' }] },
				{
					error: 'Already exists (code 7015) for customer ID "c2"',
					description: 'A profile with this ID already exists. Use Update or Create or Update instead. IMIconnect said: "Customer already exists".',
					httpCode: '207',
					transid: 't-3',
				},
			]);
		});

		it('described as queued, in any case, says queued with the write and transid', () => {
			for (const description of ['QUEUED', 'Queued', 'request queued for processing']) {
				expect(seen(createProfiles, two, { code: '1000', description, transid: 't', Results: allFine })).toEqual([
					{ json: [{ customerId: 'c1', status: 'queued', code: '1000', transid: 't', write: 'create' }] },
					{ json: [{ customerId: 'c2', status: 'queued', code: '1000', transid: 't', write: 'create' }] },
				]);
			}
		});

		it('with an error code fails every item with it', () => {
			const failed = {
				error: 'Batch size limit (100) exceeded (code 7012) for customer ID "c1"',
				description: 'Lower the Batch Size option to 100 or less. IMIconnect said: "Batch size limit exceeded".',
				httpCode: '200',
				transid: 't-4',
			};
			expect(seen(createProfiles, two, { code: '7012', description: 'Batch size limit exceeded', transid: 't-4', Results: results })).toEqual([
				failed,
				{ ...failed, error: failed.error.replace('c1', 'c2') },
			]);
		});

		it('an error without a list is that error; without a description, only the hint is shown', () => {
			expect(seen(createProfiles, one, { code: '7014', description: 'Customer not found' })).toEqual([
				{
					error: 'Not found (code 7014) for customer ID "c1"',
					description: 'No profile exists with this ID. Check the customer ID (and app ID for app profiles). IMIconnect said: "Customer not found".',
					httpCode: '200',
				},
			]);
			expect(seen(createProfiles, one, { code: '7600' })).toEqual([
				{
					error: 'No result yet (code 7600) for customer ID "c1"',
					description: 'The queued write has not been applied yet. Raise the Wait Timeout or check the status later.',
					httpCode: '200',
				},
			]);
		});
	});

	describe('legacy {response: …}', () => {
		const queued = (transid: string) => [{ json: [{ customerId: 'c1', status: 'queued', code: '1001', transid, write: 'create' }] }];

		it('1001, as an object or a one-element list, says queued with its transid', () => {
			expect(seen(createProfiles, one, { response: { code: '1001', description: 'Queued', transid: 't-5' } })).toEqual(queued('t-5'));
			expect(seen(createProfiles, one, { response: [{ code: 1001, description: 'Queued', transid: 't-6' }] })).toEqual(queued('t-6'));
		});

		it('1000 described as queued says queued', () => {
			expect(seen(createProfiles, one, { response: { code: '1000', description: 'Request Queued', transid: 't-7' } })).toEqual(queued('t-7'));
		});

		it('1000 without results is a success for every item of the request', () => {
			expect(seen(createProfiles, two, { response: { code: '1000', description: 'Success', transid: 't-8' } })).toEqual([
				{ json: [{ customerId: 'c1', status: 'created', code: '1000', transid: 't-8' }] },
				{ json: [{ customerId: 'c2', status: 'created', code: '1000', transid: 't-8' }] },
			]);
		});

		it('errors, as an object or a one-element list, fail with their code and description', () => {
			expect(seen(createProfiles, one, { response: { code: '7001', description: 'Authentication failed', transid: 't-9' } })).toEqual([
				expect.objectContaining({ error: 'Authentication failed (code 7001) for customer ID "c1"', transid: 't-9' }),
			]);
			expect(seen(createProfiles, one, { response: [{ code: '7208', description: 'IP not allowed' }] })).toEqual([
				{
					error: 'Source IP is not allow-listed (code 7208) for customer ID "c1"',
					description:
						'Add the IP address of your n8n instance to the allowed IPs in IMIconnect Tenant Settings. IMIconnect said: "IP not allowed".',
					httpCode: '200',
				},
			]);
		});

		it('without a code is unreadable, keeping a description and transid it has', () => {
			for (const response of [{}, [], null, 'oops', 1000]) {
				expect(seen(createProfiles, one, { response })).toEqual([malformed()]);
			}
			expect(seen(createProfiles, one, { response: { description: 'no code', transid: 't' } })).toEqual([
				{ ...malformed('c1', ' IMIconnect said: "no code".'), transid: 't' },
			]);
		});
	});

	describe('that fits no answer', () => {
		it('is unreadable when it is not a JSON object', () => {
			for (const body of [null, undefined, '<html>Bad gateway</html>', '', 42, true, [], [{ code: '1000' }]]) {
				expect(seen(createProfiles, one, body)).toEqual([malformed()]);
				expect(seen(getProfiles, one, body)).toEqual([malformed()]);
			}
		});

		it('is unreadable when it is an object of no known shape', () => {
			for (const body of [
				{},
				{ Records: 'none' },
				{ Results: [] },
				{ code: '1000' },
				{ code: '1002' },
				{ code: '1002', Records: [] },
				{ code: '1000', Results: 'x' },
				{ message: 'Internal Server Error' },
			]) {
				expect(seen(createProfiles, one, body)).toEqual([malformed()]);
				expect(seen(getProfiles, one, body)).toEqual([malformed()]);
			}
		});
	});
});
