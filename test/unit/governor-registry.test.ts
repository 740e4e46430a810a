import { joinTenant, tenantKey, type Clock, type RunPace } from '../../nodes/Imiconnect/pipeline/governor';
import { IDLE_MS, MAX_IDLE, Registry } from '../../nodes/Imiconnect/pipeline/governor-registry';

function fakeClock(): Clock & { advance(ms: number): void } {
	let now = 0;
	return {
		now: () => now,
		sleep: async (ms) => {
			now += ms;
		},
		advance: (ms) => {
			now += ms;
		},
	};
}

const tenant = (n: number) => tenantKey(`https://t${n}.example/resources/v2`, `profile-${n}`);

function join(registry: Registry, clock: Clock, n: number): RunPace {
	return joinTenant(tenant(n), { maxRequestsPerSecond: 10, concurrency: 0, minGapMs: 0 }, clock, registry);
}

/** Makes the tenant's Auto concurrency grow, so a forgotten tenant shows (it starts at 2 again). */
function teach(pace: RunPace, clock: ReturnType<typeof fakeClock>): void {
	for (let i = 0; i < 30; i++) {
		clock.advance(150);
		pace.answered({ throttled: false, ms: 150 });
	}
}

describe('the registry of tenants', () => {
	it('stays bounded over thousands of executions against many tenants', async () => {
		const clock = fakeClock();
		const registry = new Registry();
		let most = 0;
		for (let execution = 0; execution < 5000; execution++) {
			const pace = join(registry, clock, execution % 1500);
			await pace.start();
			clock.advance(20);
			pace.answered({ throttled: execution % 7 === 0, ms: 20 });
			pace.leave();
			most = Math.max(most, registry.size);
		}
		expect(most).toBeLessThanOrEqual(MAX_IDLE + 1);
	});

	it('forgets a tenant idle for 15 min at the next join (no timer needed)', () => {
		const clock = fakeClock();
		const registry = new Registry();
		const first = join(registry, clock, 1);
		teach(first, clock);
		expect(first.concurrency()).toBeGreaterThan(2);
		first.leave();
		clock.advance(IDLE_MS - 1);
		const again = join(registry, clock, 1);
		expect(again.concurrency()).toBeGreaterThan(2);
		again.leave();
		clock.advance(IDLE_MS);
		join(registry, clock, 2).leave();
		expect(registry.size).toBe(1);
		expect(join(registry, clock, 1).concurrency()).toBe(2);
	});

	it('keeps what a tenant learned from one run to the next (loop turns)', () => {
		const clock = fakeClock();
		const registry = new Registry();
		const turn = join(registry, clock, 7);
		teach(turn, clock);
		const level = turn.concurrency();
		turn.leave();
		clock.advance(5000);
		expect(join(registry, clock, 7).concurrency()).toBe(level);
	});

	it('never drops a tenant with a run joined, even beyond the idle bound', () => {
		const clock = fakeClock();
		const registry = new Registry();
		const runs = Array.from({ length: MAX_IDLE + 100 }, (_, n) => join(registry, clock, n));
		clock.advance(IDLE_MS * 2);
		join(registry, clock, 100_000).leave();
		expect(registry.size).toBe(MAX_IDLE + 101);
		runs.forEach((run) => run.leave());
		join(registry, clock, 100_001).leave();
		expect(registry.size).toBeLessThanOrEqual(MAX_IDLE + 1);
	});

	it('drops the least recently used idle tenants first', () => {
		const clock = fakeClock();
		const registry = new Registry();
		const first = join(registry, clock, 0);
		teach(first, clock);
		first.leave();
		for (let n = 1; n <= MAX_IDLE; n++) {
			clock.advance(10);
			join(registry, clock, n).leave();
		}
		// Tenant 0 was used last before all the others joined: it goes first.
		clock.advance(10);
		join(registry, clock, MAX_IDLE + 1).leave();
		expect(join(registry, clock, 0).concurrency()).toBe(2);
	});
});
