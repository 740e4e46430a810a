import { joinTenant } from '../../nodes/Imiconnect/pipeline/governor';
import { Registry } from '../../nodes/Imiconnect/pipeline/governor-registry';
import { seeded, simulateRun, SlidingServer, toEnd, type SimOptions } from './governor-sim';

const T0 = 1_700_000_000_000;
const WARM_UP_MS = 5_000;

beforeEach(() => {
	jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
	jest.useRealTimers();
});

interface Figures {
	throttledShare: number;
	used: number;
	failed: number;
	seconds: number;
	busiest: number;
}

/** Three executions at once, each `turns` runs in a row (a loop) of `batches` requests, the tenant limited to `limit`; the node told `told` (0 = nothing). */
async function threeAtOnce(limit: number, turns: number, batches: number, sim: Omit<SimOptions, 'random'>, concurrency = 0, told = 0, seed = limit * 1000 + turns): Promise<Figures> {
	const registry = new Registry();
	const server = new SlidingServer(limit);
	const random = seeded(seed);
	const key = `https://sim.example/resources/v2#${limit}-${turns}`;
	async function execution(): Promise<{ failed: number; endedAt: number }> {
		let failed = 0;
		let endedAt = 0;
		for (let turn = 0; turn < turns; turn++) {
			const pace = joinTenant(key, { maxRequestsPerSecond: told, concurrency, minGapMs: 0 }, undefined, registry);
			const result = await simulateRun(pace, server, batches, { ...sim, random });
			failed += result.failed;
			endedAt = result.endedAt;
		}
		return { failed, endedAt };
	}
	const results = await toEnd(Promise.all([execution(), execution(), execution()]));
	const firstEnd = Math.min(...results.map((result) => result.endedAt));
	return {
		throttledShare: server.throttled / server.attempts,
		used: server.used(T0 + WARM_UP_MS, firstEnd),
		busiest: server.busiestSecond(),
		failed: results.reduce((sum, result) => sum + result.failed, 0),
		seconds: (Math.max(...results.map((result) => result.endedAt)) - T0) / 1000,
	};
}

const cases: Array<[string, number, number, number, number, number]> = [
	// name, R, turns, batches per turn, round trip ms, concurrency (0 = Auto)
	['R = 5, one long run each, 100 ms', 5, 1, 120, 100, 0],
	['R = 5, 20 loop turns each, 100 ms', 5, 20, 6, 100, 0],
	['R = 5, 20 loop turns each, 20 ms', 5, 20, 6, 20, 0],
	['R = 20, one long run each, 150 ms', 20, 1, 400, 150, 0],
	['R = 20, 20 loop turns each, 50 ms', 20, 20, 20, 50, 0],
	['R = 50, one long run each, 150 ms, Concurrency 8', 50, 1, 1000, 150, 8],
	['R = 2, 20 loop turns each, 100 ms, Concurrency 2', 2, 20, 5, 100, 2],
];

describe('adaptive rate against a tenant limited to R that the node is not told (3 executions at once)', () => {
	it.each(cases)('%s: ≤ 5 %% answered 7020, ≥ 80 %% of R used after the first seconds, nothing failed', async (_name, limit, turns, batches, rttMs, concurrency) => {
		const figures = await threeAtOnce(limit, turns, batches, { rttMs }, concurrency);
		expect(figures.failed).toBe(0);
		expect(figures.throttledShare).toBeLessThanOrEqual(0.05);
		expect(figures.used).toBeGreaterThanOrEqual(0.8);
	});
});

describe('a told limit with the adaptive rate', () => {
	it.each([
		['long runs', 1, 100],
		['20 loop turns', 20, 5],
	])('told = the tenant’s limit, 3 executions at once, %s: 0 × 7020 and the limit used', async (_name, turns, batches) => {
		const figures = await threeAtOnce(5, turns, batches, { rttMs: 100 }, 0, 5);
		expect(figures.throttledShare).toBe(0);
		expect(figures.used).toBeGreaterThanOrEqual(0.9);
		expect(figures.busiest).toBe(5);
	});

	it('told more than the tenant allows: the throttles teach the rest (≤ 5 % answered 7020)', async () => {
		const figures = await threeAtOnce(5, 20, 6, { rttMs: 100 }, 0, 12);
		expect(figures.failed).toBe(0);
		expect(figures.throttledShare).toBeLessThanOrEqual(0.05);
		expect(figures.used).toBeGreaterThanOrEqual(0.8);
	});
});

describe('queue mode: each worker its own governor, throttles teaching each', () => {
	it.each([
		[5, 2],
		[20, 2],
		[10, 3],
	])('R = %p, %p workers, 3 executions at once (each on one worker) of 20 loop turns: ≤ 5 %% answered 7020, ≥ 80 %% of R', async (limit, workers) => {
		const server = new SlidingServer(limit);
		const random = seeded(7);
		const governors = Array.from({ length: workers }, () => new Registry());
		const key = `https://sim.example/resources/v2#workers-${limit}-${workers}`;
		const execution = async (index: number) => {
			let failed = 0;
			for (let turn = 0; turn < 20; turn++) {
				const pace = joinTenant(key, { maxRequestsPerSecond: 0, concurrency: 0, minGapMs: 0 }, undefined, governors[index % workers]);
				failed += (await simulateRun(pace, server, Math.ceil((limit * 4) / 3), { rttMs: 100, random })).failed;
			}
			return { failed, endedAt: Date.now() };
		};
		const results = await toEnd(Promise.all([execution(0), execution(1), execution(2)]));
		expect(results.reduce((sum, result) => sum + result.failed, 0)).toBe(0);
		expect(server.throttled / server.attempts).toBeLessThanOrEqual(0.05);
		expect(server.used(T0 + WARM_UP_MS, Math.min(...results.map((result) => result.endedAt)))).toBeGreaterThanOrEqual(0.8);
	});
});
