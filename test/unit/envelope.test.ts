import { readEnvelope } from '../../nodes/Imiconnect/pipeline/answers';

const MALFORMED = { kind: 'error', code: 'MALFORMED', description: '' };

describe('readEnvelope', () => {
	describe('records', () => {
		it('reads a records envelope with code 1000', () => {
			const records = [{ Attributes: [{ Name: 'customerId', Value: 'c1', ID: 1 }], InwardLinks: [], OutwardLinks: [] }];
			expect(readEnvelope({ Status: 0, Description: 'success', code: '1000', transid: 't-1', Records: records })).toStrictEqual({
				kind: 'records',
				records,
				transid: 't-1',
			});
		});

		it('reads one without a code, and a numeric code', () => {
			expect(readEnvelope({ Records: [] })).toStrictEqual({ kind: 'records', records: [], transid: undefined });
			expect(readEnvelope({ code: 1000, transid: 77, Records: [] })).toStrictEqual({ kind: 'records', records: [], transid: '77' });
		});

		it('reads an error code that comes with Records as an error', () => {
			expect(readEnvelope({ code: '7001', description: 'Authentication failed', Records: [] })).toStrictEqual({
				kind: 'error',
				code: '7001',
				description: 'Authentication failed',
				transid: undefined,
			});
		});
	});

	describe('results', () => {
		const results = [
			{ customerId: 'c1', code: '1000', description: 'SUCCESS' },
			{ customerId: 'c2', code: '7015', description: 'Customer already exists' },
		];

		it('reads a results envelope with 1000, and ignores the count fields', () => {
			expect(
				readEnvelope({ TotalCount: 9, SuccessCount: 9, FailureCount: 0, code: '1000', description: 'SUCCESS', transid: 't-2', Results: results }),
			).toStrictEqual({ kind: 'results', results, queued: false, code: '1000', transid: 't-2' });
		});

		it('reads partial success 1002, each result with its own code', () => {
			expect(readEnvelope({ code: 1002, description: 'Partial success', transid: 't-3', Results: results })).toStrictEqual({
				kind: 'results',
				results,
				queued: false,
				code: '1002',
				transid: 't-3',
			});
		});

		it('reads "queued" in the description, in any case, as queued', () => {
			for (const description of ['QUEUED', 'Queued', 'request queued for processing']) {
				expect(readEnvelope({ code: '1000', description, transid: 't', Results: results })).toStrictEqual({
					kind: 'results',
					results,
					queued: true,
					code: '1000',
					transid: 't',
				});
			}
		});

		it('reads an error code that comes with Results as an error', () => {
			expect(readEnvelope({ code: '7012', description: 'Batch size limit exceeded', transid: 't-4', Results: results })).toStrictEqual({
				kind: 'error',
				code: '7012',
				description: 'Batch size limit exceeded',
				transid: 't-4',
			});
		});

		it('reads an error without a body list, and leaves a missing description empty', () => {
			expect(readEnvelope({ code: '7014', description: 'Customer not found' })).toStrictEqual({
				kind: 'error',
				code: '7014',
				description: 'Customer not found',
				transid: undefined,
			});
			expect(readEnvelope({ code: '7600' })).toStrictEqual({ kind: 'error', code: '7600', description: '', transid: undefined });
		});
	});

	describe('legacy', () => {
		it('reads the legacy queued acknowledgement 1001', () => {
			expect(readEnvelope({ response: { code: '1001', description: 'Queued', transid: 't-5' } })).toStrictEqual({
				kind: 'queued',
				transid: 't-5',
			});
			expect(readEnvelope({ response: [{ code: 1001, description: 'Queued', transid: 't-6' }] })).toStrictEqual({
				kind: 'queued',
				transid: 't-6',
			});
		});

		it('reads a legacy 1000 described as queued as queued', () => {
			expect(readEnvelope({ response: { code: '1000', description: 'Request Queued', transid: 't-7' } })).toStrictEqual({
				kind: 'queued',
				transid: 't-7',
			});
		});

		it('reads a legacy 1000 without Results as success for the whole request', () => {
			expect(readEnvelope({ response: { code: '1000', description: 'Success', transid: 't-8' } })).toStrictEqual({
				kind: 'results',
				results: [],
				queued: false,
				code: '1000',
				transid: 't-8',
			});
		});

		it('reads legacy errors, object or one-element list', () => {
			expect(readEnvelope({ response: { code: '7001', description: 'Authentication failed', transid: 't-9' } })).toStrictEqual({
				kind: 'error',
				code: '7001',
				description: 'Authentication failed',
				transid: 't-9',
			});
			expect(readEnvelope({ response: [{ code: '7208', description: 'IP not allowed' }] })).toStrictEqual({
				kind: 'error',
				code: '7208',
				description: 'IP not allowed',
				transid: undefined,
			});
		});

		it('reads a legacy envelope without a code as malformed', () => {
			for (const response of [{}, [], null, 'oops', 1000]) {
				expect(readEnvelope({ response })).toEqual(MALFORMED);
			}
			expect(readEnvelope({ response: { description: 'no code', transid: 't' } })).toStrictEqual({
				kind: 'error',
				code: 'MALFORMED',
				description: 'no code',
				transid: 't',
			});
		});
	});

	describe('malformed bodies', () => {
		it('reads anything that is not a JSON object as malformed', () => {
			for (const body of [null, undefined, '<html>Bad gateway</html>', '', 42, true, [], [{ code: '1000' }]]) {
				expect(readEnvelope(body)).toStrictEqual(MALFORMED);
			}
		});

		it('reads objects that fit no envelope as malformed', () => {
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
				expect(readEnvelope(body)).toStrictEqual(MALFORMED);
			}
		});
	});
});
