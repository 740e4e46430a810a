// @ts-check
'use strict';

/**
 * `n8n execute --id … --rawOutput`, and the run it made read back from its log.
 *
 * How the run is read: n8n's `execute` command prints the run through its logger (`this.log` is
 * `logger.info`), also when the run failed ("Execution error:" then the run). With
 * `N8N_LOG_OUTPUT=file` the logger writes one JSON object per line to a log file of our own (one
 * file per command), so the run is the `message` of one line that parses as an execution.
 * Nothing depends on how n8n formats its console output.
 */

const { runN8n, readLog, explain } = require('./n8n-command');

/** @typedef {import('./n8n-env').N8nInstance} N8nInstance */

/**
 * Whether a value looks like an n8n run (IRun).
 * @param {any} value
 */
function isRun(value) {
	return !!value && typeof value === 'object' && !!value.data && typeof value.data === 'object' && !!value.data.resultData;
}

/**
 * Finds the run in an `execute` command's log (the last message that parses as one).
 * @param {string} logFile
 * @returns {any | undefined}
 */
function runFromLog(logFile) {
	const messages = readLog(logFile);
	for (let i = messages.length - 1; i >= 0; i--) {
		const text = messages[i].message.trim();
		if (!text.startsWith('{')) continue;
		try {
			const value = JSON.parse(text);
			if (isRun(value)) return value;
		} catch {
			// not JSON
		}
	}
	return undefined;
}

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
 * @property {string | undefined} lastNodeExecuted
 * @property {Record<string, any[]>} items node name → json of its first main output (last run)
 * @property {Record<string, NodeOutput>} nodes node name → what it did
 * @property {Record<string, any[]>} runData resultData.runData as n8n gives it
 * @property {any} run the whole run
 */

/**
 * What expectations get: the run, the items per node.
 * @param {any} run
 * @returns {WorkflowOutput}
 */
function toOutput(run) {
	const runData = run?.data?.resultData?.runData ?? {};
	/** @type {Record<string, NodeOutput>} */
	const nodes = {};
	/** @type {Record<string, any[]>} */
	const items = {};
	for (const [name, runs] of Object.entries(runData)) {
		const last = Array.isArray(runs) && runs.length ? runs[runs.length - 1] : undefined;
		/** @type {Record<string, any[][]>} */
		const connections = {};
		for (const [type, outputs] of Object.entries(last?.data ?? {})) {
			connections[type] = (Array.isArray(outputs) ? outputs : []).map((output) => (Array.isArray(output) ? output.map((item) => item?.json) : []));
		}
		const outputs = connections.main ?? [];
		nodes[name] = {
			items: outputs[0] ?? [],
			outputs,
			connections,
			error: last?.error,
			status: last?.executionStatus,
			runs: Array.isArray(runs) ? runs.length : 0,
		};
		items[name] = nodes[name].items;
	}
	return {
		status: String(run?.status ?? (run?.data?.resultData?.error ? 'error' : 'success')),
		error: run?.data?.resultData?.error,
		lastNodeExecuted: run?.data?.resultData?.lastNodeExecuted,
		items,
		nodes,
		runData,
		run,
	};
}

/**
 * `n8n execute --id <id> --rawOutput` and the run it made.
 * @param {N8nInstance} n8n
 * @param {string} id
 * @param {string} label
 * @returns {Promise<{ output: WorkflowOutput, ms: number, logFile: string }>}
 */
async function executeWorkflow(n8n, id, label) {
	const result = await runN8n(n8n, label, ['execute', `--id=${id}`, '--rawOutput']);
	const run = runFromLog(result.logFile);
	if (!run) throw new Error(`n8n execute --id=${id} left no run in its log: ${explain(result)}`);
	return { output: toOutput(run), ms: result.ms, logFile: result.logFile };
}

module.exports = { executeWorkflow };
