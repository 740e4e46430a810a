import type { IDataObject } from 'n8n-workflow';
import { isSafeObjectProperty, jsonParse } from 'n8n-workflow';

import type { ParamReader } from './types';

/** Bad input for one item: the field it is about and what is wrong with it. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field} ${problem}`);
	}
}

/** Largest number of IDs one multi-ID request may carry (CONTRACT §2). */
export const MAX_BATCH = 100;

/**
 * An ID as text: strings (trimmed) and finite numbers; anything else is an
 * input error naming the field.
 */
export function readId(value: unknown, field: string): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new InputError(field, `must be a finite number, got ${value}`);
		return String(value);
	}
	if (typeof value !== 'string') {
		if (value === undefined || value === null) throw new InputError(field, 'is missing');
		if (Array.isArray(value)) {
			throw new InputError(field, `must be one ID, got a list of ${value.length}: use one item per ID`);
		}
		throw new InputError(field, `must be text or a number, got ${typeof value}`);
	}
	const id = value.trim();
	if (id === '') throw new InputError(field, 'is empty');
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(id)) throw new InputError(field, 'contains control characters');
	return id;
}

/** An ID that goes into a URL path: `.` and `..` would change the path even when encoded. */
export function readPathId(value: unknown, field: string): string {
	const id = readId(value, field);
	if (id === '.' || id === '..') throw new InputError(field, `"${id}" cannot be used as an ID`);
	return id;
}

/** Attribute values go out as text: numbers as digits, booleans as "1"/"0" (like the channel flags). */
function toAttributeValue(value: unknown, name: string): string | undefined {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new InputError(`attribute "${name}"`, 'is not a finite number');
		return String(value);
	}
	if (typeof value === 'boolean') return value ? '1' : '0';
	const kind = Array.isArray(value) ? 'a list' : 'an object';
	throw new InputError(
		`attribute "${name}"`,
		`is ${kind}; IMIconnect attributes hold text or numbers. Flatten it first or send it as a JSON string`,
	);
}

const INVALID_JSON = Symbol('invalid JSON');

function parseJsonAttributes(raw: unknown): IDataObject {
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		value = jsonParse(raw, { fallbackValue: INVALID_JSON });
		if (value === INVALID_JSON) throw new InputError('Attributes (JSON)', 'is not valid JSON');
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new InputError('Attributes (JSON)', 'must be a JSON object of attribute names and values');
	}
	return value as IDataObject;
}

function namedPairs(collection: unknown, listName: string): IDataObject {
	const out: IDataObject = {};
	const list = (collection as IDataObject | undefined)?.[listName];
	if (!Array.isArray(list)) return out;
	for (const pair of list as IDataObject[]) {
		const name = typeof pair.name === 'string' ? pair.name.trim() : '';
		if (name === '') throw new InputError('attribute name', 'is empty');
		out[name] = pair.value as IDataObject[string];
	}
	return out;
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

/**
 * The attributes an item sends, from the mode the user picked: the item's own
 * fields, fields defined one by one, or a JSON object.
 */
export function readAttributes(read: ParamReader, item: IDataObject, customerId: string): IDataObject {
	const mode = read('attributesMode', 'autoMap') as string;
	let source: IDataObject;
	if (mode === 'autoMap') {
		const ignored = ignoredFields(String(read('fieldsToIgnore', '') ?? ''));
		source = ignored.size ? {} : item;
		if (ignored.size) {
			for (const name of Object.keys(item)) if (!ignored.has(name)) source[name] = item[name];
		}
	} else if (mode === 'define') {
		source = {
			...namedPairs(read('channelAttributes', {}), 'attribute'),
			...namedPairs(read('attributesUi', {}), 'attribute'),
		};
	} else if (mode === 'json') {
		source = parseJsonAttributes(read('attributesJson', '{}'));
	} else {
		throw new InputError('Attributes', `mode "${mode}" is not known`);
	}

	const attributes: IDataObject = {};
	for (const name of Object.keys(source)) {
		if (!isSafeObjectProperty(name)) throw new InputError(`attribute "${name}"`, 'is not allowed');
		const text = toAttributeValue(source[name], name);
		if (text !== undefined) attributes[name] = text;
	}
	if (attributes.customerId !== undefined && attributes.customerId !== customerId) {
		throw new InputError(
			'attribute "customerId"',
			`("${String(attributes.customerId)}") differs from the Customer ID ("${customerId}")`,
		);
	}
	return attributes;
}
