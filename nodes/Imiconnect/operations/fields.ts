import type { INodeProperties } from 'n8n-workflow';

/**
 * Fields several operations share. Each operation file lists the ones it
 * uses; operationFields() then shows them for that operation only.
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

/** How an operation treats queued writes: the user decides, it always waits (Create or Update), or none. */
export type Waits = 'option' | 'always' | 'never';

/** Whether Batch Size applies: always, only while Find By = Customer ID (user IDs go alone), or never. */
export type Batched = boolean | 'byCustomerId';

/** The Options collection: `batched` offers Batch Size, `waits` the waiting for queued writes. */
export function optionsField({ batched, waits }: { batched: Batched; waits: Waits }): INodeProperties {
	const options: INodeProperties[] = [];
	if (batched) {
		options.push({
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 100,
			description: 'Records (or IDs) per request, at most 100',
			...(batched === 'byCustomerId' ? { displayOptions: { show: { '/lookupBy': ['customerId'] } } } : {}),
		});
	}
	options.push(
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 16 },
			default: 2,
			description:
				'Requests in flight at once. 2 halves the wait for a distant tenant; for one in another region, 4. Max Requests per Second caps the rate.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Keeps every 1-second window of this execution at or under this many requests, retries and status checks included (0 = no limit). Set it to your tenant’s Profile API rate limit.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 4,
			description:
				'Retries of a request after a rate limit (7020), a server fault (7006, 7016, HTTP 5xx), a lost connection or a timeout',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description: 'Longest total wait between the retries of one request',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 100 },
			default: 30000,
			description: 'Time in ms to wait for the answer to one request before trying again',
		},
	);
	if (waits === 'option') {
		options.push({
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until queued writes are applied and report each record’s final outcome, instead of "queued" with a transid',
		});
	}
	if (waits !== 'never') {
		options.push({
			displayName: 'Wait Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				waits === 'always'
					? 'How long to wait for one queued write (Create or Update always waits: it must learn which records exist); records still queued then say "queued"'
					: 'How long to wait for one queued write; records still queued then say "queued"',
			...(waits === 'option' ? { displayOptions: { show: { waitForCompletion: [true] } } } : {}),
		});
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
export function commonFields(how: { batched: Batched; waits: Waits }): INodeProperties[] {
	return [simplifyField, optionsField(how)];
}


/** The options' defaults, read from their fields above: the one place they are set. */
export const OPTION_DEFAULTS = Object.fromEntries(
	(optionsField({ batched: true, waits: 'option' }).options as INodeProperties[]).map((option) => [
		option.name,
		option.default as number,
	]),
);
