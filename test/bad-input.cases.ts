/**
 * The bad-input corpus: each case is one input item (or a whole run) and what
 * must happen to it. A case with `error` must fail that item with exactly that
 * message (naming the item index and the field), send nothing for it, and
 * let the other item of the run through. A case with `ok` is handled
 * correctly as documented (README, "Operations" and "Errors").
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

export interface BadInputCase {
	name: string;
	parameters: INodeParameters;
	item: IDataObject;
	/** The error message of the bad item (it is always item 0 of its run), or a pattern it matches. */
	error?: string | RegExp;
	/** The id that must reach the sandbox for a correctly handled case. */
	ok?: string;
	/** The bad value is in the node's parameters, so every item of the run fails alike. */
	perRun?: boolean;
	/** Well-formed, so it is sent; the API refuses it (the error still names the item's IDs). */
	refusedByApi?: boolean;
}

const APP = 'a_636035705699961900';
const get = { resource: 'profile', operation: 'get' };
const create = { resource: 'profile', operation: 'create', attributesMode: 'autoMap' };
const json = (attributesJson: string) => ({ ...create, attributesMode: 'json', attributesJson });
const define = (attribute: INodeParameters[]) => ({ ...create, attributesMode: 'define', attributesUi: { attribute } });
const device = { resource: 'appProfile', operation: 'deleteDevice', appId: APP };
const appGet = { resource: 'appProfile', operation: 'get', appId: APP };
/** The app ID from the item, so one item can carry a bad one. */
const appFromItem = { ...appGet, appId: `={{ $json.app ?? "${APP}" }}` };
/** The message names the item and the field first; the wording after it is the node's. */
const names = (field: string) => new RegExp(`^Item 0: ${field.replace(/[()"]/g, '\\$&')} `);
const blankName = /^Item 0: attribute\b.*\b(empty|blank)\b/i;
/** Not well-formed UTF-16: re-encoded it would become another, valid ID (U+FFFD). */
const LONE = 'c-\uD800x';
const profileOps = ['get', 'create', 'update', 'upsert', 'delete', 'erase'];
const appOps = ['get', 'create', 'update', 'upsert', 'delete', 'deleteDevice'];

const erase = { resource: 'profile', operation: 'erase', appIds: '={{ $json.apps }}' };

/** Erase Everywhere gets the same guarantees (Get Write Status: test/write-status.test.ts). */
const LATER_OPERATION_CASES: BadInputCase[] = [
	{ name: 'erase: lone surrogate in App IDs', parameters: erase, item: { customerId: 'c', apps: [`${APP}`, 'a-\uD800'] }, error: names('App IDs') },
	{ name: 'erase: ".." in App IDs', parameters: erase, item: { customerId: 'c', apps: '..' }, error: 'Item 0: App IDs ".." cannot be used as an ID' },
	{ name: 'erase: an object in App IDs', parameters: erase, item: { customerId: 'c', apps: [{ id: 1 }] }, error: names('App IDs') },
	{ name: 'erase: unsafe number as Customer ID', parameters: { ...erase, appIds: APP }, item: { customerId: 2 ** 60 }, error: names('Customer ID') },
];

