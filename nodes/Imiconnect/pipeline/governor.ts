/**
 * The governor: one pace per tenant in this n8n process (main or worker),
 * shared by every run of the node against it — loop turns, parallel branches,
 * executions at once, AI-tool calls.
 *
 * - Max Requests per Second is the tenant's: in any 1 s window (plus a 50 ms
 *   margin) all runs together start at most that many requests; where runs set
 *   different values, the lowest of the runs joined holds.
 * - Throttles (7020, HTTP 429) teach every run: an adaptive rate, off until the
 *   first throttle (governor-rate.ts), with or without a told limit.
 * - Concurrency Auto (0) follows the answers (governor-concurrency.ts).
 */
import { createHash } from 'crypto';

import { processClock, type Clock } from './governor-clock';
import { Registry } from './governor-registry';
import type { RunState } from './governor-tenant';

export type { Clock } from './governor-clock';

export interface RunPace {
	/**
	 * Waits until one request may start against the tenant; rejects at once with
	 * the signal's reason when `signal` aborts. Every attempt, retry, status poll
	 * and read-back calls it. Resolves with the start's number, for answered().
	 */
	start(signal?: AbortSignal): Promise<number>;
	/**
	 * After each attempt: throttled = 7020 or HTTP 429; ms = the attempt's round
	 * trip; start = the number its start() gave (the window then knows by when
	 * that request had surely reached the tenant).
	 */
	answered(answer: { throttled: boolean; ms: number; start?: number }): void;
	/** Batches this run may have in flight now: the fixed Concurrency, or Auto's current level. */
	concurrency(): number;
	/** The run ended: its Max Requests per Second no longer holds. */
	leave(): void;
}

export interface RunOptions {
	maxRequestsPerSecond: number;
	/** 0 = Auto. */
	concurrency: number;
	minGapMs: number;
}

/**
 * A tenant: the API base URL (without any user info, no trailing slash) plus
 * a hash of the profile key (sha256, first 16 hex); the key itself is never
 * stored or logged.
 */
export function tenantKey(baseUrl: string, profileKey: string): string {
	const hash = createHash('sha256').update(profileKey, 'utf8').digest('hex').slice(0, 16);
	return `${plainBase(baseUrl)}#${hash}`;
}

function plainBase(baseUrl: string): string {
	try {
		const url = new URL(baseUrl.trim());
		url.username = '';
		url.password = '';
		url.hash = '';
		return url.toString().replace(/\/+$/, '');
	} catch {
		return baseUrl.trim().replace(/\/+$/, '');
	}
}

const shared = new Registry();

function finite(value: number, min: number): number {
	return Number.isFinite(value) && value > min ? value : 0;
}

/** The run joins its tenant's governor; call leave() when the run ends (in a finally). */
export function joinTenant(key: string, run: RunOptions, clock: Clock = processClock, registry = shared): RunPace {
	const tenant = registry.join(key, clock);
	const fixed = Number.isFinite(run.concurrency) && run.concurrency >= 1 ? Math.floor(run.concurrency) : 0;
	const state: RunState = {
		maxRequestsPerSecond: finite(run.maxRequestsPerSecond, 0),
		minGapMs: finite(run.minGapMs, 0),
		auto: fixed === 0,
		lastStart: -Infinity,
	};
	tenant.join(state);
	let left = false;
	return {
		start: (signal) => tenant.start(state, signal),
		answered: ({ throttled, ms, start }) => tenant.answered(throttled, ms, start),
		// Auto's level is the tenant's: runs at once share it (3 executions at level 8: 3 each).
		concurrency: () => fixed || Math.max(1, Math.ceil(tenant.auto.level() / tenant.autoRuns())),
		leave: () => {
			if (left) return;
			left = true;
			tenant.leave(state);
		},
	};
}
