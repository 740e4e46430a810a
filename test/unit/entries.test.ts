/**
 * How items become entries (operations/entries.ts), seen where it shows:
 * what the request holds, what the output names, and which input is refused
 * (naming the field) because it cannot fit a request.
 */
import type { IDataObject } from 'n8n-workflow';

import { customerIdOf } from '../../nodes/Imiconnect/operations/entries';
import { getAppProfiles } from '../../nodes/Imiconnect/operations/appProfile/app';
import { createAppProfiles } from '../../nodes/Imiconnect/operations/appProfile/write';
import { createProfiles } from '../../nodes/Imiconnect/operations/profile/create';
import { getProfiles } from '../../nodes/Imiconnect/operations/profile/get';
import { makeBatches } from '../../nodes/Imiconnect/pipeline/batcher';
import { customers, entriesOf, inputError, reader, requestOf, seen } from './fakes';

/** `customerId=` + the encoded ID + `&`: what an ID adds to a request URL, which holds 7 000 such bytes. */
const URL_ROOM = 7000 - 12;

/** How Profile → Get takes a customer ID: 'ok', or the message of the refusal. */
const asCustomer = (id: string) => {
	try {
		customers([id]);
		return 'ok';
	} catch (error) {
		return `${(error as Error).message}`;
	}
};
/** The same for App Profile → Get by user ID (`identifier=`, as long as `customerId=`). */
const asUser = (id: string) => {
	try {
		entriesOf('appProfile', 'get', [{ userId: id }], { appId: 'a1', lookupBy: 'userId' });
		return 'ok';
	} catch (error) {
		return `${(error as Error).message}`;
	}
};
const tooLong = (field: string, bytes: number) =>
	`${field} is too long for a request URL (${bytes} bytes encoded; at most 7000 fit): check the input`;

describe('an ID in a request URL', () => {
	it('counts `name=`, the ID percent-encoded and `&`: takes one that fills the URL exactly, refuses one byte more', () => {
		// Each ID's encoded length, filled up with x to the budget.
		const cases: Array<[string, number]> = [
			['abc', 3],
			['a b', 5], // a%20b
			['é', 6], // %C3%A9
			['😀', 12], // %F0%9F%98%80
			['a/b?c&d=e#f', 21], // a%2Fb%3Fc%26d%3De%23f
		];
		for (const [id, encoded] of cases) {
			expect(asCustomer(id + 'x'.repeat(URL_ROOM - encoded))).toBe('ok');
			expect(asCustomer(id + 'x'.repeat(URL_ROOM - encoded + 1))).toBe(tooLong('Customer ID', 7001));
		}
	});

	it('counts a multi-byte ID by its encoded length, naming the field of the lookup', () => {
		// 1 167 × 'é' = 7 002 encoded bytes + 12 → refused, although only 1 167 characters.
		expect(asUser('é'.repeat(1167))).toBe(tooLong('User ID', 7014));
		expect(asUser('x'.repeat(URL_ROOM))).toBe('ok');
		expect(asUser('x'.repeat(7000))).toBe(tooLong('User ID', 7012));
		expect(inputError(() => customers(['x'.repeat(7000)])).field).toBe('Customer ID');
	});

	it("counts the bytes n8n's query encoding sends for ! ' ( ) * (each becomes %XX)", () => {
		// n8n sends the query through qs.stringify, which percent-encodes every character outside
		// A-Z a-z 0-9 - _ . ~ (customerId=a%21%27%28%29%2Ab&), but encodeURIComponent leaves ! ' ( ) * as they are.
		expect(asCustomer(`a!'()*b${'x'.repeat(URL_ROOM - 17)}`)).toBe('ok');
		expect(asCustomer(`a!'()*b${'x'.repeat(URL_ROOM - 16)}`)).toBe(tooLong('Customer ID', 7001));
		// So an ID of 6 980 '*' is refused: it would put 20 952 bytes in the URL.
		expect(asCustomer('*'.repeat(6980))).toBe(tooLong('Customer ID', 20952));
	});
});

