import { createLimiter } from '../../nodes/Imiconnect/pipeline/limiter';

const T0 = 1_700_000_000_000;

beforeEach(() => {
	jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
	jest.useRealTimers();
});

/**
 * Asks the limiter for `n` slots at once; the time each caller was let through, in call order,
 * counted from `since` (default: the moment of asking).
 */
async function startsOf(takeSlot: () => Promise<void>, n: number, since = Date.now()): Promise<number[]> {
	const starts: number[] = Array(n).fill(NaN);
	const all = Array.from({ length: n }, (_, index) =>
		takeSlot().then(() => {
			starts[index] = Date.now() - since;
		}),
	);
	await jest.runAllTimersAsync();
	await Promise.all(all);
	return starts;
}

/** The most starts any sliding window of `windowMs` holds ([t, t + windowMs) for every start t). */
function busiestWindow(starts: number[], windowMs = 1000): number {
	const sorted = [...starts].sort((a, b) => a - b);
	return Math.max(0, ...sorted.map((from) => sorted.filter((at) => at >= from && at < from + windowMs).length));
}

describe('createLimiter', () => {
	it('lets every caller through at once when there is no limit and no gap', async () => {
		const takeSlot = createLimiter(0, 0);
		expect(await startsOf(takeSlot, 20)).toEqual(Array(20).fill(0));
		expect(jest.getTimerCount()).toBe(0);
	});

	it('reserves slots of R per second: each start one window (plus 50 ms margin) after the start R places before it', async () => {
		expect(await startsOf(createLimiter(2), 7)).toEqual([0, 0, 1050, 1050, 2100, 2100, 3150]);
		expect(await startsOf(createLimiter(1), 4)).toEqual([0, 1050, 2100, 3150]);
	});

	it('does not let a caller through before its slot', async () => {
		const takeSlot = createLimiter(1);
		let second = false;
		await takeSlot();
		const waiting = takeSlot().then(() => {
			second = true;
		});
		await jest.advanceTimersByTimeAsync(1049);
		expect(second).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		expect(second).toBe(true);
		await waiting;
	});

	it('counts from the earlier start, not from now: a caller that comes late starts at once', async () => {
		const takeSlot = createLimiter(2);
		await takeSlot();
		await takeSlot();
		jest.setSystemTime(T0 + 5000);
		expect(await startsOf(takeSlot, 3, T0)).toEqual([5000, 5000, 6050]);
	});

	it('grows the window below 1 per second: 0.5 → one start per 2 s', async () => {
		expect(await startsOf(createLimiter(0.5), 3)).toEqual([0, 2050, 4100]);
	});

	it('keeps the Batch Interval between any two starts when there is no rate limit', async () => {
		// n8n's Request Options → Batching → Batch Interval, with Max Requests per Second left at 0.
		expect(await startsOf(createLimiter(0, 300), 4)).toEqual([0, 300, 600, 900]);
	});

	it('keeps the Batch Interval between any two starts under a rate limit', async () => {
		expect(await startsOf(createLimiter(100, 300), 4)).toEqual([0, 300, 600, 900]);
	});

	it('applies both the rate and the interval, whichever is later', async () => {
		expect(await startsOf(createLimiter(2, 100), 5)).toEqual([0, 100, 1050, 1150, 2100]);
		expect(await startsOf(createLimiter(10, 200), 5)).toEqual([0, 200, 400, 600, 800]);
	});

	it('lets callers through in the order they asked', async () => {
		const starts = await startsOf(createLimiter(3, 10), 12);
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		expect(new Set(starts).size).toBe(12);
	});

	it.each([1, 2, 3, 10, 0.5, 1.5, 2.5, 5.5])(
		'the limiter keeps every sliding 1 s window at or under R starts (R = %p)',
		async (perSecond) => {
			const starts = await startsOf(createLimiter(perSecond), 40);
			expect(busiestWindow(starts)).toBeLessThanOrEqual(Math.max(1, Math.floor(perSecond)));
		},
	);

	it('holds R starts in the busiest window when asked for more (it does not over-throttle)', async () => {
		expect(busiestWindow(await startsOf(createLimiter(5), 40))).toBe(5);
		expect(busiestWindow(await startsOf(createLimiter(5), 40), 1050)).toBe(5);
		expect(busiestWindow(await startsOf(createLimiter(5), 40), 1051)).toBe(10);
	});
});
