import type { IDataObject } from 'n8n-workflow';

import { readAttributes } from '../../nodes/Imiconnect/pipeline/input';
import { inputError, reader } from './fakes';



describe('readAttributes', () => {
	const autoMap = (more: Record<string, unknown> = {}) => reader({ attributesMode: 'autoMap', ...more });
	const json = (attributesJson: unknown) => reader({ attributesMode: 'json', attributesJson });
	const define = (ui: IDataObject[], channel: IDataObject[] = []) =>
		reader({ attributesMode: 'define', attributesUi: { attribute: ui }, channelAttributes: { attribute: channel } });

	/** The InputError of reading these attributes, with its ids. */
	const refusal = (read: ReturnType<typeof reader>, item: IDataObject, customerId = 'c1') =>
		inputError(() => readAttributes(read, item, customerId));

	describe('Map Automatically (the item’s fields)', () => {
		it('sends text unchanged, numbers as digits, true/false as 1/0, and leaves null out', () => {
			const attributes = readAttributes(
				autoMap(),
				{ customerId: 'c1', name: 'Ann', note: '', age: 42, score: -1.5, vip: true, optout: false, gone: null },
				'c1',
			);
			expect(attributes).toStrictEqual({ customerId: 'c1', name: 'Ann', note: '', age: '42', score: '-1.5', vip: '1', optout: '0' });
			expect(Object.keys(attributes)).toEqual(['customerId', 'name', 'note', 'age', 'score', 'vip', 'optout']);
		});

		it('is the mode when none is given', () => {
			expect(readAttributes(reader({}), { name: 'Ann' }, 'c1')).toStrictEqual({ name: 'Ann' });
		});

		it('turns true/false into 1/0', () => {
			expect(readAttributes(autoMap(), { sms: true, voice: false }, 'c1')).toStrictEqual({ sms: '1', voice: '0' });
		});

		it('leaves out the Fields to Ignore (comma-separated, trimmed, exact names)', () => {
			expect(
				readAttributes(autoMap({ fieldsToIgnore: ' id, internal ,, ' }), { id: 'x', internal: 'y', Id: 'kept', name: 'Ann' }, 'c1'),
			).toStrictEqual({ Id: 'kept', name: 'Ann' });
		});

		it('reads a changed Fields to Ignore afresh', () => {
			const item = { a: '1', b: '2' };
			expect(readAttributes(autoMap({ fieldsToIgnore: 'a' }), item, 'c1')).toStrictEqual({ b: '2' });
			expect(readAttributes(autoMap({ fieldsToIgnore: 'b' }), item, 'c1')).toStrictEqual({ a: '1' });
			expect(readAttributes(autoMap({ fieldsToIgnore: '' }), item, 'c1')).toStrictEqual({ a: '1', b: '2' });
			expect(readAttributes(autoMap({ fieldsToIgnore: null }), item, 'c1')).toStrictEqual({ a: '1', b: '2' });
		});

		it('accepts a numeric customerId field equal to the Customer ID', () => {
			expect(readAttributes(autoMap(), { customerId: 54321, name: 'Ann' }, '54321')).toStrictEqual({ customerId: '54321', name: 'Ann' });
		});

		it('refuses a field that is not a finite number', () => {
			const error = refusal(autoMap(), { score: NaN });
			expect([error.field, error.problem]).toEqual(['attribute "score"', 'is not a finite number']);
			expect(refusal(autoMap(), { score: Infinity }).message).toBe('attribute "score" is not a finite number');
		});
	});

	describe('Define Below (fields one by one)', () => {
		it('sends the channel attributes, then the others, names trimmed; the item’s own fields are not sent', () => {
			const attributes = readAttributes(
				define(
					[
						{ name: 'name', value: 'Ann' },
						{ name: 'score', value: 7 },
						{ name: 'flag', value: true },
						{ name: 'skip', value: null },
					],
					[{ name: ' status ', value: 'active' }],
				),
				{ customerId: 'c1', fromItem: 'not sent' },
				'c1',
			);
			expect(attributes).toStrictEqual({ status: 'active', name: 'Ann', score: '7', flag: '1' });
			expect(Object.keys(attributes)).toEqual(['status', 'name', 'score', 'flag']);
		});

		it('gives {} when nothing is defined', () => {
			expect(readAttributes(reader({ attributesMode: 'define' }), { name: 'x' }, 'c1')).toStrictEqual({});
			expect(readAttributes(reader({ attributesMode: 'define', attributesUi: { attribute: 'x' } }), {}, 'c1')).toStrictEqual({});
		});

		it('refuses an empty or blank name, and a missing one', () => {
			for (const name of ['', '   ', undefined]) {
				const error = refusal(define([{ name, value: 'x' }]), {});
				expect([error.field, error.problem, error.hint]).toEqual([
					'attribute name',
					'is empty',
					'Give every attribute a name, or remove the empty one.',
				]);
				expect(error.ids).toEqual({ customerId: 'c1' });
			}
		});
	});

	describe('JSON', () => {
		it('reads a JSON text or an object', () => {
			expect(readAttributes(json('{"name":"Ann","n":1.5,"flag":false,"skip":null}'), {}, 'c1')).toStrictEqual({
				name: 'Ann',
				n: '1.5',
				flag: '0',
			});
			expect(readAttributes(json({ name: 'Ann', n: 2 }), {}, 'c1')).toStrictEqual({ name: 'Ann', n: '2' });
		});

		it('gives {} for empty or blank text', () => {
			expect(readAttributes(json(''), {}, 'c1')).toStrictEqual({});
			expect(readAttributes(json('  \n'), {}, 'c1')).toStrictEqual({});
			expect(readAttributes(reader({ attributesMode: 'json' }), {}, 'c1')).toStrictEqual({});
		});

		it('refuses text that is not JSON', () => {
			expect(refusal(json('{name: Ann'), {}).message).toBe('Attributes (JSON) is not valid JSON');
		});

		it('refuses JSON that is not an object', () => {
			for (const value of ['[1,2]', '"text"', 'null', '5', 5, ['a'], null]) {
				expect(refusal(json(value), {}).message).toBe('Attributes (JSON) must be a JSON object of attribute names and values');
			}
		});
	});

	describe('names', () => {
		it('refuses __proto__, constructor and prototype in every mode', () => {
			for (const name of ['__proto__', 'constructor', 'prototype']) {
				const fromJson = refusal(json(`{"ok":"1","${name}":"x"}`), {});
				expect([fromJson.field, fromJson.problem, fromJson.hint]).toEqual([
					`attribute "${name}"`,
					'is not allowed',
					'The name is reserved in JavaScript; IMIconnect attributes cannot use it.',
				]);
				expect(fromJson.ids).toEqual({ customerId: 'c1' });
				expect(refusal(define([{ name: ` ${name} `, value: 'x' }]), {}).message).toBe(`attribute "${name}" is not allowed`);
				expect(refusal(autoMap(), JSON.parse(`{"${name}":"x"}`)).message).toBe(`attribute "${name}" is not allowed`);
			}
		});

		it('refuses an empty or blank field name of the item', () => {
			expect(refusal(autoMap(), { customerId: 'c1', '': 'x' }).message).toBe('attribute name is empty');
			expect(refusal(autoMap(), { customerId: 'c1', ' ': 'x' }).message).toBe('attribute name is empty');
			expect(refusal(json('{" ":"x"}'), {}).message).toBe('attribute name is empty');
		});
	});

	describe('values', () => {
		it('refuses lists and objects, naming the attribute', () => {
			const advice = 'IMIconnect attributes hold text or numbers. Flatten it first or send it as a JSON string';
			expect(refusal(autoMap(), { tags: ['a', 'b'] }).message).toBe(`attribute "tags" is a list; ${advice}`);
			expect(refusal(autoMap(), { address: { city: 'x' } }).message).toBe(`attribute "address" is an object; ${advice}`);
			expect(refusal(json('{"tags":[]}'), {}).message).toBe(`attribute "tags" is a list; ${advice}`);
			expect(refusal(define([{ name: 'address', value: {} }]), {}).message).toBe(`attribute "address" is an object; ${advice}`);
		});

		it('stops at the first bad attribute, in order', () => {
			expect(refusal(autoMap(), { a: [1], b: { c: 1 } }).field).toBe('attribute "a"');
		});
	});

	describe('customerId attribute', () => {
		it('refuses one that differs from the Customer ID, and carries the customer ID on the error', () => {
			const error = refusal(autoMap(), { customerId: 'd', name: 'Ann' }, 'c');
			expect([error.field, error.problem]).toEqual(['attribute "customerId"', '("d") differs from the Customer ID ("c")']);
			expect(error.message).toBe('attribute "customerId" ("d") differs from the Customer ID ("c")');
			expect(error.ids).toEqual({ customerId: 'c' });
		});

		it('compares as text: a number equal to the ID is accepted, a boolean is not', () => {
			expect(readAttributes(json('{"customerId":42}'), {}, '42')).toStrictEqual({ customerId: '42' });
			expect(refusal(json('{"customerId":true}'), {}, 'true').problem).toBe('("1") differs from the Customer ID ("true")');
		});

		it('leaves a null customerId out instead of comparing it', () => {
			expect(readAttributes(json('{"customerId":null,"name":"x"}'), {}, 'c1')).toStrictEqual({ name: 'x' });
		});
	});

	it('refuses an unknown mode', () => {
		expect(refusal(reader({ attributesMode: 'magic' }), { name: 'x' }).message).toBe('Attributes mode "magic" is not known');
	});

	it('carries the customer ID on every attribute error, also when the attributes as a whole cannot be read', () => {
		// The customer is known before the attributes are read, so each error item can name it.
		const cases: Array<[ReturnType<typeof reader>, string]> = [
			[json('{"tags":[1]}'), 'attribute "tags"'],
			[json('{name: Ann'), 'Attributes (JSON)'],
			[json('[1,2]'), 'Attributes (JSON)'],
			[reader({ attributesMode: 'magic' }), 'Attributes'],
		];
		for (const [read, field] of cases) {
			const error = refusal(read, {}, 'c-7');
			expect({ field: error.field, ids: error.ids }).toEqual({ field, ids: { customerId: 'c-7' } });
		}
	});
});