describe('a read entry', () => {
	it('by customer ID goes out in the query, with its parameters, and its output names it', () => {
		const [entry] = customers(['c1'], { showInwardLinks: 1 });
		expect(getProfiles.request([entry])).toEqual({ method: 'GET', url: '/customerprofile', qs: { customerId: ['c1'], showinwardlinks: '1' } });
		expect(seen(getProfiles, [entry], { Records: [] })).toEqual([expect.objectContaining({ error: 'Not found (code 7014) for customer ID "c1"' })]);
	});

	it('by user ID goes out as identifier=, in a request of its own, and its errors name the user and the app', () => {
		const lookups = entriesOf('appProfile', 'get', [{ userId: 'u 1' }, { userId: 'u2' }], { appId: 'app', lookupBy: 'userId' });
		const batches = makeBatches(lookups, { count: 100 });
		expect(batches.map((batch) => requestOf(getAppProfiles, batch.entries))).toEqual([
			{ method: 'GET', url: '/customerappprofile/app', qs: { identifier: 'u 1' } },
			{ method: 'GET', url: '/customerappprofile/app', qs: { identifier: 'u2' } },
		]);
		expect(seen(getAppProfiles, [lookups[0]], { Records: [] })).toEqual([
			expect.objectContaining({ error: 'Not found (code 7014) for user ID "u 1" in app "app"' }),
		]);
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

describe('a write entry', () => {
	/** Entries of a write whose Customer ID is the item's customerId field, as the default expression reads it. */
	const writes = (operation: string, items: IDataObject[], parameters: IDataObject = {}, resource = 'profile') =>
		entriesOf(resource, operation, items, { attributesMode: 'autoMap', ...parameters });

	it('sends the record {customerId, Attributes}', () => {
		const entries = entriesOf('profile', 'create', [{ customerId: 'c1' }], { attributesMode: 'json', attributesJson: '{"name":"Zoë"}' });
		expect(createProfiles.request(entries)).toEqual({
			method: 'POST',
			url: '/customerprofile',
			body: { Records: [{ customerId: 'c1', Attributes: { name: 'Zoë' } }] },
		});
	});

	it('of an app profile goes to its app, and its output names the user and device of its record', () => {
		const item = { customerId: 'c1', userId: 'u1', deviceId: 'd1', os: 'ios' };
		const entries = writes('create', [item], { appId: 'app1' }, 'appProfile');
		expect(createAppProfiles.request(entries)).toEqual({
			method: 'POST',
			url: '/customerappprofile/app1',
			body: { Records: [{ customerId: 'c1', Attributes: { customerId: 'c1', userId: 'u1', deviceId: 'd1', os: 'ios' } }] },
		});
		const body = { code: '1000', transid: 't', Results: [{ customerId: 'c1', code: '1000' }] };
		expect(seen(createAppProfiles, entries, body)).toEqual([
			{ json: [{ customerId: 'c1', appId: 'app1', userId: 'u1', deviceId: 'd1', status: 'created', code: '1000', transid: 't' }] },
		]);
	});

	it('of an update with no attribute is refused, naming the customer (and app); a create may have none', () => {
		const empty = { attributesMode: 'json', attributesJson: '{}' };
		const error = inputError(() => entriesOf('appProfile', 'update', [{ customerId: 'c1' }], { ...empty, appId: 'a1' }));
		expect(error.message).toBe('Attributes are empty: nothing to update. Give at least one attribute to change');
		expect(error.ids).toStrictEqual({ customerId: 'c1', appId: 'a1' });
		expect(inputError(() => entriesOf('profile', 'update', [{ customerId: 'c1' }], empty)).ids).toStrictEqual({ customerId: 'c1' });
		const create = entriesOf('profile', 'create', [{ customerId: 'c1' }], empty);
		expect(createProfiles.request(create).body).toEqual({ Records: [{ customerId: 'c1', Attributes: {} }] });
	});

	it('counts its UTF-8 JSON bytes and a comma: takes a record that fills the body exactly, refuses one byte more', () => {
		// {"customerId":"c1","Attributes":{"customerId":"c1","big":""}} is 61 bytes, plus the comma: 62 + the value (ë is 2).
		const room = 5_000_000 - 62;
		const [fits] = writes('create', [{ customerId: 'c1', big: `ë${'x'.repeat(room - 2)}` }]);
		expect(makeBatches([fits], { count: 100 })[0].bytes).toBe(5_000_000);
		const error = inputError(() => writes('create', [{ customerId: 'c1', big: `ë${'x'.repeat(room - 1)}` }]));
		expect(error.message).toBe('Attributes make a record of 5000001 bytes; a request body holds at most 5000000');
		expect(error.field).toBe('Attributes');
		expect(error.ids).toStrictEqual({ customerId: 'c1' });
	});

	it('refuses a bad Customer ID before reading the attributes', () => {
		expect(inputError(() => writes('create', [{ customerId: 'c\u0000', tags: [1] }])).message).toBe('Customer ID contains control characters');
	});

	it('accepts an item whose customerId has surrounding spaces in Map Automatically', () => {
		// The Customer ID is trimmed (docs/profile-api.md#records); the same field, auto-mapped as an
		// attribute, must not then be refused as a customerId that "differs" from it.
		const entries = writes('create', [{ customerId: '  spaced  ', name: 'Ann' }]);
		expect(createProfiles.request(entries).body).toEqual({ Records: [{ customerId: 'spaced', Attributes: { customerId: 'spaced', name: 'Ann' } }] });
	});
});
