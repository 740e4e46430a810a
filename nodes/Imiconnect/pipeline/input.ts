import type { IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import type { ParamReader } from './types';

/**
 * Bad input for one item: the field it is about and what is wrong with it.
 * `ids` holds the IDs already read (e.g. the customer ID of a record whose
 * attribute is wrong), so the error item can name the customer.
 */
export class InputError extends Error {
	ids: IDataObject = {};

	constructor(
		readonly field: string,
		readonly problem: string,
		/** What the user can do about it, where the problem alone does not say. */
		readonly hint = '',
	) {
		super(`${field} ${problem}`);
	}
}

// A lone half of a UTF-16 surrogate pair: encoding it would yield a different, valid ID.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * An ID as text: strings (trimmed) and whole numbers that keep all their
 * digits; anything else is an input error naming the field. `inputField` is
 * the item field the default expression reads, named when the ID is missing.
 */
export function readId(value: unknown, field: string, inputField?: string): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new InputError(field, `must be a finite number, got ${value}`);
		if (!Number.isSafeInteger(value)) {
			throw new InputError(
				field,
				`is the number ${value}, which cannot be sent without changing it (not a whole number, or too large to keep every digit): send the ID as text`,
			);
		}
		return String(value);
	}
	if (typeof value !== 'string') {
		if (value === undefined || value === null) throw new InputError(field, 'is missing', mapHint(inputField));
		if (Array.isArray(value)) {
			throw new InputError(field, `must be one ID, got a list of ${value.length}: use one item per ID`);
		}
		throw new InputError(field, `must be text or a number, got ${typeof value}`);
	}
	const id = value.trim();
	if (id === '') throw new InputError(field, 'is empty', mapHint(inputField));
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(id)) throw new InputError(field, 'contains control characters');
	if (LONE_SURROGATE.test(id)) {
		throw new InputError(field, 'is not well-formed text (it holds half of a character pair): fix it upstream');
	}
	return id;
}

/** For an ID read by default from the item's field of that name: how to give it another way. */
function mapHint(inputField: string | undefined): string {
	if (!inputField) return '';
	return `By default it is read from the input item's "${inputField}" field. If your items name it differently, map that field (drag it from the input panel onto the parameter), or type a fixed ID.`;
}

/** An ID that goes into a URL path: `.` and `..` would change the path even when encoded. */
export function readPathId(value: unknown, field: string, inputField?: string): string {
	const id = readId(value, field, inputField);
	if (id === '.' || id === '..') throw new InputError(field, `"${id}" cannot be used as an ID`);
	return id;
}

/** Names reserved in JavaScript: never written, and never shown by a read (flatten.ts). */
export const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function checkName(name: string): InputError | undefined {
	if (name.trim() === '') return new InputError('attribute name', 'is empty', 'Give every attribute a name, or remove the empty one.');
	if (RESERVED_NAMES.has(name)) {
		return new InputError(`attribute "${name}"`, 'is not allowed', 'The name is reserved in JavaScript; IMIconnect attributes cannot use it.');
	}
	return undefined;
}

/** Why a value cannot be an attribute: lists, objects and numbers that are not finite. */
function checkValue(value: unknown, name: string): InputError | undefined {
	if (typeof value === 'number' && !Number.isFinite(value)) {
		return new InputError(`attribute "${name}"`, 'is not a finite number');
	}
	if (value === null || typeof value !== 'object') return undefined;
	const kind = Array.isArray(value) ? 'a list' : 'an object';
	return new InputError(
		`attribute "${name}"`,
		`is ${kind}; IMIconnect attributes hold text or numbers. Flatten it first or send it as a JSON string`,
	);
}

/** Attribute values go out as text: numbers as digits, booleans as "1"/"0" (like the channel flags). */
function attributeText(value: unknown): string {
	if (typeof value === 'boolean') return value ? '1' : '0';
	return String(value);
}

/** Attribute names and values, in order; a list of pairs so that no name can reach a prototype. */
type Pairs = Array<[string, unknown]>;

const INVALID_JSON = Symbol('invalid JSON');

function jsonPairs(raw: unknown): Pairs | InputError {
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return [];
		value = jsonParse(raw, { fallbackValue: INVALID_JSON });
		if (value === INVALID_JSON) return new InputError('Attributes (JSON)', 'is not valid JSON');
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return new InputError('Attributes (JSON)', 'must be a JSON object of attribute names and values');
	}
	return Object.entries(value);
}

function definedPairs(collection: unknown, listName: string): Pairs {
	const list = (collection as IDataObject | undefined)?.[listName];
	if (!Array.isArray(list)) return [];
	return (list as IDataObject[]).map((pair) => [typeof pair.name === 'string' ? pair.name.trim() : '', pair.value]);
}

let lastIgnoredText = '';
let lastIgnored = new Set<string>();

/** The parsed Fields to Ignore, kept for the next item: the text is the same for a whole run. */
function ignoredFields(text: string): Set<string> {
	if (text !== lastIgnoredText) {
		lastIgnoredText = text;
		lastIgnored = new Set(text.split(',').map((name) => name.trim()).filter(Boolean));
	}
	return lastIgnored;
}

/** Attributes as given in the mode the user picked: the item's own fields, fields defined one by one, or JSON. */
function attributePairs(read: ParamReader, item: IDataObject): Pairs | InputError {
	const mode = read('attributesMode', 'autoMap') as string;
	if (mode === 'autoMap') {
		const ignored = ignoredFields(String(read('fieldsToIgnore', '') ?? ''));
		return Object.entries(item).filter(([name]) => !ignored.has(name));
	}
	if (mode === 'define') {
		return [
			...definedPairs(read('channelAttributes', {}), 'attribute'),
			...definedPairs(read('attributesUi', {}), 'attribute'),
		];
	}
	if (mode === 'json') return jsonPairs(read('attributesJson', '{}'));
	return new InputError('Attributes', `mode "${mode}" is not known`);
}

/**
 * The attributes a record sends (docs/profile-api.md#records), checked: names
 * not empty and not reserved, values text, numbers or true/false, an attribute
 * customerId equal to the record's.
 */
export function readAttributes(read: ParamReader, item: IDataObject, customerId: string): IDataObject {
	const attributes: IDataObject = {};
	const problem = (() => {
		const pairs = attributePairs(read, item);
		if (pairs instanceof InputError) return pairs;
		for (const [name, value] of pairs) {
			const refused = checkName(name) ?? checkValue(value, name);
			if (refused) return refused;
			if (value !== null && value !== undefined) attributes[name] = attributeText(value);
		}
		// Map Automatically sends the item's own customerId field, which the ID was read from untrimmed.
		if (typeof attributes.customerId === 'string' && attributes.customerId.trim() === customerId) {
			attributes.customerId = customerId;
		}
		if (attributes.customerId !== undefined && attributes.customerId !== customerId) {
			return new InputError(
				'attribute "customerId"',
				`("${String(attributes.customerId)}") differs from the Customer ID ("${customerId}")`,
			);
		}
		return undefined;
	})();
	if (problem) {
		// The customer is known: the error item names it.
		problem.ids = { customerId };
		throw problem;
	}
	return attributes;
}
