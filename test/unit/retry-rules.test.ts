/**
 * Which answers are worth another try, and whether a write may have been
 * applied although its answer says otherwise (pipeline/retry-rules.ts): one
 * test per rule, for whole requests and for the records of a 1002.
 */
import {
	classifyAnswer,
	classifyRecord,
	nextPollDelayMs,
	recordRetryDelayMs,
	retryDelayMs,
} from '../../nodes/Imiconnect/pipeline/retry-rules';

const WRITES = ['POST', 'PUT', 'DELETE'];
const ALL = ['GET', ...WRITES];

describe('classifyAnswer', () => {
	it('throttles HTTP 429 and code 7020, whatever else the answer says, and never counts them applied', () => {
		for (const method of ALL) {
			for (const [status, code] of [[429, undefined], [429, '7006'], [429, 'MALFORMED'], [200, '7020'], [500, '7020'], [403, '7020']] as const) {
				expect(classifyAnswer(status, code, method)).toEqual({ verdict: 'throttled', mayHaveApplied: false });
			}
		}
	});

	it('retries server faults (7006, 7016, HTTP 5xx), lost connections and timeouts; a write may have been applied, a read not', () => {
		const transient: Array<[number, string | undefined]> = [
			[200, '7006'],
			[500, '7006'],
			[200, '7016'],
			[500, undefined],
			[502, 'HTTP_ERROR'],
			[503, 'MALFORMED'],
			[599, '7014'],
			[0, 'NETWORK'],
			[0, 'TIMEOUT'],
			[200, 'MALFORMED'],
		];
		for (const [status, code] of transient) {
			for (const method of WRITES) expect(classifyAnswer(status, code, method)).toEqual({ verdict: 'transient', mayHaveApplied: true });
			expect(classifyAnswer(status, code, 'GET')).toEqual({ verdict: 'transient', mayHaveApplied: false });
		}
	});

	it('gives up at once on an unreadable 4xx answer (a wrong base URL, a proxy page): it will not change', () => {
		for (const status of [400, 401, 404, 499]) {
			for (const method of ALL) expect(classifyAnswer(status, 'MALFORMED', method)).toEqual({ verdict: 'final', mayHaveApplied: false });
		}
	});

	it('gives up on every other answer, counting none of them applied', () => {
		const final: Array<[number, string | undefined]> = [
			[401, '7001'],
			[400, '7003'],
			[404, '7014'],
			[200, '7203'],
			[409, '7015'],
			[400, '7012'],
			[200, 'WRONG_RECORD'],
			[200, 'MISSING_RESULT'],
			[200, '9999'],
			[400, undefined],
			[200, '1000'],
		];
		for (const [status, code] of final) {
			for (const method of ALL) expect(classifyAnswer(status, code, method)).toEqual({ verdict: 'final', mayHaveApplied: false });
		}
	});
});

describe('classifyRecord', () => {
	it('sends a throttled (7020) or transient (7006, 7016) record again; a write of it may have been applied', () => {
		expect(classifyRecord('7020', 'POST')).toEqual({ verdict: 'throttled', mayHaveApplied: true });
		for (const code of ['7006', '7016']) {
			for (const method of WRITES) expect(classifyRecord(code, method)).toEqual({ verdict: 'transient', mayHaveApplied: true });
		}
	});

	it('never counts a read applied', () => {
		expect(classifyRecord('7020', 'GET')).toEqual({ verdict: 'throttled', mayHaveApplied: false });
		expect(classifyRecord('7006', 'GET')).toEqual({ verdict: 'transient', mayHaveApplied: false });
	});

	it('leaves every other record code final and not applied, 72xx variants included', () => {
		for (const code of ['7014', '7203', '7015', '7209', '7011', '7205', '7017', '7018', '7212', '9999', 'MISSING_RESULT']) {
			for (const method of ALL) expect(classifyRecord(code, method)).toEqual({ verdict: 'final', mayHaveApplied: false });
		}
	});
});

describe('delays', () => {
	const random = jest.spyOn(Math, 'random');
	afterEach(() => random.mockReset());
	afterAll(() => random.mockRestore());

	it("waits what the server's Retry-After says, when it said something", () => {
		random.mockReturnValue(0.5);
		expect(retryDelayMs(0, 1234)).toBe(1234);
		expect(retryDelayMs(7, 0)).toBe(0);
	});

	it('else draws the wait from 0 up to 500 ms doubled per attempt, capped at 10 s (full jitter)', () => {
		random.mockReturnValue(0);
		expect(retryDelayMs(3)).toBe(0);
		random.mockReturnValue(0.999999);
		const longest = [0, 1, 2, 3, 4, 5, 10].map((attempt) => Math.round(retryDelayMs(attempt)));
		expect(longest).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
	});

	it('waits up to 250 ms doubled per round before each per-record round after a 1002', () => {
		random.mockReturnValue(0.999999);
		expect([0, 1, 2, 3].map((round) => Math.round(recordRetryDelayMs(round)))).toEqual([250, 500, 1000, 2000]);
		random.mockReturnValue(0);
		expect(recordRetryDelayMs(2)).toBe(0);
	});

	it('polls a queued write after 250 ms, doubling up to 5 s', () => {
		const delays: number[] = [];
		let previous: number | undefined;
		for (let poll = 0; poll < 8; poll++) delays.push((previous = nextPollDelayMs(previous)));
		expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
	});
});
