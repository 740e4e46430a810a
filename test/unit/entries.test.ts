import type { IDataObject } from 'n8n-workflow';

import { customerIdOf, idEntry, queryBytes, recordEntry } from '../../nodes/Imiconnect/operations/entries';
import { BODY_BUDGET, URL_BUDGET } from '../../nodes/Imiconnect/operations/operation';
import { InputError } from '../../nodes/Imiconnect/pipeline/input';
import { inputError, reader } from './fakes';

describe('budgets', () => {
	it('are 7 000 bytes of query and 5 000 000 bytes of body', () => {
		expect(URL_BUDGET).toBe(7000);
		expect(BODY_BUDGET).toBe(5_000_000);
	});
});

describe('queryBytes', () => {
	it('counts `name=`, the percent-encoded ID and `&`', () => {
		expect(queryBytes('customerId', 'abc', 'Customer ID')).toBe(15);
		expect(queryBytes('identifier', 'abc', 'User ID')).toBe(15);
		expect(queryBytes('customerId', 'a b', 'Customer ID')).toBe(17); // a%20b
		expect(queryBytes('customerId', 'é', 'Customer ID')).toBe(18); // %C3%A9
		expect(queryBytes('customerId', '😀', 'Customer ID')).toBe(24); // %F0%9F%98%80
		expect(queryBytes('customerId', 'a/b?c&d=e#f', 'Customer ID')).toBe(12 + 21); // a%2Fb%3Fc%26d%3De%23f
	});

	it('takes an ID that fills the budget exactly, and refuses one byte more', () => {
		expect(queryBytes('customerId', 'x'.repeat(URL_BUDGET - 12), 'Customer ID')).toBe(URL_BUDGET);
		const error = inputError(() => queryBytes('customerId', 'x'.repeat(URL_BUDGET - 11), 'Customer ID'));
		expect(error.message).toBe('Customer ID is too long for a request URL (7001 bytes encoded; at most 7000 fit): check the input');
		expect(error.field).toBe('Customer ID');
	});

	it('counts an encoded multi-byte ID by its encoded length', () => {
		// 1 167 × 'é' = 7 002 encoded bytes + 12 → refused, although only 1 167 characters.
		expect(inputError(() => queryBytes('identifier', 'é'.repeat(1167), 'User ID')).message).toBe(
			'User ID is too long for a request URL (7014 bytes encoded; at most 7000 fit): check the input',
		);
	});

	it("counts the bytes n8n's query encoding sends for ! ' ( ) * (each becomes %XX)", () => {
		// n8n sends the query through qs.stringify, which percent-encodes every character outside
		// A-Z a-z 0-9 - _ . ~ (customerId=a%21%27%28%29%2Ab&), but encodeURIComponent leaves ! ' ( ) * as they are.
		expect(queryBytes('customerId', "a!'()*b", 'Customer ID')).toBe(12 + 17);
		// So an ID of 6 980 '*' passes the 7 000-byte check but puts 20 952 bytes in the URL.
		expect(() => queryBytes('customerId', '*'.repeat(6980), 'Customer ID')).toThrow(InputError);
	});
});

describe('idEntry', () => {
	it('makes a customer ID entry with its query size and IDs', () => {
		expect(idEntry(3, 'c1', 'customer ID', 'links=0')).toStrictEqual({
			itemIndex: 3,
			id: 'c1',
			idName: 'customer ID',
			group: 'links=0',
			alone: false,
			size: 14,
			path: {},
			ids: { customerId: 'c1' },
		});
	});

	it('makes a user ID entry (identifier=) and keeps what it is given', () => {
		expect(idEntry(0, 'u 1', 'user ID', 'app', { alone: true, path: { appId: 'app' }, ids: { appId: 'app', userId: 'u 1' } })).toStrictEqual({
			itemIndex: 0,
			id: 'u 1',
			idName: 'user ID',
			group: 'app',
			alone: true,
			size: 17,
			path: { appId: 'app' },
			ids: { appId: 'app', userId: 'u 1' },
		});
		expect(idEntry(0, 'u', 'user ID', '').ids).toStrictEqual({ userId: 'u' });
	});

	it('refuses an ID too long for a URL, naming the field', () => {
		expect(inputError(() => idEntry(0, 'x'.repeat(7000), 'user ID', '')).field).toBe('User ID');
		expect(inputError(() => idEntry(0, 'x'.repeat(7000), 'customer ID', '')).field).toBe('Customer ID');
	});
});

