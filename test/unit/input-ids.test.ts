import { InputError, readId, readPathId } from '../../nodes/Imiconnect/pipeline/input';
import { inputError } from './fakes';

const MAP_HINT =
	'By default it is read from the input item\'s "customerId" field. If your items name it differently, map that field (drag it from the input panel onto the parameter), or type a fixed ID.';

describe('InputError', () => {
	it('names the field first, keeps problem and hint apart, and starts with no IDs', () => {
		const error = new InputError('Customer ID', 'is empty', 'a hint');
		expect(error.message).toBe('Customer ID is empty');
		expect([error.field, error.problem, error.hint]).toEqual(['Customer ID', 'is empty', 'a hint']);
		expect(error.ids).toEqual({});
		expect(new InputError('f', 'p').hint).toBe('');
	});
});

describe('readId', () => {
	it('trims text IDs', () => {
		expect(readId('  54321  ', 'Customer ID')).toBe('54321');
		expect(readId('\t a b \n', 'Customer ID')).toBe('a b');
		expect(readId('c/..?&=#%', 'Customer ID')).toBe('c/..?&=#%');
	});

	it('sends safe whole numbers as their digits', () => {
		expect(readId(54321, 'Customer ID')).toBe('54321');
		expect(readId(0, 'Customer ID')).toBe('0');
		expect(readId(-0, 'Customer ID')).toBe('0');
		expect(readId(-42, 'Customer ID')).toBe('-42');
		expect(readId(1e3, 'Customer ID')).toBe('1000');
		expect(readId(Number.MAX_SAFE_INTEGER, 'Customer ID')).toBe('9007199254740991');
	});

	it('refuses numbers that are not safe integers', () => {
		for (const [value, digits] of [
			[1.5, '1.5'],
			[2 ** 53, '9007199254740992'],
			[Number('12345678901234567890'), '12345678901234567000'],
			[-(2 ** 53), '-9007199254740992'],
		] as Array<[number, string]>) {
			expect(inputError(() => readId(value, 'Customer ID')).message).toBe(
				`Customer ID is the number ${digits}, which cannot be sent without changing it (not a whole number, or too large to keep every digit): send the ID as text`,
			);
		}
	});

	it('refuses NaN and Infinity', () => {
		expect(inputError(() => readId(NaN, 'Customer ID')).message).toBe('Customer ID must be a finite number, got NaN');
		expect(inputError(() => readId(Infinity, 'Customer ID')).message).toBe('Customer ID must be a finite number, got Infinity');
		expect(inputError(() => readId(-Infinity, 'User ID')).message).toBe('User ID must be a finite number, got -Infinity');
	});

	it('refuses a missing ID, with the mapping hint when it is read from an item field', () => {
		for (const value of [undefined, null]) {
			const error = inputError(() => readId(value, 'Customer ID', 'customerId'));
			expect([error.field, error.problem, error.hint]).toEqual(['Customer ID', 'is missing', MAP_HINT]);
			expect(inputError(() => readId(value, 'Customer ID')).hint).toBe('');
		}
	});

	it('refuses empty and blank IDs', () => {
		for (const value of ['', '   ', '\t\n']) {
			const error = inputError(() => readId(value, 'Customer ID', 'customerId'));
			expect([error.message, error.hint]).toEqual(['Customer ID is empty', MAP_HINT]);
		}
	});

	it('refuses lists, naming their length', () => {
		expect(inputError(() => readId(['a', 'b'], 'Customer ID')).message).toBe(
			'Customer ID must be one ID, got a list of 2: use one item per ID',
		);
		expect(inputError(() => readId([], 'Customer ID')).message).toBe('Customer ID must be one ID, got a list of 0: use one item per ID');
	});

	it('refuses objects, booleans and bigints', () => {
		expect(inputError(() => readId({ id: 1 }, 'Customer ID')).message).toBe('Customer ID must be text or a number, got object');
		expect(inputError(() => readId(true, 'Customer ID')).message).toBe('Customer ID must be text or a number, got boolean');
		expect(inputError(() => readId(BigInt(5), 'Customer ID')).message).toBe('Customer ID must be text or a number, got bigint');
	});

	it('refuses control characters inside an ID (C0 and DEL)', () => {
		for (const value of ['a\u0000b', 'a\nb', 'a\tb', 'a\u001fb', 'a\u007fb', 'a\rb']) {
			expect(inputError(() => readId(value, 'Customer ID')).message).toBe('Customer ID contains control characters');
		}
	});

	it('refuses a lone surrogate in an ID', () => {
		const message = 'Customer ID is not well-formed text (it holds half of a character pair): fix it upstream';
		for (const value of ['c-\uD800x', 'c-\uD83D', '\uDC00-c', '\uDE00\uD83D', '\uD83D\uD83D\uDE00']) {
			expect(inputError(() => readId(value, 'Customer ID')).message).toBe(message);
		}
	});

	it('accepts well-formed pairs (emoji) and other Unicode', () => {
		expect(readId('ann-\uD83D\uDE00', 'Customer ID')).toBe('ann-😀');
		expect(readId('Zoë 张', 'Customer ID')).toBe('Zoë 张');
	});
});

describe('readPathId', () => {
	it("refuses '.' and '..' (also after trimming)", () => {
		expect(inputError(() => readPathId('.', 'App ID')).message).toBe('App ID "." cannot be used as an ID');
		expect(inputError(() => readPathId('..', 'Device ID')).message).toBe('Device ID ".." cannot be used as an ID');
		expect(inputError(() => readPathId(' .. ', 'Device ID')).message).toBe('Device ID ".." cannot be used as an ID');
	});

	it('accepts other IDs with dots and slashes (they are percent-encoded as one segment)', () => {
		expect(readPathId('...', 'Device ID')).toBe('...');
		expect(readPathId('./x', 'Device ID')).toBe('./x');
		expect(readPathId('../x', 'Device ID')).toBe('../x');
		expect(readPathId(' .a ', 'Device ID')).toBe('.a');
	});

	it('applies every rule of readId', () => {
		expect(inputError(() => readPathId(undefined, 'Device ID', 'deviceId')).problem).toBe('is missing');
		expect(inputError(() => readPathId('a\u0000', 'Device ID')).problem).toBe('contains control characters');
	});
});
