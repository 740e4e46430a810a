// @ts-check
'use strict';

/**
 * The environment of an offline, loopback-only n8n instance, and what describes one instance.
 */

const path = require('node:path');
const crypto = require('node:crypto');

/**
 * Environment of an n8n instance kept offline and on loopback, with its own user folder. The Node
 * that runs n8n comes first on PATH: n8n starts the Code node's task runner with the `node` it
 * finds there.
 * @param {{ userFolder: string, encryptionKey: string, port: number, brokerPort: number, nodeBin: string, extra?: NodeJS.ProcessEnv }} opts
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv(opts) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	// nothing of the outer shell's n8n, npm or node settings leaks into the instance
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|npm_|NODE_OPTIONS$|NODE_PATH$|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|WEBHOOK_URL$)/i.test(key)) continue;
		env[key] = value;
	}
	Object.assign(env, {
		PATH: [path.dirname(opts.nodeBin), process.env.PATH ?? ''].join(path.delimiter),
		N8N_USER_FOLDER: opts.userFolder,
		N8N_ENCRYPTION_KEY: opts.encryptionKey,
		DB_TYPE: 'sqlite',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(opts.port),
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(opts.brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		NO_COLOR: '1',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	});
	return Object.assign(env, opts.extra ?? {});
}

/**
 * @typedef {Object} N8nInstance
 * @property {string} nodeBin the Node that runs n8n
 * @property {string} n8nBin n8n's bin/n8n
 * @property {string} userFolder N8N_USER_FOLDER
 * @property {string} workDir where command logs and input files go
 * @property {NodeJS.ProcessEnv} env
 * @property {Set<import('node:child_process').ChildProcess>} children running commands, for cleanup
 */

/** A random value for N8N_ENCRYPTION_KEY and the sandbox key. */
function randomKey() {
	return crypto.randomBytes(24).toString('base64url');
}

module.exports = { n8nEnv, randomKey };
