// @ts-check
/**
 * Runs a real workflow — a start node emitting the given items, then the
 * IMIconnect node — through n8n-core's WorkflowExecute, with HTTP going where
 * the credential points (the sandbox on 127.0.0.1). Used by the tests, the
 * demo and the benchmark. It loads the built package (dist/), what users get,
 * and refuses a dist/ older than the source (run `npm run build`).
 *
 * Not n8n's own here: the start node (n8n's Manual Trigger is in
 * n8n-nodes-base, which is not installed; this one just emits the items) and
 * the credentials helper (n8n's is in the app; for a credential whose
 * `authenticate` is a function it calls that function, as this one does).
 */
const path = require('node:path');
const { DirectoryLoader, ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { createRunExecutionData, ICredentialsHelper, NodeConnectionTypes, Workflow } = require('n8n-workflow');

const { assertFreshDist } = require('./fresh-dist');

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const NODE_TYPE = 'n8n-nodes-imiconnect.imiconnect';
const START_TYPE = 'test.items';

/** @typedef {import('n8n-workflow').IDataObject} IDataObject */
/** @typedef {import('n8n-workflow').INodeExecutionData} INodeExecutionData */
/** @typedef {import('n8n-workflow').INode} INode */
/** @typedef {import('n8n-workflow').INodeType} INodeType */
/** @typedef {import('n8n-workflow').ICredentialDataDecryptedObject} ICredentialDataDecryptedObject */

let checked = false;

/** Requires a file of dist/, once the build is known to be as new as the source. @param {string[]} parts */
function requireBuilt(...parts) {
	if (!checked) {
		assertFreshDist();
		checked = true;
	}
	return require(path.join(DIST, ...parts));
}

function loadPackage() {
	const { Imiconnect } = requireBuilt('nodes', 'Imiconnect', 'Imiconnect.node.js');
	const { ImiconnectApi } = requireBuilt('credentials', 'ImiconnectApi.credentials.js');
	return { Imiconnect, ImiconnectApi };
}

/**
 * Emits the run's items, like a Manual Trigger followed by a Code node. They
 * are handed over directly, not as a parameter, so that n8n does not copy and
 * validate 100 000 items before the node under test even starts.
 */
class TestItems {
	/** @param {IDataObject[]} items */
	constructor(items) {
		this.items = items;
		/** @type {any} */
		this.description = { displayName: 'Test Items', name: 'testItems', group: ['input'], version: 1, description: 'Emits the given items', defaults: { name: 'Start' }, inputs: [], outputs: [NodeConnectionTypes.Main], properties: [] };
		this.execute = async () => [items.map((json) => ({ json }))];
	}
}

class TestCredentialsHelper extends ICredentialsHelper {
	/** @param {ICredentialDataDecryptedObject} data */
	constructor(data) {
		super();
		this.data = data;
		this.type = new (loadPackage().ImiconnectApi)();
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	/** @param {ICredentialDataDecryptedObject} credentials @param {string} _typeName @param {import('n8n-workflow').IHttpRequestOptions} requestOptions */
	async authenticate(credentials, _typeName, requestOptions) {
		return await this.type.authenticate(credentials, requestOptions);
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	/** @returns {Promise<any>} */
	async getCredentials() {
		throw new Error('not used by the engine here');
	}
	async getDecrypted() {
		return { ...this.data };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return this.type.properties;
	}
}

/** The node n8n's credential tester builds for a credential whose `test` is a request: a declarative node with one parameter routed to that request. */
function credentialTestNode() {
	const credential = new (loadPackage().ImiconnectApi)();
	return {
		description: {
			displayName: 'Credential test', name: 'credentialTest', group: ['transform'], version: 1, description: '', defaults: { name: 'Credential test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credential.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credential.test.request } }],
		},
	};
}

/** @param {boolean} routingOnly @param {boolean} credentialTest @param {IDataObject[]} items */
function nodeTypesFor(routingOnly, credentialTest, items) {
	const imiconnect = credentialTest ? credentialTestNode() : new (loadPackage().Imiconnect)();
	if (routingOnly) delete imiconnect.customOperations;
	// As n8n's loader does for a declarative node: it gets Settings → Request Options (`requestOptions`).
	if (!credentialTest) DirectoryLoader.applyDeclarativeNodeOptionParameters(/** @type {any} */ (imiconnect));
	/** @type {Record<string, any>} */
	const types = { [NODE_TYPE]: imiconnect, [START_TYPE]: new TestItems(items) };
	return /** @type {import('n8n-workflow').INodeTypes} */ (
		/** @type {unknown} */ ({
			getByName: (/** @type {string} */ name) => types[name],
			getByNameAndVersion: (/** @type {string} */ name) => types[name],
			getKnownTypes: () => ({}),
		})
	);
}

/** Credential data for a base URL (region "Custom URL"). @param {string} baseUrl @param {string} key @returns {ICredentialDataDecryptedObject} */
function sandboxCredentials(baseUrl, key) {
	return { region: 'custom', baseUrl, apiKey: key };
}

/**
 * @typedef {object} RunOptions
 * @property {import('n8n-workflow').INodeParameters} parameters the node's parameters (resource, operation, …)
 * @property {IDataObject[]} items the start node's output
 * @property {ICredentialDataDecryptedObject} credentials
 * @property {INode['onError']} [onError] n8n's "On Error" setting of the node
 * @property {boolean} [routingOnly] run without customOperations, as an AI agent's tool call does (one request per item through n8n's RoutingNode)
 * @property {boolean} [credentialTest] run the credential's test request instead of the node, as n8n's credential tester does
 * @property {AbortSignal} [stop] n8n's Stop: when it aborts, the execution is cancelled as the app's Stop button does (it calls `cancel()` on what WorkflowExecute.run returns, which aborts the signal the node gets from getExecutionCancelSignal)
 */

/**
 * @typedef {object} RunResult
 * @property {INodeExecutionData[]} items the node's first output (empty when it failed)
 * @property {INodeExecutionData[]} errorItems the error output (On Error = continueErrorOutput)
 * @property {(Error & { description?: string | null, context?: IDataObject }) | undefined} error the node's error, when it failed
 * @property {import('n8n-workflow').IRun} run
 */

/** @param {RunOptions} options @returns {Promise<RunResult>} */
async function runNode(options) {
	/** @type {INode[]} */
	const nodes = [
		{ id: 'start', name: 'Start', type: START_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'imiconnect',
			name: 'IMIconnect',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { imiconnectApi: { id: '1', name: 'IMIconnect' } },
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	const connections = { Start: { main: [[{ node: 'IMIconnect', type: NodeConnectionTypes.Main, index: 0 }]] } };
	const workflow = new Workflow({
		id: 'test',
		nodes,
		connections,
		active: false,
		nodeTypes: nodeTypesFor(options.routingOnly === true, options.credentialTest === true, options.items),
	});
	const workflowData = /** @type {any} */ ({ id: 'test', name: 'test', active: false, nodes, connections, settings: {} });
	const base = 'http://127.0.0.1:5678';
	const additionalData = /** @type {any} */ ({
		restApiUrl: `${base}/rest`, instanceBaseUrl: base, formBaseUrl: `${base}/form`, formWaitingBaseUrl: `${base}/form-waiting`, formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`, webhookWaitingBaseUrl: `${base}/webhook-waiting`, webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`, mcpTestBaseUrl: `${base}/mcp-test`,
		hooks: new ExecutionLifecycleHooks('manual', '1', workflowData),
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		currentNodeExecutionIndex: 0,
		variables: {},
	});
	const execute = new WorkflowExecute(additionalData, 'manual', createRunExecutionData());
	const running = execute.run({ workflow, startNode: /** @type {INode} */ (workflow.getNode('Start')) });
	const stop = options.stop;
	const cancel = () => running.cancel();
	if (stop?.aborted) cancel();
	else stop?.addEventListener('abort', cancel, { once: true });
	let run;
	try {
		run = await running;
	} finally {
		stop?.removeEventListener('abort', cancel);
	}
	const task = run.data.resultData.runData.IMIconnect?.[0];
	const main = task?.data?.main ?? [];
	return {
		items: /** @type {INodeExecutionData[]} */ (main[0] ?? []),
		errorItems: /** @type {INodeExecutionData[]} */ (main[1] ?? []),
		error: /** @type {any} */ (task?.error ?? run.data.resultData.error),
		run,
	};
}

/**
 * Tests a credential as n8n's credential tester does: the test request goes
 * through the credential's authentication and n8n's routing, then each rule
 * is checked against the answer (a rule that matches means failure).
 * @param {ICredentialDataDecryptedObject} credentials
 * @returns {Promise<{ status: 'OK' | 'Error', message: string }>}
 */
async function testCredential(credentials) {
	const result = await runNode({ parameters: {}, items: [{}], credentials, credentialTest: true });
	if (result.error) return { status: 'Error', message: result.error.message };
	const body = result.items[0]?.json ?? {};
	const { test } = new (loadPackage().ImiconnectApi)();
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = String(rule.properties.key)
			.split('.')
			.reduce((/** @type {any} */ at, key) => (at === undefined || at === null ? undefined : at[key]), body);
		if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful' };
}

/** The node's registered operations, by resource and value (the tests keep a fixture for each). @returns {Array<{ resource: string, value: string }>} */
function registeredOperations() {
	const { OPERATIONS } = requireBuilt('nodes', 'Imiconnect', 'operations', 'index.js');
	return OPERATIONS.map((/** @type {{ resource: string, value: string }} */ { resource, value }) => ({ resource, value }));
}

module.exports = { runNode, testCredential, sandboxCredentials, registeredOperations, NODE_TYPE };