/** Issue "Correctness holes": input that used to be changed silently, or to touch another customer. */
const CORRECTNESS_CASES: BadInputCase[] = [
	...LATER_OPERATION_CASES,
	...profileOps.map((operation) => ({
		name: `lone surrogate in Customer ID, profile ${operation}`,
		parameters: { ...create, operation },
		item: { customerId: LONE, name: 'x' },
		error: names('Customer ID'),
	})),
	...appOps.map((operation) => ({
		name: `lone surrogate in Customer ID, app profile ${operation}`,
		parameters: { ...appGet, operation, attributesMode: 'autoMap' },
		item: { customerId: LONE, deviceId: 'd' },
		error: names('Customer ID'),
	})),
	{ name: 'lone low surrogate in Customer ID', parameters: get, item: { customerId: '\uDC00-c' }, error: names('Customer ID') },
	...['get', 'delete', 'deleteDevice'].map((operation) => ({
		name: `lone surrogate in User ID, app profile ${operation} by user ID`,
		parameters: { ...appGet, operation, lookupBy: 'userId' },
		item: { userId: 'u-\uD800x', deviceId: 'd' },
		error: names('User ID'),
	})),
	{ name: 'lone surrogate in App ID', parameters: appFromItem, item: { customerId: 'c', app: 'a_\uD800' }, error: names('App ID') },
	{ name: 'lone surrogate in Device ID', parameters: device, item: { customerId: 'c', deviceId: 'd-\uDC00' }, error: names('Device ID') },
	// numbers that do not hold the ID the user meant (12345678901234567890 as JSON.parse gives it)
	{ name: 'unsafe integer as id (get)', parameters: get, item: { customerId: Number('12345678901234567890') }, error: names('Customer ID') },
	{ name: 'unsafe integer as id (delete)', parameters: { ...get, operation: 'delete' }, item: { customerId: 2 ** 53 + 2 }, error: names('Customer ID') },
	{ name: 'unsafe integer as id (create)', parameters: create, item: { customerId: Number('12345678901234567890'), name: 'x' }, error: names('Customer ID') },
	{ name: '1e21 as id', parameters: get, item: { customerId: 1e21 }, error: names('Customer ID') },
	{ name: 'decimal as id', parameters: get, item: { customerId: 1.5 }, error: names('Customer ID') },
	{ name: 'unsafe integer as user id', parameters: { ...appGet, lookupBy: 'userId' }, item: { userId: 2 ** 60 }, error: names('User ID') },
	// attribute names that cannot be stored, in every attributes mode
	{ name: 'empty attribute name (Map Automatically)', parameters: create, item: { customerId: 'c', '': 'x' }, error: blankName },
	{ name: 'blank attribute name (Map Automatically)', parameters: create, item: { customerId: 'c', ' ': 'x' }, error: blankName },
	{ name: 'empty attribute name (JSON)', parameters: json('{"": "x"}'), item: { customerId: 'c' }, error: blankName, perRun: true },
	{ name: 'blank attribute name (JSON)', parameters: json('{"  ": "x"}'), item: { customerId: 'c' }, error: blankName, perRun: true },
	{ name: 'empty attribute name (Define Below)', parameters: define([{ name: '', value: 'x' }]), item: { customerId: 'c' }, error: blankName, perRun: true },
	...['__proto__', 'constructor', 'prototype'].flatMap((name): BadInputCase[] => [
		{ name: `attribute named ${name} (Define Below)`, parameters: define([{ name, value: 'x' }]), item: { customerId: 'c' }, error: names(`attribute "${name}"`), perRun: true },
		{ name: `attribute named ${name} (JSON)`, parameters: json(`{"${name}": "x"}`), item: { customerId: 'c' }, error: names(`attribute "${name}"`), perRun: true },
		{
			name: `attribute named ${name} (Map Automatically)`,
			parameters: create,
			// JSON.parse makes "__proto__" an own field, as an item parsed from a request body has it.
			item: JSON.parse(`{"customerId": "c", "${name}": "x"}`) as IDataObject,
			error: names(`attribute "${name}"`),
		},
	]),
];

const notObject = 'must be a JSON object of attribute names and values';
const nested = 'IMIconnect attributes hold text or numbers. Flatten it first or send it as a JSON string';

