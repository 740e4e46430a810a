import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { appProfileCreate } from './appProfile/create';
import { appProfileDelete } from './appProfile/delete';
import { appProfileDeleteDevice } from './appProfile/deleteDevice';
import { appProfileGet } from './appProfile/get';
import { appProfileUpdate } from './appProfile/update';
import { appProfileUpsert } from './appProfile/upsert';
import type { Operation, Resource } from '../pipeline/operation';
import { profileCreate } from './profile/create';
import { profileDelete } from './profile/delete';
import { profileErase } from './profile/erase';
import { profileGet } from './profile/get';
import { profileGetWriteStatus } from './profile/getWriteStatus';
import { profileUpdate } from './profile/update';
import { profileUpsert } from './profile/upsert';
import { toolCallRouting } from './tool-calls';

/** Every write and delete offers it, before Simplify and Options (pipeline/dry-run.ts). */
const dryRunField: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only check the items and show, for each, the request it would go in (number, method, path) and the record as it would be sent. Nothing is sent to IMIconnect.',
};

/**
 * An operation as the node registers it: each field shown only for its
 * resource and operation (keeping the field's own conditions), and Dry Run
 * for writes and deletes.
 */
function forOperation(operation: Operation): Operation {
	const show = { resource: [operation.resource], operation: [operation.value] };
	const own = operation.fields;
	const simplifyAt = own.findIndex((field) => field.name === 'simplify');
	const at = simplifyAt < 0 ? own.length : simplifyAt;
	const listed = operation.writes ? [...own.slice(0, at), dryRunField, ...own.slice(at)] : own;
	const fields = listed.map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, ...show } },
	}));
	return { ...operation, fields };
}

/** Every operation of the node: adding one is its file and a line here (and a test fixture: test/operations/). */
export const OPERATIONS: Operation[] = [
	profileGet,
	profileCreate,
	profileUpdate,
	profileUpsert,
	profileDelete,
	profileErase,
	profileGetWriteStatus,
	appProfileGet,
	appProfileCreate,
	appProfileUpdate,
	appProfileUpsert,
	appProfileDelete,
	appProfileDeleteDevice,
].map(forOperation);

export const RESOURCES: Array<{ value: Resource; name: string; description: string }> = [
	{ value: 'appProfile', name: 'App Profile', description: 'A customer’s channel profile in one app' },
	{ value: 'profile', name: 'Profile', description: 'A customer’s master profile' },
];

export function findOperation(resource: string, value: string): Operation | undefined {
	return OPERATIONS.find((operation) => operation.resource === resource && operation.value === value);
}

/**
 * preSend of the Resource parameter, which every item has: on n8n's routing
 * path an operation this version does not know (a workflow saved by another
 * version) fails clearly instead of letting n8n send a bare request.
 */
async function checkOperation(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const resource = String(this.getNodeParameter('resource', ''));
	const operation = String(this.getNodeParameter('operation', ''));
	if (findOperation(resource, operation)) return requestOptions;
	const message = RESOURCES.some(({ value }) => value === resource)
		? `The operation "${operation}" of resource "${resource}" is not known to this version of the IMIconnect node`
		: `The resource "${resource}" is not known to this version of the IMIconnect node`;
	throw new NodeOperationError(this.getNode(), message);
}

/** The Operation parameter of one resource, generated from its registered operations. */
function operationParameter(resource: Resource): INodeProperties {
	const options: INodePropertyOptions[] = OPERATIONS.filter((operation) => operation.resource === resource)
		.map((operation) => ({
			name: operation.name,
			value: operation.value,
			action: operation.action,
			description: operation.description,
			routing: toolCallRouting(operation),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: 'get',
	};
}

/** The node's parameters: resource, each resource's operations, then every operation's fields. */
export function nodeProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: RESOURCES.map(({ value, name, description }) => ({ value, name, description })),
			default: 'profile',
			routing: { send: { preSend: [checkOperation] } },
		},
		...RESOURCES.map(({ value }) => operationParameter(value)),
		...OPERATIONS.flatMap((operation) => operation.fields),
	];
}

/** The canvas subtitle: "Create or Update: App Profile", from the names above. */
export function subtitle(): string {
	const operations = Object.fromEntries(OPERATIONS.map(({ value, name }) => [value, name]));
	const resources = Object.fromEntries(RESOURCES.map(({ value, name }) => [value, name]));
	return `={{ ${JSON.stringify(operations)}[$parameter["operation"]] + ": " + ${JSON.stringify(resources)}[$parameter["resource"]] }}`;
}
