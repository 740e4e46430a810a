// @ts-check
'use strict';

/** Printing progress lines, whole numbers written with thin gaps (1 000 000), and a run's summary file. */

/** @param {string} text */
function say(text) {
	process.stdout.write(`${text}\n`);
}

/** @param {number} n */
function fmt(n) {
	return Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');
}


/**
 * Writes a run's summary as Markdown: the run's facts (`meta`, one line each), the table as
 * printed, its legend, and the targets' verdicts. What the repository keeps of a run.
 * @param {string} file
 * @param {{ title: string, meta: Record<string, unknown>, table: string, legend: string, notes?: string[], targets: string[] }} summary
 */
function writeSummary(file, summary) {
	const facts = Object.entries(summary.meta).map(([key, value]) => `- ${key}: ${Array.isArray(value) ? value.join(' ') || '(none)' : String(value)}`);
	const text = [`# ${summary.title}`, '', ...facts, '', '```', summary.table, '```', '', summary.legend, '', ...(summary.notes ?? []).map((n) => `${n}\n`), '## Targets', '', ...summary.targets.map((t) => `- ${t}`), ''];
	require('node:fs').writeFileSync(file, text.join('\n'));
	say(`summary written to ${require('node:path').relative(process.cwd(), file) || file}`);
}

module.exports = { say, fmt, writeSummary };
