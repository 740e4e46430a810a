/**
 * Runs a real workflow — a start node emitting the test's items, then the
 * IMIconnect node — through n8n-core's WorkflowExecute, with HTTP going to the
 * sandbox on 127.0.0.1. What is not n8n's own here: the start node (n8n's
 * Manual Trigger lives in n8n-nodes-base, which we do not install; this one
 * just emits the given items) and the credentials helper (n8n's lives in the
 * app; this one does what it does for a credential whose `authenticate` is a
 * function: calls it).
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { ImiconnectApi } from '../../credentials/ImiconnectApi.credentials';
import { Imiconnect } from '../../nodes/Imiconnect/Imiconnect.node';

export const NODE_TYPE = 'n8n-nodes-imiconnect.imiconnect';
const START_TYPE = 'test.items';

/** Emits the items given in its `items` parameter (JSON), like a Manual Trigger followed by a Code node. */
class TestItems implements INodeType {
	description = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits the test items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'string', default: '[]' } as INodeProperties],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

class TestCredentialsHelper extends ICredentialsHelper {
	private readonly type = new ImiconnectApi();

	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return await this.type.authenticate(credentials, requestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine in these tests');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return this.type.properties;
	}
}

export interface RunOptions {
	/** The node's parameters (resource, operation, …). */
	parameters: INodeParameters;
	items: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	/** n8n's "On Error" setting of the node. */
	onError?: INode['onError'];
	/**
	 * Run the node without its customOperations, as an AI agent's tool call
	 * does: n8n's RoutingNode then sends one request per item.
	 */
	routingOnly?: boolean;
}

export interface RunResult {
	/** The node's first output (items), empty when the node failed. */
	items: INodeExecutionData[];
	/** The error output, when On Error is "continueErrorOutput". */
	errorItems: INodeExecutionData[];
	/** The node's error, when it failed. */
	error?: Error & { description?: string | null; context?: IDataObject };
	run: IRun;
}

function nodeTypesFor(routingOnly: boolean): INodeTypes {
	const imiconnect = new Imiconnect();
	if (routingOnly) delete (imiconnect as Partial<Imiconnect>).customOperations;
	const types: Record<string, INodeType> = { [NODE_TYPE]: imiconnect, [START_TYPE]: new TestItems() };
	return {
		getByName: (name) => types[name],
		getByNameAndVersion: (name) => types[name],
		getKnownTypes: () => ({}),
	} as INodeTypes;
}

/** Credential data for the sandbox (region "Custom URL"). */
export function sandboxCredentials(baseUrl: string, key: string): ICredentialDataDecryptedObject {
	return { region: 'custom', baseUrl, apiKey: key };
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	const nodes: INode[] = [
		{
			id: 'start',
			name: 'Start',
			type: START_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items) },
		},
		{
			id: 'imiconnect',
			name: 'IMIconnect',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { imiconnectApi: { id: '1', name: 'IMIconnect sandbox' } },
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	const connections = { Start: { main: [[{ node: 'IMIconnect', type: NodeConnectionTypes.Main, index: 0 }]] } };
	const workflow = new Workflow({
		id: 'test',
		nodes,
		connections,
		active: false,
		nodeTypes: nodeTypesFor(options.routingOnly === true),
	});
	const workflowData = { id: 'test', name: 'test', active: false, nodes, connections, settings: {} } as never;
	const base = 'http://127.0.0.1:5678';
	const additionalData = {
		hooks: new ExecutionLifecycleHooks('manual', '1', workflowData),
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		currentNodeExecutionIndex: 0,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const execute = new WorkflowExecute(additionalData, 'manual', createRunExecutionData());
	const run = await execute.run({ workflow, startNode: workflow.getNode('Start') as INode });
	const task = run.data.resultData.runData.IMIconnect?.[0];
	const main = task?.data?.main ?? [];
	return {
		items: (main[0] ?? []) as INodeExecutionData[],
		errorItems: (main[1] ?? []) as INodeExecutionData[],
		error: (task?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
	};
}
