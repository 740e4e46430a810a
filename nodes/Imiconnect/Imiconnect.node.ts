import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getChannelAttributes } from './operations/appProfile/write';
import { nodeProperties, OPERATIONS, subtitle } from './operations';
import { parameterReader } from './pipeline/parameters';
import { runPipeline } from './pipeline/run';

/** Every registered operation runs batched when n8n runs the node on a set of items. */
function batchedOperations(): NonNullable<INodeType['customOperations']> {
	const custom: NonNullable<INodeType['customOperations']> = {};
	for (const operation of OPERATIONS) {
		custom[operation.resource] ??= {};
		custom[operation.resource][operation.value] = async function (this: IExecuteFunctions) {
			const items = this.getInputData();
			const output = await runPipeline({
				ctx: this,
				operation,
				items: items.map((item, index) => ({ index, json: item.json })),
				reader: parameterReader(this, items),
				continueOnFail: this.continueOnFail(),
			});
			return [output];
		};
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
		subtitle: subtitle(),
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
		properties: nodeProperties(),
	};

	methods = { loadOptions: { getChannelAttributes } };

	customOperations = batchedOperations();
}
