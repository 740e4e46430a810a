import type { IDataObject } from 'n8n-workflow';

import { MAX_BATCH } from './input';
import type { OutputSettings } from './output';
import type { SettleSettings } from './settle';
import { DEFAULT_TRANSPORT, type TransportSettings } from './transport';
import type { ParamReader } from './types';

export interface RunSettings extends TransportSettings, SettleSettings, OutputSettings {
	batchSize: number;
	/** Batches in flight at once. */
	concurrency: number;
}

function bounded(value: unknown, fallback: number, min: number, max: number): number {
	const number = Number(value);
	if (value === undefined || value === null || value === '' || !Number.isFinite(number)) return fallback;
	return Math.min(max, Math.max(min, number));
}

/** The node's options, read once per run (they are node-level, not per item). */
export function readSettings(read: ParamReader): RunSettings {
	const options = (read('options', {}) ?? {}) as IDataObject;
	return {
		simplify: read('simplify', true) !== false,
		batchSize: Math.floor(bounded(options.batchSize, MAX_BATCH, 1, MAX_BATCH)),
		concurrency: Math.floor(bounded(options.concurrency, 1, 1, 16)),
		maxRequestsPerSecond: bounded(options.maxRequestsPerSecond, 0, 0, 1000),
		waitForCompletion: options.waitForCompletion === true,
		waitTimeoutMs: bounded(options.waitTimeout, 60, 0, 3600) * 1000,
		timeoutMs: bounded(options.timeout, DEFAULT_TRANSPORT.timeoutMs, 100, 600_000),
		maxRetries: Math.floor(bounded(options.maxRetries, DEFAULT_TRANSPORT.maxRetries, 0, 10)),
		maxRetryWaitMs: bounded(options.maxRetryWait, DEFAULT_TRANSPORT.maxRetryWaitMs / 1000, 0, 3600) * 1000,
	};
}
