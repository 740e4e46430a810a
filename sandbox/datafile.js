// @ts-check
'use strict';

/**
 * The optional data file: the store as JSON, loaded at start and saved after each applied write.
 * Saving writes a temporary file beside it and renames it, so a crash never leaves half a file.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');

/**
 * @typedef {import('./store').ProfileStore} ProfileStore
 */

/**
 * Load `file` into the store. A missing file is fine (the store stays empty; the file is created
 * by the first save); an unreadable or invalid one throws.
 * @param {string} file
 * @param {ProfileStore} store
 * @returns {boolean} whether the file existed
 */
function loadDataFile(file, store) {
	let text;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return false;
		throw error;
	}
	let data;
	try {
		data = JSON.parse(text);
	} catch (error) {
		throw new Error(`sandbox data file ${file} is not valid JSON: ${String(error)}`);
	}
	store.load(data);
	return true;
}

/**
 * @param {string} file
 * @param {ProfileStore} store
 */
function saveDataFile(file, store) {
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, JSON.stringify(store.toJSON(), null, 1));
	fs.renameSync(tmp, file);
}

/**
 * A fresh path in the OS temp directory (nothing is created), for tests and scripts.
 * @param {string} [prefix]
 * @returns {string}
 */
function tempDataFile(prefix = 'imiconnect-sandbox') {
	return path.join(os.tmpdir(), `${prefix}-${crypto.randomUUID()}.json`);
}

/**
 * Read a JSON file (for tests and scripts); undefined when it does not exist.
 * @param {string} file
 * @returns {unknown}
 */
function readJsonFile(file) {
	if (!fs.existsSync(file)) return undefined;
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Write a text file (for tests and scripts).
 * @param {string} file
 * @param {string} text
 */
function writeTextFile(file, text) {
	fs.writeFileSync(file, text);
}

/**
 * Remove a file if it exists.
 * @param {string} file
 */
function removeFile(file) {
	fs.rmSync(file, { force: true });
}

module.exports = { loadDataFile, saveDataFile, tempDataFile, readJsonFile, writeTextFile, removeFile };
