import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

import { joinTenant, tenantKey, type Clock, type RunPace } from '../../nodes/Imiconnect/pipeline/governor';
import { Registry } from '../../nodes/Imiconnect/pipeline/governor-registry';

const T0 = 1_700_000_000_000;

beforeEach(() => {
	jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
	jest.useRealTimers();
});

function join(registry: Registry, maxRequestsPerSecond: number, minGapMs = 0, key = 'https://tenant.example/resources/v2#0123456789abcdef'): RunPace {
	return joinTenant(key, { maxRequestsPerSecond, concurrency: 2, minGapMs }, undefined, registry);
}

/** `n` starts asked at once; when each was let through, in ms from now. */
function ask(pace: RunPace, n: number, into: number[]): Promise<void[]> {
	const since = Date.now();
	return Promise.all(Array.from({ length: n }, () => pace.start().then(() => void into.push(Date.now() - since))));
}

/** The most starts any sliding window of `windowMs` holds. */
function busiest(starts: number[], windowMs = 1000): number {
	const sorted = [...starts].sort((a, b) => a - b);
	return Math.max(0, ...sorted.map((from) => sorted.filter((at) => at >= from && at < from + windowMs).length));
}

describe('tenantKey', () => {
	it('is the base URL and a 16-hex hash of the key, never the key', () => {
		const profile = ['pk', 'secret', '7d1c9e0f'].join('-');
		const tenant = tenantKey('https://api.example.com/resources/v2/', profile);
		expect(tenant).toMatch(/^https:\/\/api\.example\.com\/resources\/v2#[0-9a-f]{16}$/);
		expect(tenant.split('#')[1]).toBe(createHash('sha256').update(profile).digest('hex').slice(0, 16));
		expect(tenant).not.toContain(profile);
		expect(tenant).not.toContain('secret');
		expect(tenantKey('https://api.example.com/resources/v2', profile)).toBe(tenant);
		expect(tenantKey('https://api.example.com/resources/v2', `${profile}x`)).not.toBe(tenant);
		expect(tenantKey('https://other.example.com/resources/v2', profile)).not.toBe(tenant);
	});

	it('drops user info from the base URL and keeps a key that looks like a URL out', () => {
		const tenant = tenantKey('https://user:pw@api.example.com/resources/v2', 'https://key.example/');
		expect(tenant).not.toContain('user');
		expect(tenant).not.toContain('pw@');
		expect(tenant).not.toContain('key.example');
		expect(tenantKey('not a url/', 'k')).toMatch(/^not a url#[0-9a-f]{16}$/);
	});
});

describe('a told Max Requests per Second is the tenant’s', () => {
	it('holds for all runs together in any 1 s window, as the per-run limiter did for one', async () => {
		const registry = new Registry();
		const starts: number[] = [];
		const runs = [join(registry, 3), join(registry, 3), join(registry, 3)];
		const all = Promise.all(runs.map((run) => ask(run, 10, starts)));
		await jest.runAllTimersAsync();
		await all;
		expect(starts).toHaveLength(30);
		expect(busiest(starts)).toBe(3);
		expect(busiest(starts, 1050)).toBe(3);
		expect(Math.max(...starts)).toBe(9 * 1050);
	});

	it('lets the lowest told limit of the runs joined hold; when that run leaves, the next holds', async () => {
		const registry = new Registry();
		const fast = join(registry, 6);
		const slow = join(registry, 2);
		const free = join(registry, 0);
		const whileSlow: number[] = [];
		const asked = Promise.all([ask(fast, 7, whileSlow), ask(free, 7, whileSlow)]);
		await jest.advanceTimersByTimeAsync(3000);
		expect(whileSlow).toEqual([0, 0, 1050, 1050, 2100, 2100]);
		slow.leave();
		await jest.runAllTimersAsync();
		await asked;
		// From then on 6 hold: each start one window after the start 6 places before it.
		expect(whileSlow.slice(6)).toEqual([3000, 3000, 3000, 3000, 3150, 3150, 4050, 4050]);
		expect(busiest(whileSlow, 1050)).toBe(6);
		fast.leave();
		// Only the run without a limit is left: no limit holds.
		const free2: number[] = [];
		const unlimited = ask(free, 20, free2);
		await jest.advanceTimersByTimeAsync(0);
		await unlimited;
		expect(free2).toEqual(Array(20).fill(0));
	});

	it('never lets more through in any window than the lowest limit of the runs joined at that time', async () => {
		const registry = new Registry();
		const starts: number[] = [];
		const joined: Array<{ limit: number; from: number; to: number }> = [];
		const limits = [4, 2, 5, 3, 6, 1];
		const work = limits.map(async (limit, index) => {
			await sleep(index * 900);
			const run = join(registry, limit);
			const span = { limit, from: Date.now() - T0, to: Infinity };
			joined.push(span);
			const mine: number[] = [];
			await ask(run, 5, mine);
			starts.push(...mine.map((at) => at + span.from));
			run.leave();
			span.to = Date.now() - T0;
		});
		await jest.runAllTimersAsync();
		await Promise.all(work);
		expect(starts).toHaveLength(30);
		// A run's last start is at the moment it leaves; from then on the others' limits hold.
		for (const at of starts) {
			const lowest = Math.min(...joined.filter((span) => span.from <= at && at < span.to).map((span) => span.limit));
			const inWindow = starts.filter((other) => other > at - 1050 && other <= at).length;
			expect(inWindow).toBeLessThanOrEqual(lowest);
		}
	});

	it('keeps each run’s Batch Interval between its own starts, not other runs’', async () => {
		const registry = new Registry();
		const gapped = join(registry, 0, 300);
		const other = join(registry, 0);
		const gappedStarts: number[] = [];
		const otherStarts: number[] = [];
		const all = Promise.all([ask(gapped, 4, gappedStarts), ask(other, 4, otherStarts)]);
		await jest.runAllTimersAsync();
		await all;
		expect(gappedStarts).toEqual([0, 300, 600, 900]);
		expect(otherStarts).toEqual([0, 0, 0, 0]);
	});

	it('takes a fraction as today: 0.5 per second is one start per 2 s (plus the margin)', async () => {
		const starts: number[] = [];
		const asked = ask(join(new Registry(), 0.5), 3, starts);
		await jest.runAllTimersAsync();
		await asked;
		expect(starts).toEqual([0, 2050, 4100]);
	});
});

describe('Stop', () => {
	it('an aborted start rejects at once, and the starts behind it go on', async () => {
		const registry = new Registry();
		const run = join(registry, 1);
		await run.start();
		const stop = new AbortController();
		let stopped: unknown;
		const waiting = run.start(stop.signal).catch((error) => {
			stopped = error;
		});
		const next: number[] = [];
		const behind = ask(run, 1, next);
		await jest.advanceTimersByTimeAsync(10);
		stop.abort(new Error('Execution stopped'));
		await jest.advanceTimersByTimeAsync(0);
		await waiting;
		expect((stopped as Error).message).toBe('Execution stopped');
		expect(Date.now() - T0).toBe(10);
		// The aborted start took no slot: the one behind it starts when the first slot frees.
		await jest.runAllTimersAsync();
		await behind;
		expect(next).toEqual([1050]);
	});

	it('a start with a signal aborted already rejects without waiting', async () => {
		const run = join(new Registry(), 1);
		const stop = new AbortController();
		stop.abort();
		await expect(run.start(stop.signal)).rejects.toThrow();
	});

	it('leaves no timer behind once nobody waits', async () => {
		const run = join(new Registry(), 1);
		await run.start();
		const stop = new AbortController();
		const waiting = run.start(stop.signal).catch(() => undefined);
		await jest.advanceTimersByTimeAsync(1);
		stop.abort();
		await waiting;
		await jest.advanceTimersByTimeAsync(0);
		expect(jest.getTimerCount()).toBe(0);
	});
});

describe('the clock', () => {
	it('is injectable: the governor waits through the given clock', async () => {
		let now = 0;
		const slept: number[] = [];
		const clock: Clock = {
			now: () => now,
			sleep: async (ms) => {
				slept.push(ms);
				now += ms;
			},
		};
		const run = joinTenant('fake#1', { maxRequestsPerSecond: 2, concurrency: 1, minGapMs: 0 }, clock, new Registry());
		const at: number[] = [];
		for (let i = 0; i < 5; i++) {
			await run.start();
			at.push(now);
		}
		expect(at).toEqual([0, 0, 1050, 1050, 2100]);
		expect(slept).toEqual([1050, 1050]);
		expect(jest.getTimerCount()).toBe(0);
	});
});
