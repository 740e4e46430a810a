/**
 * The tenant's rate: a sliding window of request starts, held to a limit that
 * is the lowest told Max Requests per Second, or the rate learned from
 * throttles (7020, HTTP 429) when that is lower.
 */

/**
 * Window of the tenant's rate limit, plus a margin for the time from a start
 * to the tenant's receipt of the request (the tenant counts arrivals). A start
 * `slots` places back that was answered after `ms` arrived within `ms`, so a
 * margin of its round trip (10 ms to 1 s: the first requests of a run are the
 * slow ones) keeps the window exact; one with no answer yet (or none
 * reported) keeps a 50 ms margin.
 */
const WINDOW_MS = 1000;
const MARGIN_MS = 50;
const MARGIN_MIN_MS = 10;
const MARGIN_CAP_MS = 1000;
/** How long starts and passes are remembered at least (up to twice as long, pruned in batches). */
const KEEP_MS = 12_000;
const MAX_KEPT = 2048;

/** The slots a rate gives and the window they hold in: 2.5 → 2 per second; 0.5 → 1 per 2 s. */
export function windowOf(rate: number): { slots: number; windowMs: number } {
	if (rate >= 1) return { slots: Math.floor(rate), windowMs: WINDOW_MS + MARGIN_MS };
	return { slots: 1, windowMs: WINDOW_MS / rate + MARGIN_MS };
}

/** Starts against the tenant (oldest first), and when answers that were not throttled came. */
export class StartWindow {
	private readonly starts: number[] = [];
	/** Each start's number, and when its answer came (parallel to starts; Infinity while in flight). */
	private readonly numbers: number[] = [];
	private readonly ends: number[] = [];
	private nextNumber = 0;
	private readonly passes: number[] = [];

	/**
	 * How long a start must wait at `now` for any window to hold at most `rate`
	 * starts, and (`spread` > 0) for `spread` × the window's share of one start to
	 * pass since the last start; 0 = may start.
	 */
	delay(now: number, rate: number, spread = 0): number {
		if (!(rate < Infinity)) return 0;
		const { slots, windowMs } = windowOf(rate);
		const starts = this.starts;
		if (!starts.length) return 0;
		const gap = starts[starts.length - 1] + (spread * windowMs) / slots - now;
		// Each start takes the slot of the start `slots` places before it, one window later.
		const before = starts.length - slots;
		const slot = before < 0 ? 0 : starts[before] + windowMs - MARGIN_MS + this.marginOf(before) - now;
		return Math.max(0, gap, slot);
	}

	private marginOf(index: number): number {
		const roundTrip = this.ends[index] - this.starts[index];
		if (roundTrip === Infinity) return MARGIN_MS;
		return Math.min(MARGIN_CAP_MS, Math.max(MARGIN_MIN_MS, roundTrip));
	}

	/** A start at `now`; its number. */
	record(now: number): number {
		const number = this.nextNumber++;
		this.starts.push(now);
		this.numbers.push(number);
		this.ends.push(Infinity);
		const before = this.starts.length;
		prune(this.starts, now);
		this.numbers.splice(0, before - this.starts.length);
		this.ends.splice(0, before - this.starts.length);
		return number;
	}

	/** The answer to start `number` came at `now` (numbers are kept in order: its index is found from the first). */
	ended(number: number, now: number): void {
		const index = number - (this.numbers[0] ?? number);
		if (this.numbers[index] === number) this.ends[index] = now;
	}

	/** An answer that was not throttled came at `now`. */
	passed(now: number): void {
		this.passes.push(now);
		prune(this.passes, now);
	}

	/** Starts in the last second. */
	startsIn(now: number): number {
		return count(this.starts, now);
	}

	/** Answers not throttled in the last second: what the tenant let through of ours. */
	passesIn(now: number): number {
		return count(this.passes, now);
	}
}

/**
 * Forgets times older than KEEP_MS, and all but the newest MAX_KEPT (more
 * than the largest limit's slots and a second of starts at it); in batches,
 * so that a busy tenant does not move its array on every start.
 */
function prune(times: number[], now: number): void {
	if (times.length <= 2 * MAX_KEPT && !(times[0] <= now - 2 * KEEP_MS)) return;
	let drop = Math.max(0, times.length - MAX_KEPT);
	// The newest stays: below 1 per second (a window longer than KEEP_MS) it is the one that counts.
	while (drop < times.length - 1 && times[drop] <= now - KEEP_MS) drop++;
	times.splice(0, drop);
}

