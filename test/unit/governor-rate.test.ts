import { AdaptiveRate, StartWindow, windowOf } from '../../nodes/Imiconnect/pipeline/governor-rate';

describe('windowOf', () => {
	it('gives R slots a second (rounded down) and grows the window below 1, with a 50 ms margin', () => {
		expect(windowOf(5)).toEqual({ slots: 5, windowMs: 1050 });
		expect(windowOf(2.5)).toEqual({ slots: 2, windowMs: 1050 });
		expect(windowOf(0.5)).toEqual({ slots: 1, windowMs: 2050 });
	});
});

describe('StartWindow', () => {
	it('lets a start go when the last window holds fewer than the slots', () => {
		const window = new StartWindow();
		[0, 0, 0].forEach((at) => window.record(at));
		expect(window.delay(0, 3)).toBe(1050);
		expect(window.delay(1050, 3)).toBe(0);
		expect(window.delay(0, 4)).toBe(0);
		expect(window.delay(0, Infinity)).toBe(0);
	});

	it('spreads starts when asked: half the window’s share of one start between two', () => {
		const window = new StartWindow();
		window.record(0);
		expect(window.delay(0, 5, 0.5)).toBe(105);
		expect(window.delay(0, 5)).toBe(0);
	});

	it('counts the starts and the passes of the last second', () => {
		const window = new StartWindow();
		[0, 100, 900, 1500].forEach((at) => window.record(at));
		[200, 950].forEach((at) => window.passed(at));
		expect(window.startsIn(1500)).toBe(2);
		expect(window.passesIn(1000)).toBe(2);
		expect(window.passesIn(1200)).toBe(1);
	});
});

describe('AdaptiveRate', () => {
	it('is off until the first throttle', () => {
		expect(new AdaptiveRate().rate(0, 100)).toBe(Infinity);
	});

	it('drops to 0.7 × what passed in the last second, regrows as CUBIC to it, holds, then probes above', () => {
		const rate = new AdaptiveRate();
		rate.throttled(10_000, 9_900, 10);
		expect(rate.rate(10_000, 100)).toBeCloseTo(7, 5);
		// K = cbrt(10 × 0.3 / 0.4) ≈ 1.96 s back to 10; held for 5 s.
		expect(rate.rate(10_000 + 1000, 100)).toBeGreaterThan(9);
		expect(rate.rate(10_000 + 1000, 100)).toBeLessThan(10);
		expect(rate.rate(10_000 + 2000, 100)).toBe(10);
		expect(rate.rate(10_000 + 6900, 100)).toBe(10);
		expect(rate.rate(10_000 + 8000, 100)).toBeGreaterThan(10);
	});

	it('one burst in flight is one signal: throttles of attempts started before the cut do not cut again', () => {
		const rate = new AdaptiveRate();
		rate.throttled(1000, 900, 10);
		rate.throttled(1010, 905, 2);
		rate.throttled(1020, 910, 1);
		expect(rate.rate(1020, 100)).toBeGreaterThan(7);
	});

	it('raises the target within a second of the cut when the passes of the same burst come after the throttle', () => {
		const rate = new AdaptiveRate();
		rate.throttled(100, 0, 0);
		expect(rate.rate(100, 100)).toBe(0.5);
		rate.passedEarlier(105, 0, 5);
		expect(rate.rate(105, 100)).toBeCloseTo(3.5, 1);
	});

	it('is never above 2 × the starts of the last second', () => {
		const rate = new AdaptiveRate();
		rate.throttled(0, 0, 20);
		expect(rate.rate(10_000, 3)).toBe(6);
		expect(rate.rate(10_000, 0)).toBe(2);
	});

	it('a throttle while holding lowers the target and holds longer before the next probe', () => {
		const rate = new AdaptiveRate();
		rate.throttled(0, 0, 10);
		rate.throttled(3000, 2950, 10);
		expect(rate.rate(3000, 100)).toBeCloseTo(0.7 * 9, 5);
		// Held 10 s now: still 9 well after the 5 s hold of the first cut would have ended.
		expect(rate.rate(3000 + 2000 + 9000, 100)).toBe(9);
	});
});

describe('StartWindow over a long time', () => {
	it('stays small at a high rate and still holds the limit', () => {
		const window = new StartWindow();
		let now = 0;
		let started = 0;
		let most = 0;
		while (now < 60_000) {
			const wait = window.delay(now, 1000);
			if (wait > 0) now += wait;
			window.record(now);
			started++;
			most = Math.max(most, window.startsIn(now));
		}
		expect(started).toBeGreaterThan(50_000);
		expect(most).toBe(1000);
		expect((window as unknown as { starts: number[] }).starts.length).toBeLessThanOrEqual(4096);
	});

	it('keeps the last start of a very low rate (one start per 20 s)', () => {
		const window = new StartWindow();
		window.record(0);
		for (let at = 1; at < 30_000; at += 5000) window.passed(at);
		expect(window.delay(19_000, 0.05)).toBe(1050);
	});
});
