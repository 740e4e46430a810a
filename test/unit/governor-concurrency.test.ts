import { joinTenant, type Clock, type RunPace } from '../../nodes/Imiconnect/pipeline/governor';
import { Registry } from '../../nodes/Imiconnect/pipeline/governor-registry';

/** A clock that only moves when told. */
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

function auto(clock = fakeClock(), registry = new Registry(), concurrency = 0): RunPace {
	return joinTenant('https://tenant.example/resources/v2#auto', { maxRequestsPerSecond: 0, concurrency, minGapMs: 0 }, clock, registry);
}

/** `n` answers of `ms` each, the clock moving on by `ms` between them. */
function answers(pace: RunPace, clock: ReturnType<typeof fakeClock>, n: number, ms: number, throttled = false): void {
	for (let i = 0; i < n; i++) {
		clock.advance(ms);
		pace.answered({ throttled, ms });
	}
}

describe('Concurrency Auto', () => {
	it('starts at 2', () => {
		expect(auto().concurrency()).toBe(2);
	});

	it('grows one step a round (as many answers as the level) while answers are slow and no throttle comes, up to 8', () => {
		const clock = fakeClock();
		const pace = auto(clock);
		answers(pace, clock, 2, 150);
		expect(pace.concurrency()).toBe(3);
		answers(pace, clock, 3, 150);
		expect(pace.concurrency()).toBe(4);
		answers(pace, clock, 100, 150);
		expect(pace.concurrency()).toBe(8);
	});

	it('does not grow on fast answers (a LAN: overlap gains nothing)', () => {
		const clock = fakeClock();
		const pace = auto(clock);
		answers(pace, clock, 100, 5);
		expect(pace.concurrency()).toBe(2);
	});

	it('does not grow while answers queue up at the server (round trip above 3 × the fastest seen)', () => {
		const clock = fakeClock();
		const pace = auto(clock);
		answers(pace, clock, 1, 50);
		answers(pace, clock, 100, 200);
		expect(pace.concurrency()).toBe(2);
	});

	it('shrinks by one on a throttle, once a second however many throttles come together, down to 1', () => {
		const clock = fakeClock();
		const pace = auto(clock);
		answers(pace, clock, 100, 150);
		expect(pace.concurrency()).toBe(8);
		answers(pace, clock, 5, 10, true);
		expect(pace.concurrency()).toBe(7);
		clock.advance(1000);
		pace.answered({ throttled: true, ms: 150 });
		expect(pace.concurrency()).toBe(6);
		for (let i = 0; i < 10; i++) answers(pace, clock, 1, 1000, true);
		expect(pace.concurrency()).toBe(1);
	});

	it('a throttle starts the round over: growth needs a whole round without one', () => {
		const clock = fakeClock();
		const pace = auto(clock);
		answers(pace, clock, 1, 150);
		clock.advance(2000);
		pace.answered({ throttled: true, ms: 150 });
		expect(pace.concurrency()).toBe(1);
		answers(pace, clock, 1, 150);
		expect(pace.concurrency()).toBe(2);
	});

	it('is the tenant’s: what one run’s answers teach, every Auto run of the tenant uses', () => {
		const clock = fakeClock();
		const registry = new Registry();
		const first = auto(clock, registry);
		const second = auto(clock, registry);
		answers(first, clock, 20, 150);
		expect(second.concurrency()).toBe(first.concurrency());
		expect(second.concurrency()).toBeGreaterThan(2);
	});

	it('a fixed number holds as is, whatever the answers', () => {
		const clock = fakeClock();
		const registry = new Registry();
		const fixed = auto(clock, registry, 4);
		answers(fixed, clock, 100, 150);
		expect(fixed.concurrency()).toBe(4);
		answers(fixed, clock, 10, 1000, true);
		expect(fixed.concurrency()).toBe(4);
	});
});
