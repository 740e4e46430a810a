import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { appProfileFields, appProfileOperations } from './resources/appProfile';
import { profileFields, profileOperations } from './resources/profile';
import { OPERATIONS } from './shared/operations';
import { runOperation } from './shared/runner';
import { checkOperation } from './shared/single';

/** Every operation of the table runs batched when n8n runs the node on a set of items. */
function batchedOperations(): NonNullable<INodeType['customOperations']> {
	const custom: NonNullable<INodeType['customOperations']> = {};
	for (const [resource, operations] of Object.entries(OPERATIONS)) {
		custom[resource] = {};
		for (const operation of Object.keys(operations)) {
			custom[resource][operation] = async function (this: IExecuteFunctions) {
				return await runOperation.call(this, resource, operation);
			};
		}
	}
	return custom;
}

export class Imiconnect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IMIconnect',
		name: 'imiconnect',
		icon: { light: 'file:imiconnect.svg', dark: 'file:imiconnect.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage customer profiles and app profiles in IMIconnect (Webex Connect)',
		defaults: { name: 'IMIconnect' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'imiconnectApi', required: true }],
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			ignoreHttpStatusErrors: true,
			json: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'App Profile', value: 'appProfile', description: 'A customer’s channel profile in one app' },
					{ name: 'Profile', value: 'profile', description: 'A customer’s master profile' },
				],
				default: 'profile',
			},
			{
				displayName: 'Operation Check',
				name: 'operationCheck',
				type: 'hidden',
				default: '',
				description: 'Fails items of an operation this version does not know',
				routing: { send: { preSend: [checkOperation] } },
			},
			...profileOperations,
			...appProfileOperations,
			...profileFields,
			...appProfileFields,
		],
	};

	customOperations = batchedOperations();
}
