// @ts-check
'use strict';

/**
 * `n8n execute --id … --rawOutput`, and the run it made read back from its log: n8n's `execute`
 * prints the run through its logger (also when the run failed: "Execution error:" then the run),
 * and with N8N_LOG_OUTPUT=file the logger writes one JSON object per line to a file of our own,
 * so the run is the `message` of one line that parses as an execution. Nothing depends on how n8n
 * formats its console output.
 */

const { runN8n, readLog, explain } = require('./n8n');

/**
 * @typedef {Object} NodeOutput
 * @property {any[]} items json of the node's first main output, last run
 * @property {any[][]} outputs json of each main output, last run
 * @property {Record<string, any[][]>} connections json of every output by connection type
 *   (e.g. ai_tool for a node run as a tool), last run
 * @property {any} error the node's error, if it failed
 * @property {string | undefined} status its executionStatus
 * @property {number} runs how many times it ran
 *
 * @typedef {Object} WorkflowOutput
 * @property {string} status the run's status ('success', 'error', …)
 * @property {any} error the run's error (resultData.error), if any
 * @property {Record<string, any[]>} items node name → json of its first main output (last run)
 * @property {Record<string, NodeOutput>} nodes node name → what it did
 * @property {Record<string, any[]>} runData resultData.runData as n8n gives it
 * @property {any} run the whole run
 */

/** The last message of an `execute` command's log that parses as a run (IRun). @param {string} logFile */
function runFromLog(logFile) {
	for (const { message } of readLog(logFile).reverse()) {
		try {
			const value = message.trim().startsWith('{') ? JSON.parse(message) : undefined;
			if (value?.data?.resultData) return value;
		} catch {
			// not JSON
		}
	}
	return undefined;
}

/** What expectations get: the run, the items per node. @param {any} run @returns {WorkflowOutput} */
function toOutput(run) {
	const runData = run.data.resultData.runData ?? {};
	/** @type {Record<string, NodeOutput>} */
	const nodes = {};
	for (const [name, runs] of Object.entries(runData)) {
		const last = runs.at(-1);
		const connections = Object.fromEntries(
			Object.entries(last?.data ?? {}).map(([type, outputs]) => [type, (outputs ?? []).map((/** @type {any} */ output) => (output ?? []).map((/** @type {any} */ item) => item?.json))]),
		);
		const outputs = connections.main ?? [];
		nodes[name] = { items: outputs[0] ?? [], outputs, connections, error: last?.error, status: last?.executionStatus, runs: runs.length };
	}
	const items = Object.fromEntries(Object.entries(nodes).map(([name, node]) => [name, node.items]));
	const error = run.data.resultData.error;
	return { status: String(run.status ?? (error ? 'error' : 'success')), error, items, nodes, runData, run };
}

/** `n8n execute --id <id> --rawOutput` and the run it made. @param {import('./n8n').N8nInstance} n8n @param {string} id @param {string} label */
async function executeWorkflow(n8n, id, label) {
	const result = await runN8n(n8n, label, ['execute', `--id=${id}`, '--rawOutput']);
	const run = runFromLog(result.logFile);
	if (!run) throw new Error(`n8n execute --id=${id} left no run in its log: ${explain(result)}`);
	return toOutput(run);
}

module.exports = { executeWorkflow };
