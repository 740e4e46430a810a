import type { INodeProperties } from 'n8n-workflow';

import { OPTIONS, type BooleanOption, type NumberOption, type OptionName } from '../pipeline/options';

/**
 * Fields several operations share. Each operation file lists the ones it
 * uses; the registry (index.ts) then shows them for that operation only.
 */

/** An ID read from each input item; the default maps the item's field of the same name. */
export function idField(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: `={{ $json.${name} }}`,
		placeholder,
		// n8n hides hints while a field holds an expression: the default is explained here instead.
		description: `${description} By default each input item's ${name} field: map another field, or type a fixed ID`,
	};
}

export const customerIdField = (description: string): INodeProperties =>
	idField('Customer ID', 'customerId', 'e.g. 54321', description);

const attributesMode: INodeProperties = {
	displayName: 'Attributes',
	name: 'attributesMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Map Automatically',
			value: 'autoMap',
			description: 'Send every field of the input item as an attribute of the same name',
		},
		{ name: 'Define Below', value: 'define', description: 'Set each attribute by hand' },
		{ name: 'JSON', value: 'json', description: 'Give the attributes as one JSON object' },
	],
	default: 'autoMap',
	description:
		'How to give the attributes. Numbers are sent as text, true/false as "1"/"0", null values are left out (empty text is sent, and clears the attribute); lists and objects are refused. Each attribute must already be defined in your tenant’s profile.',
};

const fieldsToIgnore: INodeProperties = {
	displayName: 'Fields to Ignore',
	name: 'fieldsToIgnore',
	hint: 'For example fields your CRM adds that IMIconnect does not know',
	type: 'string',
	default: '',
	placeholder: 'e.g. createdAt, updatedAt',
	description: 'Comma-separated names of input fields not to send as attributes',
	displayOptions: { show: { attributesMode: ['autoMap'] } },
};

/** The free-form name/value list of Define Below. */
export function attributeList(displayName: string, button: string, nameDescription: string): INodeProperties {
	return {
		displayName,
		name: 'attributesUi',
		placeholder: button,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Attributes to set, by name; each value may be an expression reading the input item',
		displayOptions: { show: { attributesMode: ['define'] } },
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. email', description: nameDescription },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Value of the attribute' },
				],
			},
		],
	};
}

const attributesJson: INodeProperties = {
	displayName: 'Attributes (JSON)',
	name: 'attributesJson',
	hint: 'Only the attributes given are written. Values must be text, numbers or true/false.',
	type: 'json',
	default: '{}',
	placeholder: '{"name": "John", "email": "john@example.com"}',
	description: 'A JSON object of attribute names and values',
	displayOptions: { show: { attributesMode: ['json'] } },
};

/** How a write gives its attributes; `defined` are the Define Below fields, in order. */
export function attributeFields(defined: INodeProperties[]): INodeProperties[] {
	return [attributesMode, fieldsToIgnore, ...defined, attributesJson];
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	hint: 'Turn off to see exactly what IMIconnect answered',
	type: 'boolean',
	default: true,
	description:
		'Whether to return flat fields (attributes as fields, a status per record) instead of the API’s own record or result',
};

/** How an operation treats queued writes: the user decides, it always waits (Create or Update, Erase), or none. */
export type Waits = 'option' | 'always' | 'never';

/** Whether Batch Size applies: always, only while Find By = Customer ID (user IDs go alone), or never. */
export type Batched = boolean | 'byCustomerId';

/** One option's field, from the table of options (pipeline/options.ts). */
export function optionField(name: OptionName, more: Partial<INodeProperties> = {}): INodeProperties {
	const option: NumberOption | BooleanOption = OPTIONS[name];
	const field: INodeProperties = {
		displayName: option.displayName,
		name,
		type: option.type,
		default: option.default,
		description: option.description,
	};
	if (option.type === 'number') field.typeOptions = { minValue: option.min, maxValue: option.max };
	return { ...field, ...more };
}

export interface OptionsOf {
	batched: Batched;
	waits: Waits;
	/** Wait Timeout's help where the operation always waits: why it does. */
	alwaysWaitsBecause?: string;
	/** Options of this operation alone, listed first. */
	own?: INodeProperties[];
}

/** The Options collection: `batched` offers Batch Size, `waits` the waiting for queued writes. */
export function optionsField({ batched, waits, alwaysWaitsBecause, own = [] }: OptionsOf): INodeProperties {
	const options: INodeProperties[] = [...own];
	if (batched) {
		options.push(
			optionField('batchSize', batched === 'byCustomerId' ? { displayOptions: { show: { '/lookupBy': ['customerId'] } } } : {}),
		);
	}
	options.push(optionField('concurrency'), optionField('maxRequestsPerSecond'), optionField('maxRetries'), optionField('maxRetryWait'), optionField('timeout'));
	if (waits === 'option') options.push(optionField('waitForCompletion'));
	if (waits === 'option') options.push(optionField('waitTimeout', { displayOptions: { show: { waitForCompletion: [true] } } }));
	if (waits === 'always') {
		options.push(
			optionField('waitTimeout', {
				description: `How long to wait for one queued write (${alwaysWaitsBecause ?? 'this operation always waits'}); records still queued then say "queued"`,
			}),
		);
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Batching, retries, rate limit and timeout',
		options,
	};
}

/** Simplify and Options, for an operation. */
export function commonFields(how: OptionsOf): INodeProperties[] {
	return [simplifyField, optionsField(how)];
}
