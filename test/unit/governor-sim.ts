/**
 * A simulated tenant for the governor's tests, on jest's fake timers: a server
 * that allows R requests in any 1 s window (strict: refused ones count too, as
 * the sandbox's 'sliding' window), and runs that send batches as the node's
 * transport does (Concurrency from the pace, retries with full-jitter backoff).
 */
import { sleep } from 'n8n-workflow';

import type { RunPace } from '../../nodes/Imiconnect/pipeline/governor';

/** mulberry32: the same figures on every run of the tests. */
export function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class SlidingServer {
	private readonly arrivals: number[] = [];
	/** Arrival times of the requests let through. */
	readonly passed: number[] = [];
	attempts = 0;
	throttled = 0;

	constructor(private readonly limit: number) {}

	/** One request arrives now: true = let through, false = 7020. */
	arrive(now: number): boolean {
		while (this.arrivals.length && this.arrivals[0] <= now - 1000) this.arrivals.shift();
		this.arrivals.push(now);
		this.attempts++;
		if (this.arrivals.length > this.limit) {
			this.throttled++;
			return false;
		}
		this.passed.push(now);
		return true;
	}

	/** Requests let through per second within [from, to) over the limit. */
	used(from: number, to: number): number {
		const n = this.passed.filter((at) => at >= from && at < to).length;
		return n / ((this.limit * (to - from)) / 1000);
	}

	/** The most arrivals let through in any 1 s window. */
	busiestSecond(): number {
		let most = 0;
		for (let i = 0, j = 0; i < this.passed.length; i++) {
			while (this.passed[i] - this.passed[j] >= 1000) j++;
			most = Math.max(most, i - j + 1);
		}
		return most;
	}
}

export interface SimOptions {
	rttMs: number;
	/** Round trips vary by ± this share. */
	jitter?: number;
	maxRetries?: number;
	random: () => number;
}

export interface RunResult {
	failed: number;
	endedAt: number;
}

/** One run: `batches` requests, as many in flight as the pace allows, each retried like the transport. */
export async function simulateRun(pace: RunPace, server: SlidingServer, batches: number, options: SimOptions): Promise<RunResult> {
	const { rttMs, jitter = 0.2, maxRetries = 4, random } = options;
	const half = () => (rttMs / 2) * (1 - jitter + 2 * jitter * random());
	let failed = 0;
	async function send(): Promise<void> {
		for (let attempt = 0; ; attempt++) {
			await pace.start();
			const startedAt = Date.now();
			await sleep(half());
			const ok = server.arrive(Date.now());
			await sleep(half());
			pace.answered({ throttled: !ok, ms: Date.now() - startedAt });
			if (ok) return;
			if (attempt >= maxRetries) {
				failed++;
				return;
			}
			await sleep(random() * Math.min(10_000, 500 * 2 ** attempt));
		}
	}
	let next = 0;
	const inFlight = new Set<Promise<void>>();
	while (next < batches || inFlight.size) {
		while (next < batches && inFlight.size < pace.concurrency()) {
			next++;
			const sending: Promise<void> = send().then(() => {
				inFlight.delete(sending);
			});
			inFlight.add(sending);
		}
		await Promise.race(inFlight);
	}
	pace.leave();
	return { failed, endedAt: Date.now() };
}

/** Runs `work` to its end on jest's fake timers. */
export async function toEnd<T>(work: Promise<T>): Promise<T> {
	let done = false;
	const settled = work.finally(() => {
		done = true;
	});
	while (!done) await jest.advanceTimersByTimeAsync(100);
	return await settled;
}
