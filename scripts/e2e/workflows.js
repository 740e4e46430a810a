// @ts-check
'use strict';

/**
 * Imports into an n8n instance: the credential pointing at the sandbox, and the workflows, each
 * with an id of ours and its IMIconnect nodes given that credential.
 */

const fs = require('node:fs');
const path = require('node:path');
const { runN8n, explain } = require('./n8n-command');

/** @typedef {import('./n8n-env').N8nInstance} N8nInstance */

/** The credential's fixed id and name (workflows get them rewritten into their IMIconnect nodes). */
const CREDENTIAL_ID = 'e2eImiconnectCred';
const CREDENTIAL_NAME = 'IMIconnect sandbox';
const CREDENTIAL_TYPE = 'imiconnectApi';
const PACKAGE_NAME = 'n8n-nodes-imiconnect';

/**
 * Imports one credential of type imiconnectApi pointing at the sandbox. Its data is plain text
 * in the file; `import:credentials` encrypts it with the instance's N8N_ENCRYPTION_KEY.
 * @param {N8nInstance} n8n
 * @param {{ baseUrl: string, apiKey: string }} sandbox
 */
async function importCredential(n8n, sandbox) {
	const file = path.join(n8n.workDir, 'credentials.json');
	const now = new Date().toISOString();
	fs.writeFileSync(
		file,
		JSON.stringify(
			[
				{
					id: CREDENTIAL_ID,
					name: CREDENTIAL_NAME,
					type: CREDENTIAL_TYPE,
					data: { region: 'custom', baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey },
					createdAt: now,
					updatedAt: now,
				},
			],
			null,
			2,
		),
	);
	const result = await runN8n(n8n, 'import-credentials', ['import:credentials', `--input=${file}`]);
	if (result.code !== 0) throw new Error(`n8n import:credentials failed: ${explain(result)}`);
	return result;
}

/**
 * A workflow ready to import: our id, inactive, every node of this package given the sandbox
 * credential.
 * @param {any} workflow parsed workflow JSON
 * @param {string} id
 */
function prepareWorkflow(workflow, id) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = id;
	copy.active = false;
	delete copy.versionId;
	delete copy.activeVersionId;
	delete copy.shared;
	delete copy.meta;
	delete copy.tags;
	copy.settings = { executionOrder: 'v1', ...(copy.settings ?? {}) };
	copy.pinData = copy.pinData ?? {};
	for (const node of copy.nodes ?? []) {
		if (typeof node.type === 'string' && node.type.startsWith(`${PACKAGE_NAME}.`)) {
			node.credentials = { ...(node.credentials ?? {}), [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
		}
	}
	return copy;
}

/**
 * Imports workflows in one command (one n8n start-up for all of them).
 * @param {N8nInstance} n8n
 * @param {any[]} workflows prepared with prepareWorkflow()
 */
async function importWorkflows(n8n, workflows) {
	const file = path.join(n8n.workDir, 'workflows.json');
	fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
	const result = await runN8n(n8n, 'import-workflows', ['import:workflow', `--input=${file}`]);
	if (result.code !== 0) throw new Error(`n8n import:workflow failed: ${explain(result)}`);
	return result;
}

/**
 * A workflow id n8n accepts (≤ 21 characters, like its nanoids).
 * @param {number} index
 */
function workflowId(index) {
	return `e2eWorkflow${String(index).padStart(5, '0')}`;
}

module.exports = {
	CREDENTIAL_NAME,
	PACKAGE_NAME,
	importCredential,
	prepareWorkflow,
	importWorkflows,
	workflowId,
};
