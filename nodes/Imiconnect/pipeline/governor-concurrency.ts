/**
 * Concurrency Auto: the batches a run may have in flight, learned per tenant
 * from the answers of every run against it.
 *
 * - Starts at 2 (the fixed default), between 1 and 8.
 * - Grows by one after a round of answers (as many as the level) that were slow
 *   enough for overlap to pay (a round trip of 20 ms or more) and did not queue
 *   up at the server (each within 3 × the fastest round trip seen), with no
 *   throttle in the round.
 * - Shrinks by one on a throttle, at most once a second (the attempts in flight
 *   when a throttle comes are often throttled too: one cut answers them all).
 */
const START = 2;
const MIN = 1;
const MAX = 8;
const SLOW_MS = 20;
const QUEUED_FACTOR = 3;
const CUT_SPACING_MS = 1000;

export class AutoConcurrency {
	private current = START;
	private fastestMs = Infinity;
	private goodInRound = 0;
	private cutAt = -Infinity;

	level(): number {
		return this.current;
	}

	answered(now: number, throttled: boolean, ms: number): void {
		if (throttled) {
			this.goodInRound = 0;
			if (now - this.cutAt >= CUT_SPACING_MS) {
				this.current = Math.max(MIN, this.current - 1);
				this.cutAt = now;
			}
			return;
		}
		if (!(ms >= 0)) return;
		this.fastestMs = Math.min(this.fastestMs, ms);
		if (ms < SLOW_MS || ms > this.fastestMs * QUEUED_FACTOR) {
			this.goodInRound = 0;
			return;
		}
		if (++this.goodInRound >= this.current) {
			this.goodInRound = 0;
			this.current = Math.min(MAX, this.current + 1);
		}
	}
}
