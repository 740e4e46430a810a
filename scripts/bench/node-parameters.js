// @ts-check
'use strict';

/**
 * What the node is given for a Profile operation in the benchmark, and the status each of its
 * output items then carries.
 */

/** @typedef {import('./clients').Operation} Operation */

/** The status every output item of a write carries. */
const DONE = /** @type {Record<Operation, string | undefined>} */ ({
	create: 'created',
	update: 'updated',
	upsert: 'created',
	delete: 'deleted',
	get: undefined,
});

/**
 * The node's parameters for a Profile operation.
 * @param {Operation} op
 * @param {number} concurrency
 * @returns {import('n8n-workflow').INodeParameters}
 */
function nodeParameters(op, concurrency) {
	/** @type {import('n8n-workflow').INodeParameters} */
	const parameters = { resource: 'profile', operation: op };
	if (op === 'create' || op === 'update' || op === 'upsert') parameters.attributesMode = 'autoMap';
	if (op === 'get') parameters.showInwardLinks = 0;
	// Always explicit: the node's default Concurrency is not 1.
	parameters.options = { concurrency };
	return parameters;
}

module.exports = { DONE, nodeParameters };
