/** Figures of the tenant-pace engine tests, read from the sandbox's request log (arrival times). */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { print } from './print';
import { customers, run, type Sandbox } from './support';

export interface LogEntry {
	time: number;
	code: string;
	tenant?: number;
}

export interface Figures {
	requests: number;
	throttled: number;
	/** 7020 answers / requests, in %. */
	throttledShare: number;
	/** Most requests that arrived within any 1000 ms (the sandbox's sliding window). */
	peak: number;
	/** Requests not throttled per second from `skipMs` after the first request to the last one. */
	steadyRate: number;
	wallMs: number;
	/** 7020 answers per second since the first request: "second×count", e.g. "0×12 5×2". */
	throttleSeconds: string;
}

/** The log's entries, of one tenant when `tenant` is given. */
export function entriesOf(sandbox: Sandbox, tenant?: number): LogEntry[] {
	const entries = sandbox.log.entries as LogEntry[];
	return tenant === undefined ? entries : entries.filter((entry) => entry.tenant === tenant);
}

export function figuresOf(entries: LogEntry[], wallMs: number, skipMs = 2000): Figures {
	const times = entries.map((entry) => entry.time).sort((a, b) => a - b);
	const throttled = entries.filter((entry) => entry.code === '7020').length;
	let peak = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= 1000) j++;
		peak = Math.max(peak, i - j + 1);
	}
	const from = (times[0] ?? 0) + skipMs;
	const last = times[times.length - 1] ?? from;
	const steady = entries.filter((entry) => entry.time >= from && entry.code !== '7020').length;
	const bySecond = new Map<number, number>();
	for (const entry of entries) {
		if (entry.code !== '7020') continue;
		const second = Math.floor((entry.time - (times[0] ?? 0)) / 1000);
		bySecond.set(second, (bySecond.get(second) ?? 0) + 1);
	}
	return {
		throttleSeconds: [...bySecond].map(([second, n]) => `${second}s×${n}`).join(' '),
		requests: entries.length,
		throttled,
		throttledShare: entries.length ? (100 * throttled) / entries.length : 0,
		peak,
		steadyRate: last > from ? steady / ((last - from) / 1000) : 0,
		wallMs,
	};
}

/** One line of figures for the test output (the closing note quotes them). */
export function report(label: string, figures: Figures, limit?: number): void {
	const share = limit ? `, ${((100 * figures.steadyRate) / limit).toFixed(0)} % of ${limit}/s` : '';
	print(
		`[tenant pace] ${label}: ${figures.requests} requests, ${figures.throttled} × 7020 (${figures.throttledShare.toFixed(1)} %), ` +
			`peak ${figures.peak} in 1 s, steady ${figures.steadyRate.toFixed(1)}/s${share}, wall ${(figures.wallMs / 1000).toFixed(1)} s` +
			(figures.throttled ? ` (7020 by second from the first request: ${figures.throttleSeconds})` : ''),
	);
}

export interface CreateRun {
	items: number;
	prefix: string;
	batchSize: number;
	maxRequestsPerSecond?: number;
	key?: string;
}

/** Profile Create of `items` customers, Continue On Fail on (every item is its result or its error). */
export async function createRun(sandbox: Sandbox, spec: CreateRun): Promise<IDataObject[]> {
	const options: INodeParameters = { batchSize: spec.batchSize };
	if (spec.maxRequestsPerSecond !== undefined) options.maxRequestsPerSecond = spec.maxRequestsPerSecond;
	const result = await run(
		sandbox,
		{ resource: 'profile', operation: 'create', attributesMode: 'autoMap', options },
		customers(spec.items, spec.prefix),
		{
			onError: 'continueRegularOutput',
			...(spec.key ? { credentials: { region: 'custom', baseUrl: sandbox.baseUrl, apiKey: spec.key } } : {}),
		},
	);
	if (result.error) throw result.error;
	return result.items.map((item) => item.json);
}

/** Items whose result is not 'created' (an error item, or another status). */
export function notCreated(results: IDataObject[]): IDataObject[] {
	return results.filter((json) => json.status !== 'created');
}

/** Wall time of `work`, in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = Date.now();
	const value = await work();
	return { value, ms: Date.now() - started };
}
