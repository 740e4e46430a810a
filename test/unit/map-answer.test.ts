import type { IDataObject } from 'n8n-workflow';

import { mapAnswer, type Answer, type Envelope } from '../../nodes/Imiconnect/pipeline/answers';
import { entry } from './fakes';


describe('mapAnswer', () => {
	const answer = (envelope: Envelope, statusCode = 200): Answer => ({ statusCode, envelope, body: {} });
	const results = (list: IDataObject[], more: Partial<Envelope & { kind: 'results' }> = {}): Envelope => ({
		kind: 'results',
		results: list,
		queued: false,
		code: '1000',
		transid: 't',
		...more,
	});
	const ok = (result: IDataObject) => ({ type: 'results', results: [result], transid: 't', queued: false, status: 'created' });
	const failure = (code: string, apiDescription = '', httpCode = 200, transid: string | undefined = 't') => ({
		type: 'failure',
		failure: { code, apiDescription, httpCode, transid },
	});

	describe('results', () => {
		it('matches results to records by position when the customer IDs agree, and by customer ID otherwise', () => {
			const r1 = { customerId: 'c1', code: '1000', description: 'SUCCESS' };
			const r2 = { customerId: 'c2', code: '1000', description: 'SUCCESS' };
			const r3 = { customerId: 'c3', code: '1000', description: 'SUCCESS' };
			const entries = [entry('c1'), entry('c2'), entry('c3')];
			expect(mapAnswer('results', 'created', entries, answer(results([r1, r3, r2])))).toEqual([ok(r1), ok(r2), ok(r3)]);
			expect(mapAnswer('results', 'created', entries, answer(results([r1, r2, r3])))).toEqual([ok(r1), ok(r2), ok(r3)]);
		});

		it('matches numeric customer IDs as text', () => {
			const result = { customerId: 54321, code: 1000 };
			expect(mapAnswer('results', 'created', [entry('54321'), entry('x')], answer(results([{ customerId: 'x', code: '1000' }, result])))).toEqual([
				ok(result),
				ok({ customerId: 'x', code: '1000' }),
			]);
		});

		it('fails a record whose own result failed (partial success), keeping the API description and transid', () => {
			const envelope = results(
				[
					{ customerId: 'c1', code: '1000', description: 'SUCCESS' },
					{ customerId: 'c2', code: '7015', description: 'Customer already exists' },
				],
				{ code: '1002' },
			);
			expect(mapAnswer('results', 'created', [entry('c1'), entry('c2')], answer(envelope, 207))).toEqual([
				{ ...ok({ customerId: 'c1', code: '1000', description: 'SUCCESS' }) },
				failure('7015', 'Customer already exists', 207),
			]);
		});

		it('fails a record that has no result with MISSING_RESULT', () => {
			const r1 = { customerId: 'c1', code: '1000' };
			expect(mapAnswer('results', 'updated', [entry('c1'), entry('c2')], answer(results([r1])))).toEqual([
				{ ...ok(r1), status: 'updated' },
				failure('MISSING_RESULT'),
			]);
			// Results without customer IDs cannot be matched.
			expect(mapAnswer('results', 'updated', [entry('c1'), entry('c2')], answer(results([{ code: '1000' }, { code: '1000' }])))).toEqual([
				failure('MISSING_RESULT'),
				failure('MISSING_RESULT'),
			]);
		});

		it('treats a result without a code as a failure MALFORMED', () => {
			expect(mapAnswer('results', 'created', [entry('c1'), entry('c2')], answer(results([{ customerId: 'c1' }, { customerId: 'c2', code: '1000' }])))).toEqual([
				failure('MALFORMED'),
				ok({ customerId: 'c2', code: '1000' }),
			]);
		});

		it('lets a lone entry own every result, failing only when all of them failed', () => {
			const mixed = [
				{ customerId: 'a', code: '7014', description: 'not found' },
				{ customerId: 'b', code: '1000', description: 'SUCCESS' },
			];
			const lone = [entry('u1', { idName: 'user ID' })];
			expect(mapAnswer('results', 'deleted', lone, answer(results(mixed)))).toEqual([
				{ type: 'results', results: mixed, transid: 't', queued: false, status: 'deleted' },
			]);
			const allFailed = [
				{ customerId: 'a', code: '7014', description: 'not found' },
				{ customerId: 'b', code: '7016', description: 'unknown' },
			];
			expect(mapAnswer('results', 'deleted', lone, answer(results(allFailed)))).toEqual([failure('7014', 'not found')]);
		});

		it('gives a bare success without results to every entry', () => {
			const envelope = results([], { transid: 't-x' });
			expect(mapAnswer('results', 'created', [entry('c1'), entry('c2')], answer(envelope))).toEqual([
				{ type: 'results', results: [{ code: '1000' }], transid: 't-x', queued: false, status: 'created' },
				{ type: 'results', results: [{ code: '1000' }], transid: 't-x', queued: false, status: 'created' },
			]);
		});

		it('marks every outcome of a queued results envelope as queued, and counts queued results as not failed', () => {
			const queued = results([{ customerId: 'c1', code: '1001' }], { queued: true });
			expect(mapAnswer('results', 'created', [entry('c1'), entry('c2')], answer(queued))).toEqual([
				{ type: 'results', results: [{ customerId: 'c1', code: '1001' }], transid: 't', queued: true, status: 'created' },
				failure('MISSING_RESULT'),
			]);
		});
	});

	describe('records', () => {
		const record = (attributes: Record<string, unknown>) => ({
			Attributes: Object.entries(attributes).map(([Name, Value], ID) => ({ Name, Value, ID })),
		});

		it('gives each entry the records that carry its customer ID, never by position', () => {
			const c2 = record({ customerId: 'c2', name: 'B' });
			const c1a = record({ customerId: 'c1', deviceId: 'd1' });
			const c1b = record({ customerId: 'c1', deviceId: 'd2' });
			const envelope: Envelope = { kind: 'records', records: [c2, c1a, c1b] };
			expect(mapAnswer('records', 'found', [entry('c1'), entry('c2'), entry('c3')], answer(envelope))).toEqual([
				{ type: 'records', records: [c1a, c1b] },
				{ type: 'records', records: [c2] },
				{ type: 'failure', failure: { code: '7014', apiDescription: '', httpCode: 200 } },
			]);
		});

		it('matches a numeric customerId value as text, and user ID entries by userId', () => {
			const numeric = record({ customerId: 54321 });
			const byUser = record({ customerId: 'c9', userId: 'u1' });
			expect(mapAnswer('records', 'found', [entry('54321')], answer({ kind: 'records', records: [numeric] }))).toEqual([
				{ type: 'records', records: [numeric] },
			]);
			expect(mapAnswer('records', 'found', [entry('u1', { idName: 'user ID' })], answer({ kind: 'records', records: [byUser] }))).toEqual([
				{ type: 'records', records: [byUser] },
			]);
		});

		it('fails a lone entry answered only with records of other IDs as WRONG_RECORD, and an empty answer as 7014', () => {
			const other = record({ customerId: 'someone-else' });
			expect(mapAnswer('records', 'found', [entry('c1')], answer({ kind: 'records', records: [other] }))).toEqual([
				{ type: 'failure', failure: { code: 'WRONG_RECORD', apiDescription: '', httpCode: 200 } },
			]);
			expect(mapAnswer('records', 'found', [entry('c1')], answer({ kind: 'records', records: [] }))).toEqual([
				{ type: 'failure', failure: { code: '7014', apiDescription: '', httpCode: 200 } },
			]);
		});
	});

	it('fails every entry with the code of an error envelope', () => {
		const envelope: Envelope = { kind: 'error', code: '7001', description: 'Authentication failed', transid: 't-e' };
		expect(mapAnswer('results', 'created', [entry('c1'), entry('c2')], answer(envelope, 401))).toEqual([
			failure('7001', 'Authentication failed', 401, 't-e'),
			failure('7001', 'Authentication failed', 401, 't-e'),
		]);
	});

	it('marks every entry of a legacy queued answer as queued with its transid', () => {
		expect(mapAnswer('results', 'deleted', [entry('c1'), entry('c2')], answer({ kind: 'queued', transid: 't-q' }, 202))).toEqual([
			{ type: 'results', results: [{ code: '1001', description: 'QUEUED' }], transid: 't-q', queued: true, status: 'deleted' },
			{ type: 'results', results: [{ code: '1001', description: 'QUEUED' }], transid: 't-q', queued: true, status: 'deleted' },
		]);
	});

	it('fails an answer of the wrong envelope for the operation as MALFORMED', () => {
		const malformed = { type: 'failure', failure: { code: 'MALFORMED', apiDescription: '', httpCode: 200 } };
		expect(mapAnswer('results', 'created', [entry('c1')], answer({ kind: 'records', records: [] }))).toEqual([malformed]);
		expect(mapAnswer('records', 'found', [entry('c1')], answer(results([{ customerId: 'c1', code: '1000' }])))).toEqual([malformed]);
	});
});
