import { codeInfo, isCode, type CodeKind } from '../../nodes/Imiconnect/pipeline/codes';

describe('codeInfo', () => {
	it('gives each code its kind (docs/profile-api.md#codes): throttled and transient failures are worth a retry, final ones not', () => {
		const kinds: Record<string, CodeKind> = {
			'1000': 'success',
			'1001': 'queued',
			'1002': 'partial',
			'7000': 'final',
			'7001': 'final',
			'7002': 'final',
			'7003': 'final',
			'7004': 'final',
			'7006': 'transient',
			'7010': 'final',
			'7011': 'final',
			'7012': 'final',
			'7013': 'final',
			'7014': 'final',
			'7015': 'final',
			'7016': 'transient',
			'7017': 'final',
			'7018': 'final',
			'7020': 'throttled',
			'7203': 'final',
			'7205': 'final',
			'7206': 'final',
			'7207': 'final',
			'7208': 'final',
			'7209': 'final',
			'7211': 'final',
			'7212': 'final',
			'7600': 'pending',
			NETWORK: 'transient',
			TIMEOUT: 'transient',
			HTTP_ERROR: 'transient',
			MALFORMED: 'transient',
			MISSING_RESULT: 'final',
			WRONG_RECORD: 'final',
		};
		const actual = Object.fromEntries(Object.keys(kinds).map((code) => [code, codeInfo(code).kind]));
		expect(actual).toEqual(kinds);
	});

	it('gives each 72xx code the very entry of its 70xx code', () => {
		const pairs: Array<[string, string]> = [
			['7203', '7014'],
			['7205', '7011'],
			['7206', '7013'],
			['7207', '7012'],
			['7208', '7010'],
			['7209', '7015'],
			['7211', '7017'],
			['7212', '7018'],
		];
		for (const [alias, base] of pairs) expect(codeInfo(alias)).toBe(codeInfo(base));
	});

	it('gives the meanings users read', () => {
		expect(codeInfo('7001').meaning).toBe('Authentication failed');
		expect(codeInfo('7208').meaning).toBe('Source IP is not allow-listed');
		expect(codeInfo('7203').meaning).toBe('Not found');
		expect(codeInfo('7209').meaning).toBe('Already exists');
		expect(codeInfo('7207').meaning).toBe('Batch size limit (100) exceeded');
		expect(codeInfo('7020').meaning).toBe('Rate limit reached');
		expect(codeInfo('7600').meaning).toBe('No result yet');
		expect(codeInfo('7010').hint).toBe(
			'Add the IP address of your n8n instance to the allowed IPs in IMIconnect Tenant Settings.',
		);
	});

	it('fails an unknown or missing code as "Unexpected answer"', () => {
		const unknown = {
			kind: 'final',
			meaning: 'Unexpected answer',
			hint: 'IMIconnect answered with a code this node does not know.',
		};
		for (const code of [undefined, '', '9999', '7005', '7019', '7204', '7210', '1003', 'success', ' 1000', '1000.0']) {
			expect(codeInfo(code)).toEqual(unknown);
		}
	});

	it('treats names of Object properties as unknown codes', () => {
		for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
			expect(codeInfo(code).meaning).toBe('Unexpected answer');
		}
	});
});

describe('isCode', () => {
	it('matches a code and its 72xx alias to the base', () => {
		expect(isCode('7014', '7014')).toBe(true);
		expect(isCode('7203', '7014')).toBe(true);
		expect(isCode('7015', '7015')).toBe(true);
		expect(isCode('7209', '7015')).toBe(true);
		expect(isCode('7018', '7018')).toBe(true);
		expect(isCode('7212', '7018')).toBe(true);
		expect(isCode('7600', '7600')).toBe(true);
	});

	it('does not match other codes, or none', () => {
		expect(isCode('7015', '7014')).toBe(false);
		expect(isCode('7209', '7014')).toBe(false);
		expect(isCode('7203', '7015')).toBe(false);
		expect(isCode('7014', '7600')).toBe(false);
		expect(isCode(undefined, '7014')).toBe(false);
		expect(isCode('constructor', '7014')).toBe(false);
	});
});
