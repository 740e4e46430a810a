import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { singleRecordRouting } from '../shared/single';

type Show = NonNullable<IDisplayOptions['show']>;

/** An operation option: one record per request through routing when run outside customOperations. */
export function operation(
	value: string,
	name: string,
	action: string,
	description: string,
): INodePropertyOptions {
	return {
		name,
		value,
		action,
		description,
		routing: { request: { method: 'GET', url: '=' }, ...singleRecordRouting },
	};
}

export function customerIdField(show: Show, description: string): INodeProperties {
	return {
		displayName: 'Customer ID',
		name: 'customerId',
		hint: 'Defaults to the customerId field of each input item',
		type: 'string',
		required: true,
		default: '={{ $json.customerId }}',
		placeholder: 'e.g. 54321',
		description,
		displayOptions: { show },
	};
}

/** How the attributes of a written record are given. */
export function attributeFields(show: Show, nameHint: string): INodeProperties[] {
	return [
		{
			displayName: 'Attributes',
			name: 'attributesMode',
			hint: 'Attributes must exist in your tenant’s profile definition (else error 7017)',
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
				'How to give the attributes. Numbers are sent as text, true/false as "1"/"0", empty values are left out; lists and objects are refused.',
			displayOptions: { show },
		},
		{
			displayName: 'Fields to Ignore',
			name: 'fieldsToIgnore',
			hint: 'For example fields your CRM adds that IMIconnect does not know',
			type: 'string',
			default: '',
			placeholder: 'e.g. createdAt, updatedAt',
			description: 'Comma-separated names of input fields not to send as attributes',
			displayOptions: { show: { ...show, attributesMode: ['autoMap'] } },
		},
		{
			displayName: 'Attributes to Send',
			name: 'attributesUi',
			hint: 'Values can be expressions, e.g. {{ $json.email }}',
			placeholder: 'Add Attribute',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			description: 'Attributes to set on the profile',
			displayOptions: { show: { ...show, attributesMode: ['define'] } },
			options: [
				{
					displayName: 'Attribute',
					name: 'attribute',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. email',
							description: nameHint,
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Value of the attribute',
						},
					],
				},
			],
		},
		{
			displayName: 'Attributes (JSON)',
			name: 'attributesJson',
			hint: 'Values must be text, numbers or true/false',
			type: 'json',
			default: '{\n  "name": "",\n  "email": ""\n}',
			description: 'A JSON object of attribute names and values',
			displayOptions: { show: { ...show, attributesMode: ['json'] } },
		},
	];
}

/** Simplify and Options, for every operation of a resource. */
export function commonFields(resource: string, writeOperations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			hint: 'Turn off to see exactly what IMIconnect answered',
			type: 'boolean',
			default: true,
			description:
				'Whether to return flat fields (attributes as fields, a status per record) instead of the API’s own record or result',
			displayOptions: { show: { resource: [resource] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			hint: 'Batching, retries, rate limit and waiting for queued writes',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'Batch size, concurrency, rate limit, retries, timeout and waiting for queued writes',
			displayOptions: { show: { resource: [resource] } },
			options: [
				{
					displayName: 'Batch Size',
					name: 'batchSize',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 100 },
					default: 100,
					description: 'Records (or IDs) per request, at most 100',
				},
				{
					displayName: 'Concurrency',
					name: 'concurrency',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 16 },
					default: 1,
					description: 'Requests in flight at once',
				},
				{
					displayName: 'Max Requests per Second',
					name: 'maxRequestsPerSecond',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description:
						'Keeps the node under your tenant’s Profile API rate limit (0 = no limit). Retries and status checks count too.',
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
					displayName: 'Timeout (Ms)',
					name: 'timeout',
					type: 'number',
					typeOptions: { minValue: 100 },
					default: 30000,
					description: 'How long to wait for an answer to one request',
				},
				{
					displayName: 'Wait for Completion',
					name: 'waitForCompletion',
					type: 'boolean',
					default: false,
					description:
						'Whether to wait until queued writes are applied and report each record’s final outcome, instead of "queued"',
					displayOptions: { show: { '/operation': writeOperations } },
				},
				{
					displayName: 'Wait Timeout (Seconds)',
					name: 'waitTimeout',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 60,
					description: 'How long to wait for one queued write',
					displayOptions: { show: { '/operation': writeOperations } },
				},
			],
		},
	];
}
