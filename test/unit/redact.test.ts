import { keyRedactor, REDACTED } from '../../nodes/Imiconnect/pipeline/redact';

const KEY = 'k3y-8f2a-secret';

describe('keyRedactor', () => {
	const hide = keyRedactor(KEY);

	it('says "[profile key hidden]" instead', () => {
		expect(REDACTED).toBe('[profile key hidden]');
	});

	it('hides the profile key in text, every time it appears', () => {
		expect(hide(`header key: ${KEY} refused; key=${KEY}`)).toBe('header key: [profile key hidden] refused; key=[profile key hidden]');
		expect(hide(KEY)).toBe('[profile key hidden]');
	});

	it('hides the profile key in nested JSON, keys included, and leaves other values alone', () => {
		const body = {
			response: { code: '7001', description: `Invalid key ${KEY}`, transid: 't-1' },
			list: [`a${KEY}b`, 5, null, true, { deep: [[KEY]] }],
			[`x-${KEY}`]: 'header',
			count: 0,
			missing: undefined,
		};
		expect(hide(body)).toStrictEqual({
			response: { code: '7001', description: 'Invalid key [profile key hidden]', transid: 't-1' },
			list: ['a[profile key hidden]b', 5, null, true, { deep: [['[profile key hidden]']] }],
			'x-[profile key hidden]': 'header',
			count: 0,
			missing: undefined,
		});
	});

	it('hides the profile key in a JSON text as well', () => {
		expect(hide(JSON.stringify({ headers: { key: KEY } }))).toBe('{"headers":{"key":"[profile key hidden]"}}');
	});

	it('returns a copy and leaves the original as it was', () => {
		const body = { description: KEY, list: [KEY] };
		const hidden = hide(body);
		expect(body).toStrictEqual({ description: KEY, list: [KEY] });
		expect(hidden).not.toBe(body);
	});

	it('leaves text without the key, and other values, unchanged', () => {
		expect(hide('all fine')).toBe('all fine');
		expect(hide(42)).toBe(42);
		expect(hide(null)).toBeNull();
		expect(hide(undefined)).toBeUndefined();
		expect(hide('k3y-8f2a-secre')).toBe('k3y-8f2a-secre');
	});

	it('matches the key literally, regular expression characters and all', () => {
		const odd = keyRedactor('a.b*c+(d)');
		expect(odd('xa.b*c+(d)y')).toBe('x[profile key hidden]y');
		expect(odd('aXbbbc+(d)')).toBe('aXbbbc+(d)');
	});

	it('hides a key of exactly 4 characters', () => {
		expect(keyRedactor('abcd')('xabcdx')).toBe('x[profile key hidden]x');
	});

	it('does not search for keys shorter than 4 characters (they would match ordinary words)', () => {
		const short = keyRedactor('abc');
		const body = { text: 'abc abc' };
		expect(short(body)).toBe(body);
		expect(short('abcdef')).toBe('abcdef');
		expect(keyRedactor('')('some text')).toBe('some text');
	});
});
