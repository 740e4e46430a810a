// @ts-check
'use strict';

/**
 * IMIconnect Profile API sandbox: a local HTTP server that behaves as the project's API contract
 * says. See README.md beside this file.
 *
 *   const { startSandbox } = require('./sandbox');
 *   const sb = await startSandbox({ port: 0, key: 'sandbox-key' });
 *   // … sb.baseUrl, sb.log, sb.store, sb.configure(), sb.addFaults() …
 *   await sb.close();
 */

const { Sandbox, startSandbox } = require('./server');
const { DEFAULT_ATTRIBUTES, DEFAULT_APP_IDS, DEFAULT_KEY, defaultOptions } = require('./options');
const { DESCRIPTIONS } = require('./codes');
const { ACTIONS: FAULT_ACTIONS } = require('./faults');
const { addDemoData } = require('./demo');
const { tempDataFile, readJsonFile, writeTextFile, removeFile } = require('./datafile');
const { callSandbox } = require('./client');
const { selfSignedCertificate } = require('./tls');

module.exports = {
	startSandbox,
	Sandbox,
	DEFAULT_ATTRIBUTES,
	DEFAULT_APP_IDS,
	DEFAULT_KEY,
	DESCRIPTIONS,
	FAULT_ACTIONS,
	defaultOptions,
	addDemoData,
	callSandbox,
	selfSignedCertificate,
	tempDataFile,
	readJsonFile,
	writeTextFile,
	removeFile,
};
