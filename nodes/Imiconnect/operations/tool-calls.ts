import type {
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { parameterReader } from '../pipeline/parameters';
import { runPipeline } from '../pipeline/run';
import type { Operation } from '../pipeline/operation';

/**
 * n8n's routing path, taken where customOperations are not: an AI agent's
 * tool call (n8n runs a tool's declarative node through RoutingNode, one item
 * at a time). The operation's routing asks n8n to "paginate" with a function,
 * and that function runs the item through the same pipeline as a batched run
 * (same requests, retries and messages) instead of letting n8n send a request.
 */
export function toolCallRouting(operation: Operation): INodePropertyRouting {
	async function runItem(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
		const index = this.getItemIndex();
		const output = await runPipeline({
			ctx: this,
			operation,
			items: [{ index, json: this.getInputData().json }],
			reader: parameterReader(this, [this.getInputData()], index),
			continueOnFail: false,
		});
		return output.map(({ json }) => ({ json }));
	}
	return { send: { paginate: true }, operations: { pagination: runItem } };
}
