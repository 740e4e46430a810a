// @ts-check
'use strict';

/** Printing: progress lines, whole numbers with thin gaps (1 000 000), tables, the run's facts and its summary file. */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** @param {string} text */
function say(text) {
	process.stdout.write(`${text}\n`);
}

/** @param {number} n */
function fmt(n) {
	return Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');
}

/** @param {number} ms */
function ms(ms) {
	return ms >= 100 ? fmt(ms) : ms.toFixed(1);
}

/** @param {number | null | undefined} x @param {number} [digits] */
function ratio(x, digits = 2) {
	return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

/** @param {number} concurrency 0 = Auto, the node's default */
function conc(concurrency) {
	return concurrency === 0 ? 'Auto' : String(concurrency);
}

/**
 * A table: the first `left` columns aligned left, the others right.
 * @param {string[]} columns
 * @param {string[][]} rows
 * @param {number} left
 */
function table(columns, rows, left) {
	const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
	const line = (/** @type {string[]} */ cells) => cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** @param {string} pkg '.' for this package */
function versionOf(pkg) {
	const file = pkg === '.' ? path.join(ROOT, 'package.json') : path.join(ROOT, 'node_modules', pkg, 'package.json');
	try {
		return String(JSON.parse(fs.readFileSync(file, 'utf8')).version);
	} catch {
		return 'unknown';
	}
}

const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** The run's facts, as the summary files record them (no paths of the machine). */
function runFacts() {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString(),
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		cpus: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
		memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
		n8nCore: versionOf('n8n-core'),
		package: versionOf('.'),
		args: process.argv.slice(2).join(' ') || '(none)',
		loadAverageAtStart: load().join(' '),
		loadAverageAtEnd: '',
		durationS: 0,
	};
}

/**
 * Ends a run: facts completed, sections and targets printed, the summary written as Markdown (what the
 * repository keeps of a run) to `out`, or for a run of the defaults to bench/<defaultFile>.
 * @param {{ title: string, facts: ReturnType<typeof runFacts>, sections: Array<{ title: string, table: string, legend: string }>, targets: string[] }} s
 * @param {number} started
 * @param {string | undefined} out
 * @param {string | undefined} defaultFile undefined for a partial run
 */
function finish(s, started, out, defaultFile) {
	s.facts.durationS = Math.round((Date.now() - started) / 1000);
	s.facts.loadAverageAtEnd = load().join(' ');
	for (const section of s.sections) say(`\n${section.title}\n\n${section.table}\n${section.legend}`);
	say(`\nTargets:\n${s.targets.map((t) => `  ${t}`).join('\n')}\n\n${s.facts.durationS} s in all; load average at the end ${s.facts.loadAverageAtEnd}`);
	const file = out ?? (defaultFile && path.join(ROOT, 'bench', defaultFile));
	if (!file) return say('summary not written (a partial run); --out FILE writes it');
	const text = [`# ${s.title}`, '', ...Object.entries(s.facts).map(([k, v]) => `- ${k}: ${String(v)}`), ''];
	for (const section of s.sections) text.push(`## ${section.title}`, '', '```', section.table, '```', '', section.legend, '');
	text.push('## Targets', '', ...s.targets.map((t) => `- ${t}`), '');
	fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	fs.writeFileSync(file, text.join('\n'));
	say(`summary written to ${path.relative(process.cwd(), file) || file}`);
}

module.exports = { ROOT, say, fmt, ms, ratio, conc, table, runFacts, finish };