describe('customerIdOf', () => {
	it('reads the customerId parameter as an ID', () => {
		expect(customerIdOf(reader({ customerId: ' 42 ' }))).toBe('42');
		expect(customerIdOf(reader({ customerId: 42 }))).toBe('42');
	});

	it('names the item field in the hint when it is missing', () => {
		const error = inputError(() => customerIdOf(reader({})));
		expect(error.message).toBe('Customer ID is missing');
		expect(error.hint).toContain('"customerId" field');
	});
});

describe('recordEntry', () => {
	/** The reader of a write whose Customer ID is the item's customerId field, as the default expression reads it. */
	const itemReader = (item: IDataObject, more: Record<string, unknown> = {}) =>
		reader({ customerId: item.customerId, attributesMode: 'autoMap', ...more });

	it('makes the record {customerId, Attributes} and counts its JSON bytes plus a comma', () => {
		const read = reader({ customerId: 'c1', attributesMode: 'json', attributesJson: '{"name":"Zoë"}' });
		expect(recordEntry(read, {}, 5)).toStrictEqual({
			itemIndex: 5,
			id: 'c1',
			idName: 'customer ID',
			group: '',
			alone: false,
			size: 49, // {"customerId":"c1","Attributes":{"name":"Zoë"}}: 47 characters, 48 bytes (ë is 2), and a comma
			record: { customerId: 'c1', Attributes: { name: 'Zoë' } },
			path: {},
			ids: { customerId: 'c1' },
		});
	});

	it('gives app profile records their group, path and appId, and names userId and deviceId in ids', () => {
		const item = { customerId: 'c1', userId: 'u1', deviceId: 'd1', os: 'ios' };
		const result = recordEntry(itemReader(item), item, 0, { group: 'app1', path: { appId: 'app1' } });
		expect(result.group).toBe('app1');
		expect(result.path).toStrictEqual({ appId: 'app1' });
		expect(result.ids).toStrictEqual({ customerId: 'c1', appId: 'app1', userId: 'u1', deviceId: 'd1' });
		expect(result.record).toStrictEqual({ customerId: 'c1', Attributes: { customerId: 'c1', userId: 'u1', deviceId: 'd1', os: 'ios' } });
	});

	it('refuses an update with no attribute, naming the customer', () => {
		const read = reader({ customerId: 'c1', attributesMode: 'json', attributesJson: '{}' });
		const error = inputError(() => recordEntry(read, {}, 0, { requireAttributes: true, path: { appId: 'a1' } }));
		expect(error.message).toBe('Attributes are empty: nothing to update. Give at least one attribute to change');
		expect(error.ids).toStrictEqual({ customerId: 'c1', appId: 'a1' });
		expect(recordEntry(read, {}, 0).record).toStrictEqual({ customerId: 'c1', Attributes: {} });
	});

	it('takes a record that fills the body budget exactly, and refuses one byte more', () => {
		// {"customerId":"c1","Attributes":{"big":""}} is 43 bytes, plus the comma: 44 + the value.
		const fits = { big: 'x'.repeat(BODY_BUDGET - 44) };
		const read = reader({ customerId: 'c1', attributesMode: 'autoMap' });
		expect(recordEntry(read, fits, 0).size).toBe(BODY_BUDGET);
		const over = { big: 'x'.repeat(BODY_BUDGET - 43) };
		const error = inputError(() => recordEntry(read, over, 0));
		expect(error.message).toBe('Attributes make a record of 5000001 bytes; a request body holds at most 5000000');
		expect(error.ids).toStrictEqual({ customerId: 'c1' });
	});

	it('refuses a bad Customer ID before reading the attributes', () => {
		const item = { customerId: 'c\u0000', tags: [1] };
		expect(inputError(() => recordEntry(itemReader(item), item, 0)).message).toBe('Customer ID contains control characters');
	});

	it('accepts an item whose customerId has surrounding spaces in Map Automatically', () => {
		// The Customer ID is trimmed (docs/profile-api.md#records); the same field, auto-mapped as an
		// attribute, must not then be refused as a customerId that "differs" from it.
		const item = { customerId: '  spaced  ', name: 'Ann' };
		const result = recordEntry(itemReader(item), item, 0);
		expect(result.id).toBe('spaced');
		expect(String(result.record?.Attributes.customerId).trim()).toBe('spaced');
	});
});
