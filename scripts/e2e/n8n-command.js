// @ts-check
'use strict';

/**
 * Runs n8n CLI commands headlessly, each with its logs in a JSON-lines file of its own
 * (`N8N_LOG_OUTPUT=file`), and reads those logs back.
 */

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { killTree } = require('../lib/proc');

/** @typedef {import('./n8n-env').N8nInstance} N8nInstance */

/**
 * Runs one n8n CLI command with its logs in a file of its own.
 * @param {N8nInstance} n8n
 * @param {string} label file name stem for its logs
 * @param {string[]} args
 * @param {{ timeoutMs?: number }} [opts]
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string, logFile: string, ms: number }>}
 */
function runN8n(n8n, label, args, opts = {}) {
	const logFile = path.join(n8n.workDir, `${label}.n8n.log`);
	const stdoutFile = path.join(n8n.workDir, `${label}.stdout`);
	const stderrFile = path.join(n8n.workDir, `${label}.stderr`);
	fs.rmSync(logFile, { force: true });
	const env = {
		...n8n.env,
		N8N_LOG_OUTPUT: 'file',
		N8N_LOG_FILE_LOCATION: logFile,
		N8N_LOG_FILE_SIZE_MAX: '1024',
	};
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const out = fs.openSync(stdoutFile, 'w');
		const err = fs.openSync(stderrFile, 'w');
		const child = spawn(n8n.nodeBin, [n8n.n8nBin, ...args], {
			cwd: n8n.workDir,
			env,
			stdio: ['ignore', out, err],
			detached: process.platform !== 'win32', // its own process group: its task runners go with it
		});
		n8n.children.add(child);
		const timeoutMs = opts.timeoutMs ?? 180_000;
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killTree(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			n8n.children.delete(child);
			fs.closeSync(out);
			fs.closeSync(err);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			n8n.children.delete(child);
			// stray task runners of this command, if any, go too
			killTree(child, 'SIGKILL');
			fs.closeSync(out);
			fs.closeSync(err);
			const result = {
				code,
				signal: timedOut ? `timeout after ${timeoutMs} ms` : signal,
				stdout: fs.readFileSync(stdoutFile, 'utf8'),
				stderr: fs.readFileSync(stderrFile, 'utf8'),
				logFile,
				ms: Date.now() - started,
			};
			resolve(result);
		});
	});
}

/**
 * The messages of a JSON-lines n8n log file.
 * @param {string} logFile
 * @returns {{ level: string, message: string }[]}
 */
function readLog(logFile) {
	let text = '';
	try {
		text = fs.readFileSync(logFile, 'utf8');
	} catch {
		return [];
	}
	/** @type {{ level: string, message: string }[]} */
	const lines = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		try {
			const entry = JSON.parse(line);
			lines.push({ level: String(entry.level ?? ''), message: typeof entry.message === 'string' ? entry.message : JSON.stringify(entry.message) });
		} catch {
			lines.push({ level: '', message: line });
		}
	}
	return lines;
}

/**
 * Explains a failed command in a few lines: its warnings and errors, else the end of its output.
 * @param {{ code: number | null, signal: string | null, stdout: string, stderr: string, logFile: string }} result
 */
function explain(result) {
	const problems = readLog(result.logFile)
		.filter((l) => l.level === 'error' || l.level === 'warn')
		.map((l) => `  ${l.level}: ${l.message.split('\n').slice(0, 6).join('\n    ')}`);
	const tail = (/** @type {string} */ s) =>
		s
			.trim()
			.split('\n')
			.slice(-15)
			.map((l) => `  | ${l}`)
			.join('\n');
	return [
		`exit ${result.signal ?? result.code}`,
		...problems.slice(-12),
		result.stderr.trim() ? `stderr:\n${tail(result.stderr)}` : '',
		!problems.length && result.stdout.trim() ? `stdout:\n${tail(result.stdout)}` : '',
	]
		.filter(Boolean)
		.join('\n');
}

module.exports = { runN8n, readLog, explain };