export const CASES: BadInputCase[] = [
	// customerId: missing, empty, whitespace, wrong types
	{ name: 'missing customerId', parameters: get, item: {}, error: 'Item 0: Customer ID is missing' },
	{ name: 'null customerId', parameters: get, item: { customerId: null }, error: 'Item 0: Customer ID is missing' },
	{ name: 'empty customerId', parameters: get, item: { customerId: '' }, error: 'Item 0: Customer ID is empty' },
	{ name: 'whitespace customerId', parameters: get, item: { customerId: '   ' }, error: 'Item 0: Customer ID is empty' },
	{ name: 'tab/newline customerId', parameters: get, item: { customerId: '\t\n' }, error: 'Item 0: Customer ID is empty' },
	{ name: 'object as customerId', parameters: get, item: { customerId: { id: 1 } }, error: 'Item 0: Customer ID must be text or a number, got object' },
	{ name: 'boolean as customerId', parameters: get, item: { customerId: true }, error: 'Item 0: Customer ID must be text or a number, got boolean' },
	{
		name: 'more than 100 ids in one item',
		parameters: get,
		item: { customerId: Array.from({ length: 150 }, (_, index) => `x-${index}`) },
		error: 'Item 0: Customer ID must be one ID, got a list of 150: use one item per ID',
	},
	{ name: 'a list of 2 ids', parameters: get, item: { customerId: ['a', 'b'] }, error: 'Item 0: Customer ID must be one ID, got a list of 2: use one item per ID' },
	{ name: 'NaN from an expression', parameters: { ...get, customerId: '={{ 0 / 0 }}' }, item: {}, error: 'Item 0: Customer ID must be a finite number, got NaN', perRun: true },
	{ name: 'control character in id', parameters: get, item: { customerId: 'a\u0000b' }, error: 'Item 0: Customer ID contains control characters' },
	// ids that are fine: numbers, trimmed text, odd characters (percent-encoded in the query)
	{ name: 'number as id', parameters: get, item: { customerId: 12345 }, ok: '12345' },
	{ name: 'zero as id', parameters: get, item: { customerId: 0 }, ok: '0' },
	{ name: 'id with surrounding spaces is trimmed', parameters: get, item: { customerId: '  spaced  ' }, ok: 'spaced' },
	{ name: 'path traversal id ../x', parameters: get, item: { customerId: '../x' }, ok: '../x' },
	{ name: 'slash in id a/b', parameters: get, item: { customerId: 'a/b' }, ok: 'a/b' },
	{ name: 'query in id a?b=c', parameters: get, item: { customerId: 'a?b=c' }, ok: 'a?b=c' },
	{ name: 'fragment id #x', parameters: get, item: { customerId: '#x' }, ok: '#x' },
	{ name: 'encoded slash %2F', parameters: get, item: { customerId: '%2F' }, ok: '%2F' },
	{ name: 'space inside id', parameters: get, item: { customerId: 'a b' }, ok: 'a b' },
	{ name: 'unicode id', parameters: get, item: { customerId: 'Zoë-Ünïcödé' }, ok: 'Zoë-Ünïcödé' },
	{ name: 'emoji id', parameters: get, item: { customerId: '😀-1' }, ok: '😀-1' },
	{ name: 'ampersand id', parameters: get, item: { customerId: 'a&customerId=b' }, ok: 'a&customerId=b' },
	// ids inside a URL path (Delete Device)
	{ name: 'path traversal in a path segment', parameters: device, item: { customerId: '../x', deviceId: 'd' }, ok: '../x' },
	{ name: '".." as a path id', parameters: device, item: { customerId: '..', deviceId: 'd' }, error: 'Item 0: Customer ID ".." cannot be used as an ID' },
	{ name: '"." as a device id', parameters: device, item: { customerId: 'c', deviceId: '.' }, error: 'Item 0: Device ID "." cannot be used as an ID' },
	{ name: 'missing device id', parameters: device, item: { customerId: 'c' }, error: 'Item 0: Device ID is missing' },
	{ name: 'missing user id', parameters: { ...appGet, lookupBy: 'userId' }, item: {}, error: 'Item 0: User ID is missing' },
	// app ids
	{ name: 'empty app id', parameters: appFromItem, item: { customerId: 'c', app: '' }, error: 'Item 0: App ID is empty' },
	{ name: '".." as app id', parameters: appFromItem, item: { customerId: 'c', app: '..' }, error: 'Item 0: App ID ".." cannot be used as an ID' },
	{
		name: 'app id with a slash stays one path segment (and is unknown)',
		parameters: appFromItem,
		item: { customerId: 'c', app: 'a_1/../x' },
		error: 'Invalid app ID (code 7018) for customer ID "c" in app "a_1/../x"',
		refusedByApi: true,
	},
	// attributes
	{ name: 'attributes JSON not valid', parameters: json('{"name": '), item: { customerId: 'c' }, error: 'Item 0: Attributes (JSON) is not valid JSON', perRun: true },
	{ name: 'attributes JSON is a list', parameters: json('[1, 2]'), item: { customerId: 'c' }, error: `Item 0: Attributes (JSON) ${notObject}`, perRun: true },
	{ name: 'attributes JSON is a string', parameters: json('"text"'), item: { customerId: 'c' }, error: `Item 0: Attributes (JSON) ${notObject}`, perRun: true },
	{ name: 'attributes JSON is a number', parameters: json('42'), item: { customerId: 'c' }, error: `Item 0: Attributes (JSON) ${notObject}`, perRun: true },
	{ name: 'attributes JSON null', parameters: json('null'), item: { customerId: 'c' }, error: `Item 0: Attributes (JSON) ${notObject}`, perRun: true },
	{ name: 'nested object value', parameters: create, item: { customerId: 'c', name: { first: 'A' } }, error: `Item 0: attribute "name" is an object; ${nested}` },
	{ name: 'nested list value', parameters: create, item: { customerId: 'c', email: ['a@example.com'] }, error: `Item 0: attribute "email" is a list; ${nested}` },
	{ name: 'nested value in JSON mode', parameters: json('{"name": {"a": 1}}'), item: { customerId: 'c' }, error: `Item 0: attribute "name" is an object; ${nested}`, perRun: true },
	{ name: 'empty attribute name', parameters: define([{ name: ' ', value: 'x' }]), item: { customerId: 'c' }, error: 'Item 0: attribute name is empty', perRun: true },
	{ name: 'Infinity attribute', parameters: define([{ name: 'name', value: '={{ 1 / 0 }}' }]), item: { customerId: 'c' }, error: 'Item 0: attribute "name" is not a finite number', perRun: true },
	{ name: 'customerId attribute that differs', parameters: { ...create, customerId: '={{ $json.id ?? $json.customerId }}', fieldsToIgnore: 'id' }, item: { id: 'c', customerId: 'd' }, error: 'Item 0: attribute "customerId" ("d") differs from the Customer ID ("c")' },
	{ name: 'a 1 MB value is sent as is', parameters: create, item: { customerId: 'big', name: 'x'.repeat(1024 * 1024) }, ok: 'big' },
	{ name: 'null attribute is left out', parameters: create, item: { customerId: 'nulls', name: null, email: 'e@example.com' }, ok: 'nulls' },
	...CORRECTNESS_CASES,
	// parameters from old or hand-edited workflow JSON
	{ name: 'unknown operation', parameters: { resource: 'profile', operation: 'getAll' }, item: { customerId: 'c' }, error: 'The operation "getAll" of resource "profile" is not known to this version of the IMIconnect node', perRun: true },
	{ name: 'unknown resource', parameters: { resource: 'contact', operation: 'get' }, item: { customerId: 'c' }, error: 'The resource "contact" is not known to this version of the IMIconnect node', perRun: true },
	{ name: 'showInwardLinks out of range', parameters: { ...get, showInwardLinks: 5 }, item: { customerId: 'c' }, error: 'Item 0: Show Inward Links must be 0, 1 or 2', perRun: true },
	{ name: 'unknown Find By', parameters: { ...appGet, lookupBy: 'email' }, item: { customerId: 'c' }, error: 'Item 0: Find By "email" is not known', perRun: true },
	{ name: 'unknown attributes mode', parameters: { ...create, attributesMode: 'csv' }, item: { customerId: 'c' }, error: 'Item 0: Attributes mode "csv" is not known', perRun: true },
];
