/**
 * Issue 19, engine tests: a tenant limit the node is NOT told (Max Requests per Second 0), against a
 * sandbox that allows R requests in ANY sliding 1 s window (refused ones count too). The throttles
 * of every run teach the tenant's governor. Targets: ≤ 5 % of requests answered 7020, no item
 * failing, ≥ 80 % of R used after the first 2 s (requests not throttled per second, from the
 * sandbox log's arrival times). And two tenants (two keys, each with its own limit) are paced apart.
 *
 * Each test runs against tenants (keys) of its own, so that what one test taught is not in the next.
 */
import { createRun, entriesOf, figuresOf, notCreated, report, timed } from './pace-support';
import { SANDBOX_PROFILE, useSandbox } from './support';

const R = 40;
const TARGET_SHARE = 5;
const TARGET_USE = 0.8;

describe(`tenant pace, not told: a strict sliding limit of ${R}/s the node finds itself`, () => {
	const sandbox = useSandbox({ rateLimitPerSecond: R, rateLimitWindow: 'sliding', keys: ['learned-concurrent', 'learned-loop'] });

	it(`3 concurrent runs (executions at once) of 1 000 items, 100 requests each: ≤ ${TARGET_SHARE} % × 7020, ≥ ${100 * TARGET_USE} % of R`, async () => {
		const key = 'learned-concurrent';
		const { value: runs, ms } = await timed(async () =>
			await Promise.all([0, 1, 2].map((index) => createRun(sandbox, { items: 1_000, prefix: `p${index}`, batchSize: 10, key }))),
		);
		const figures = figuresOf(entriesOf(sandbox), ms);
		report(`not told (limit ${R}/s), 3 concurrent runs`, figures, R);
		expect(runs.flatMap(notCreated)).toHaveLength(0);
		expect(sandbox.store.counts.profiles).toBe(3_000);
		expect(figures.throttledShare).toBeLessThanOrEqual(TARGET_SHARE);
		expect(figures.steadyRate).toBeGreaterThanOrEqual(TARGET_USE * R);
	});

	it(`20 successive runs (loop turns) of 200 items, 20 requests each: ≤ ${TARGET_SHARE} % × 7020, ≥ ${100 * TARGET_USE} % of R`, async () => {
		const key = 'learned-loop';
		const { value: turns, ms } = await timed(async () => {
			const results = [];
			for (let turn = 0; turn < 20; turn++) results.push(await createRun(sandbox, { items: 200, prefix: `t${turn}`, batchSize: 10, key }));
			return results;
		});
		const figures = figuresOf(entriesOf(sandbox), ms);
		report(`not told (limit ${R}/s), 20 successive runs`, figures, R);
		expect(turns.flatMap(notCreated)).toHaveLength(0);
		expect(sandbox.store.counts.profiles).toBe(4_000);
		expect(figures.throttledShare).toBeLessThanOrEqual(TARGET_SHARE);
		expect(figures.steadyRate).toBeGreaterThanOrEqual(TARGET_USE * R);
	});
});

const PER_KEY = 20;

describe(`two tenants: two keys on one sandbox, each limited to ${PER_KEY}/s (sliding), paced apart`, () => {
	// Tenant 0 = SANDBOX_PROFILE, 1 = 'tenant-b', 2 = 'tenant-a2', 3 = 'tenant-b2'.
	const sandbox = useSandbox({ keys: ['tenant-b', 'tenant-a2', 'tenant-b2'], rateLimitPerKey: PER_KEY, rateLimitWindow: 'sliding' });

	it('both not told, at once, 150 requests each: each finds its own limit (a shared pace would halve each)', async () => {
		const { value: runs, ms } = await timed(async () =>
			await Promise.all([
				createRun(sandbox, { items: 1_500, prefix: 'a', batchSize: 10, key: SANDBOX_PROFILE }),
				createRun(sandbox, { items: 1_500, prefix: 'b', batchSize: 10, key: 'tenant-b' }),
			]),
		);
		const a = figuresOf(entriesOf(sandbox, 0), ms);
		const b = figuresOf(entriesOf(sandbox, 1), ms);
		report(`two tenants not told (${PER_KEY}/s each), tenant A`, a, PER_KEY);
		report(`two tenants not told (${PER_KEY}/s each), tenant B`, b, PER_KEY);
		expect(runs.flatMap(notCreated)).toHaveLength(0);
		expect(a.requests - a.throttled).toBe(150);
		expect(b.requests - b.throttled).toBe(150);
		expect(sandbox.throttledFor(SANDBOX_PROFILE)).toBe(a.throttled);
		expect(sandbox.throttledFor('tenant-b')).toBe(b.throttled);
		for (const figures of [a, b]) {
			expect(figures.throttledShare).toBeLessThanOrEqual(TARGET_SHARE);
			expect(figures.steadyRate).toBeGreaterThanOrEqual(TARGET_USE * PER_KEY);
		}
	});

	it(`A not told (throttled while it learns) beside B told ${PER_KEY}: B gets 0 × 7020 and its full rate`, async () => {
		const { value: runs, ms } = await timed(async () =>
			await Promise.all([
				createRun(sandbox, { items: 1_500, prefix: 'a', batchSize: 10, key: 'tenant-a2' }),
				createRun(sandbox, { items: 1_500, prefix: 'b', batchSize: 10, key: 'tenant-b2', maxRequestsPerSecond: PER_KEY }),
			]),
		);
		const a = figuresOf(entriesOf(sandbox, 2), ms);
		const b = figuresOf(entriesOf(sandbox, 3), ms);
		report(`tenant A not told (${PER_KEY}/s)`, a, PER_KEY);
		report(`tenant B told ${PER_KEY}/s beside it`, b, PER_KEY);
		expect(runs.flatMap(notCreated)).toHaveLength(0);
		expect(sandbox.throttledFor('tenant-a2')).toBeGreaterThan(0);
		expect(sandbox.throttledFor('tenant-b2')).toBe(0);
		expect(b.requests).toBe(150);
		expect(b.steadyRate).toBeGreaterThanOrEqual(0.9 * PER_KEY);
	});
});