function count(times: number[], now: number): number {
	let n = 0;
	for (let i = times.length - 1; i >= 0 && times[i] > now - WINDOW_MS; i--) n++;
	return n;
}

/** AWS adaptive retry's constants: the cut on a throttle and CUBIC's scale. */
const BETA = 0.7;
const SCALE = 0.4;
const MIN_RATE = 0.5;
/** Hold at the rate a throttle taught before probing above it: first this long, doubled each time the probe is throttled at the same rate. */
const HOLD_FIRST_MS = 5_000;
const HOLD_MAX_MS = 80_000;

/**
 * The rate learned from throttles (AWS SDK adaptive retry, measured better):
 * - off until the first throttle;
 * - on a throttle, the target is what the tenant let through of ours in the
 *   last second (our answers not throttled: one throttle measures the limit,
 *   where AWS's ×0.7 per throttle needs many to find a low one), at most the
 *   rate being sent; the rate drops to 0.7 × the target;
 * - it regrows as CUBIC (scale 0.4) back to the target, holds there (5 s,
 *   doubled up to 80 s each time the limit is found at the same rate again),
 *   then probes above it along the same curve;
 * - throttles of attempts started before the cut do not cut again (a burst in
 *   flight is one signal), and never above 2 × the starts of the last second.
 */
export class AdaptiveRate {
	private enabled = false;
	/** The rate at the last cut: CUBIC's W_max. */
	private target = 0;
	private cutAt = -Infinity;
	/** The rate sent when the last cut came: the most a measure after it may raise the target to. */
	private sentAtCut = Infinity;
	private holdMs = HOLD_FIRST_MS;
	/** Seconds from the cut back to `target`. */
	private k = 0;

	/** The rate at `now` (Infinity while off); `recentStarts`: starts in the last second. */
	rate(now: number, recentStarts: number): number {
		if (!this.enabled) return Infinity;
		return Math.max(MIN_RATE, Math.min(this.curve(now), 2 * Math.max(1, recentStarts)));
	}

	/**
	 * A throttle answered an attempt that started at `startedAt`; `passed`: our
	 * answers the tenant let through in the last second. Attempts started before
	 * the last cut were sent at the old rate: that cut answered them.
	 */
	throttled(now: number, startedAt: number, passed: number): void {
		if (startedAt <= this.cutAt) return;
		const measured = Math.max(MIN_RATE, passed);
		if (!this.enabled) {
			this.cut(now, measured, Infinity);
			return;
		}
		const sending = this.curve(now);
		const target = Math.min(measured, sending);
		if (now < this.cutAt + this.k * 1000 + this.holdMs) {
			// Throttled at or below the rate the last throttle taught: that rate was a little too high,
			// and the limit is near: stay below it longer before the next probe.
			this.holdMs = Math.min(HOLD_MAX_MS, this.holdMs * 2);
			this.cut(now, Math.min(target, Math.max(MIN_RATE, this.target - Math.max(1, this.target * 0.1))), sending);
			return;
		}
		// A probe above it: the same limit found again (within 10 %) holds longer; another one starts over.
		const same = Math.abs(target - this.target) <= Math.max(1, this.target * 0.1);
		this.holdMs = same ? Math.min(HOLD_MAX_MS, this.holdMs * 2) : HOLD_FIRST_MS;
		this.cut(now, target, sending);
	}

	/**
	 * An answer that was not throttled, of an attempt started before the last cut:
	 * within a second of the cut, what passed in the last second may show the
	 * limit higher than the throttle measured (a throttle answered before the
	 * passes of the same burst), up to the rate sent at the cut.
	 */
	passedEarlier(now: number, startedAt: number, passed: number): void {
		if (!this.enabled || startedAt > this.cutAt || now - this.cutAt > WINDOW_MS) return;
		const target = Math.min(passed, this.sentAtCut);
		if (target > this.target) this.aim(target);
	}

	private cut(now: number, target: number, sending: number): void {
		this.enabled = true;
		this.cutAt = now;
		this.sentAtCut = sending;
		this.aim(target);
	}

	private aim(target: number): void {
		this.target = target;
		this.k = Math.cbrt((target * (1 - BETA)) / SCALE);
	}

	/** BETA × target at the cut, CUBIC back to target, hold, then CUBIC above it. */
	private curve(now: number): number {
		const seconds = (now - this.cutAt) / 1000;
		const holdS = this.holdMs / 1000;
		if (seconds < this.k) return this.target + SCALE * (seconds - this.k) ** 3;
		if (seconds < this.k + holdS) return this.target;
		return this.target + SCALE * (seconds - this.k - holdS) ** 3;
	}
}
