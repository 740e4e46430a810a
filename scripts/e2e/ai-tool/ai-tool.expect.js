// @ts-check
'use strict';

/**
 * Expectation of ai-tool.workflow.json: the path an AI agent's tool call takes, in the real app,
 * without a language model. n8n's Tool Executor (`@n8n/n8n-nodes-langchain.toolExecutor`, what the
 * editor uses to test a tool) invokes `n8n-nodes-imiconnect.imiconnectTool` as an agent does
 * (getInputConnectionData → createNodeAsTool → makeHandleToolInvocation → `nodeType.execute`, the
 * RoutingNode one n8n assigns to a declarative node; customOperations are never consulted), so the
 * node's single-record routing must answer: the tool's run is under the `ai_tool` connection, and
 * one request for the one customer ID reached the sandbox. The query names the arguments twice:
 * n8n 2.x looks them up under the tool's name, n8n 1.x passes the whole query (the tool's schema
 * drops the key it does not know).
 */

const assert = require('node:assert/strict');

const TOOL = 'Get_profile_tool';
const EXECUTOR = 'Tool Executor';

/** @param {{ sandbox: any }} ctx */
async function setup({ sandbox }) {
	sandbox.store.putProfile('c-1', { name: 'Customer One', email: 'one@example.com' });
	sandbox.store.putProfile('c-2', { name: 'Customer Two', email: 'two@example.com' });
}

/** @param {unknown} value */
function parsed(value) {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/**
 * @param {import('../run-output').WorkflowOutput} output
 * @param {{ sandbox: any }} ctx
 */
async function check(output, { sandbox }) {
	assert.ok(!output.error, `the run failed: ${output.error?.message} ${output.error?.description ?? ''}`);

	const tool = output.nodes[TOOL];
	assert.ok(tool, `the tool node did not run (ran: ${Object.keys(output.nodes).join(', ')})`);
	assert.ok(!tool.error, `the tool failed: ${tool.error?.message}`);
	const aiTool = tool.connections.ai_tool;
	assert.ok(aiTool, `the tool's run has no ai_tool output (has: ${Object.keys(tool.connections).join(', ')})`);
	const response = aiTool[0]?.[0]?.response;
	assert.ok(Array.isArray(response), `the tool answered ${JSON.stringify(aiTool)}`);
	assert.equal(response.length, 1, `one profile expected from the tool, got ${JSON.stringify(response)}`);
	assert.equal(response[0].customerId, 'c-1');
	assert.equal(response[0].name, 'Customer One');

	const executorItems = output.items[EXECUTOR];
	assert.equal(executorItems?.length, 1, `the Tool Executor gave ${JSON.stringify(executorItems)}`);
	const answer = parsed(executorItems[0]);
	const answered = Array.isArray(answer) ? answer : parsed(/** @type {any} */ (answer)?.response ?? answer);
	assert.match(JSON.stringify(answered), /"customerId":"c-1"/, `the agent would have been told ${JSON.stringify(answer)}`);

	const requests = sandbox.log.entries.map((/** @type {any} */ e) => `${e.method} ${e.rawPath}`);
	assert.equal(requests.length, 1, `expected 1 request to the sandbox, got:\n  ${requests.join('\n  ')}`);
	const url = new URL(requests[0].replace(/^GET /, ''), 'http://sandbox');
	assert.equal(url.pathname, '/resources/v2/customerprofile');
	assert.deepEqual(url.searchParams.getAll('customerId'), ['c-1']);
}

module.exports = { setup, check };
