import type { IDataObject } from 'n8n-workflow';

import { attributeText, flattenAttributes, flattenRecord } from '../../nodes/Imiconnect/pipeline/flatten';

describe('flattenAttributes', () => {
	it('turns [{Name, Value, ID}] into {Name: Value}, values as the API sent them', () => {
		expect(
			flattenAttributes([
				{ Name: 'email', Value: 'ann@example.com', ID: 8575 },
				{ Name: 'age', Value: 42, ID: 8576 },
				{ Name: 'note', Value: '', ID: 8577 },
				{ Name: 'gone', Value: null, ID: 8578 },
			]),
		).toStrictEqual({ email: 'ann@example.com', age: 42, note: '', gone: null });
	});

	it('gives {} for anything that is not a list', () => {
		for (const value of [undefined, null, 'text', 5, { Name: 'a', Value: 'b' }]) {
			expect(flattenAttributes(value)).toStrictEqual({});
		}
	});

	it('skips entries that are not objects or have no text name', () => {
		expect(
			flattenAttributes([null, 'email', 7, { Value: 'no name' }, { Name: 12, Value: 'numeric name' }, { Name: 'ok', Value: 'v' }]),
		).toStrictEqual({ ok: 'v' });
	});

	it('lets a later attribute of the same name win', () => {
		expect(flattenAttributes([{ Name: 'a', Value: '1' }, { Name: 'a', Value: '2' }])).toStrictEqual({ a: '2' });
	});

	it('skips names that would reach the prototype (__proto__, constructor, prototype)', () => {
		const attributes = JSON.parse(
			'[{"Name":"__proto__","Value":{"polluted":"yes"}},{"Name":"constructor","Value":"c"},{"Name":"prototype","Value":"p"},{"Name":"ok","Value":"v"}]',
		);
		const flat = flattenAttributes(attributes);
		expect(flat).toStrictEqual({ ok: 'v' });
		expect(Object.getPrototypeOf(flat)).toBe(Object.prototype);
		expect((flat as { polluted?: unknown }).polluted).toBeUndefined();
		expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
	});

	it('keeps attributes with ordinary names such as caller, arguments or binding', () => {
		// The node accepts these names on writes (docs/profile-api.md#records refuses only
		// __proto__, constructor and prototype), so a Get must show them too.
		expect(
			flattenAttributes([
				{ Name: 'caller', Value: '+4915100000' },
				{ Name: 'arguments', Value: 'x' },
				{ Name: 'binding', Value: 'contract-7' },
				{ Name: 'name', Value: 'Ann' },
			]),
		).toStrictEqual({ caller: '+4915100000', arguments: 'x', binding: 'contract-7', name: 'Ann' });
	});
});

describe('flattenRecord', () => {
	it('flattens the attributes and leaves out empty or missing links', () => {
		expect(
			flattenRecord({ Attributes: [{ Name: 'customerId', Value: '54321', ID: 1 }], InwardLinks: [], OutwardLinks: 'none' }),
		).toStrictEqual({ customerId: '54321' });
	});

	it('turns links into {profileId, profileName, records}, ProfileID or ProfileId', () => {
		const record: IDataObject = {
			Attributes: [{ Name: 'customerId', Value: 'c1', ID: 1 }],
			InwardLinks: [
				{
					ProfileID: 3030,
					ProfileName: 'App profile',
					Records: [
						[
							{ Name: 'deviceId', Value: 'd1', ID: 5 },
							{ Name: 'os', Value: 'ios', ID: 6 },
						],
						[{ Name: 'deviceId', Value: 'd2', ID: 5 }],
					],
				},
				null,
				'junk',
			],
			OutwardLinks: [{ ProfileId: 7, ProfileName: 'Master', Records: [[{ Name: 'email', Value: 'a@b.c', ID: 9 }]] }],
		};
		expect(flattenRecord(record)).toStrictEqual({
			customerId: 'c1',
			inwardLinks: [
				{ profileId: 3030, profileName: 'App profile', records: [{ deviceId: 'd1', os: 'ios' }, { deviceId: 'd2' }] },
			],
			outwardLinks: [{ profileId: 7, profileName: 'Master', records: [{ email: 'a@b.c' }] }],
		});
	});

	it("keeps a link's other fields with a lower-case first letter, and gives records [] when they are not a list", () => {
		expect(
			flattenRecord({ Attributes: [], InwardLinks: [{ ProfileID: 1, ProfileName: 'p', AppId: 'a_1', Channel: 'rt', Records: 'x' }] }),
		).toStrictEqual({ inwardLinks: [{ profileId: 1, profileName: 'p', appId: 'a_1', channel: 'rt', records: [] }] });
	});

	it('prefers ProfileID over ProfileId, and leaves both out as undefined when missing', () => {
		const [withBoth] = flattenRecord({ OutwardLinks: [{ ProfileID: 1, ProfileId: 2, ProfileName: 'n' }] }).outwardLinks as IDataObject[];
		expect(withBoth).toStrictEqual({ profileId: 1, profileName: 'n', records: [] });
		const [withNone] = flattenRecord({ OutwardLinks: [{}] }).outwardLinks as IDataObject[];
		expect(withNone).toStrictEqual({ profileId: undefined, profileName: undefined, records: [] });
	});

	it("does not let a link's __proto__ field replace the output's prototype", () => {
		const record = JSON.parse('{"Attributes":[],"InwardLinks":[{"ProfileID":1,"ProfileName":"p","__proto__":{"polluted":"yes"}}]}');
		const [link] = flattenRecord(record).inwardLinks as IDataObject[];
		expect(Object.getPrototypeOf(link)).toBe(Object.prototype);
		expect(link.polluted).toBeUndefined();
	});
});

describe('attributeText', () => {
	const record: IDataObject = {
		Attributes: [
			{ Name: 'customerId', Value: 54321, ID: 1 },
			{ Name: 'userId', Value: null, ID: 2 },
			{ Name: 'email', Value: 'a@b.c', ID: 3 },
			{ Name: 'email', Value: 'second@b.c', ID: 4 },
			null,
		],
	};

	it('gives a value as text (numbers too), the first of its name', () => {
		expect(attributeText(record, 'customerId')).toBe('54321');
		expect(attributeText(record, 'email')).toBe('a@b.c');
	});

	it('gives undefined for a null or missing value, or no attribute list', () => {
		expect(attributeText(record, 'userId')).toBeUndefined();
		expect(attributeText(record, 'deviceId')).toBeUndefined();
		expect(attributeText({ Attributes: { customerId: 'c' } }, 'customerId')).toBeUndefined();
		expect(attributeText({}, 'customerId')).toBeUndefined();
	});

	it('compares names exactly (case matters)', () => {
		expect(attributeText(record, 'CustomerId')).toBeUndefined();
	});
});
