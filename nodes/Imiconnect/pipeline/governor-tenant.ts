import { abortReason, type Clock } from './governor-clock';
import { AutoConcurrency } from './governor-concurrency';
import { AdaptiveRate, StartWindow } from './governor-rate';

/** What one run told the governor (its options), and its own last start. */
export interface RunState {
	/** Max Requests per Second; 0 = none. */
	readonly maxRequestsPerSecond: number;
	/** n8n's Request Options → Batching → Batch Interval: ms between two starts of this run. */
	readonly minGapMs: number;
	/** Concurrency Auto: the run's share of the tenant's Auto level. */
	readonly auto: boolean;
	lastStart: number;
}

/** Under a learned rate, at least this share of the window's time per start lies between two starts. */
const SPREAD = 0.5;

interface Waiter {
	run: RunState;
	resolve(startedAt: number): void;
	done(): void;
}

/**
 * One tenant's pace in this process: every start of every run against it goes
 * through `start()`, in the order asked (a run's Batch Interval may let a later
 * caller of another run go first).
 */
export class Tenant {
	readonly auto = new AutoConcurrency();
	private readonly window = new StartWindow();
	private readonly adaptive = new AdaptiveRate();
	private readonly runs = new Set<RunState>();
	private readonly queue: Waiter[] = [];
	private pumping = false;
	private wake?: AbortController;
	lastUsed: number;

	constructor(readonly clock: Clock) {
		this.lastUsed = clock.now();
	}

	/** No run joined and nobody waiting: the registry may drop it. */
	idle(): boolean {
		return this.runs.size === 0 && this.queue.length === 0;
	}

	/** Runs joined with Concurrency Auto (at least 1, for a share of the level). */
	autoRuns(): number {
		let count = 0;
		for (const run of this.runs) if (run.auto) count++;
		return Math.max(1, count);
	}

	join(run: RunState): void {
		this.runs.add(run);
		this.touch();
	}

	leave(run: RunState): void {
		if (this.runs.delete(run)) this.kick();
		this.touch();
	}

	/** The limit in force at `now`: the lowest told one among the runs joined, or the learned one if lower. */
	limit(now: number): number {
		return Math.min(this.told(), this.adaptive.rate(now, this.window.startsIn(now)));
	}

	/** How long a start must wait for the tenant's pace at `now`. */
	private paceWait(now: number): number {
		const told = this.told();
		const learned = this.adaptive.rate(now, this.window.startsIn(now));
		// The learned rate spreads its starts: a burst the told limit allows could be a cascade of throttles.
		return learned < told ? this.window.delay(now, learned, SPREAD) : this.window.delay(now, told);
	}

	private told(): number {
		let told = Infinity;
		for (const run of this.runs) if (run.maxRequestsPerSecond > 0) told = Math.min(told, run.maxRequestsPerSecond);
		return told;
	}

	/** Resolves with the start's number once the request may start. */
	start(run: RunState, signal?: AbortSignal): Promise<number> {
		if (signal?.aborted) return Promise.reject(abortReason(signal));
		this.touch();
		const now = this.clock.now();
		if (!this.queue.length && this.waitOf(run, now) <= 0) {
			return Promise.resolve(this.grant(run, now));
		}
		return new Promise<number>((resolve, reject) => {
			const onAbort = () => {
				const index = this.queue.indexOf(waiter);
				if (index >= 0) this.queue.splice(index, 1);
				reject(abortReason(signal as AbortSignal));
				this.kick();
			};
			const waiter: Waiter = {
				run,
				resolve,
				done: () => signal?.removeEventListener('abort', onAbort),
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.queue.push(waiter);
			this.kick();
		});
	}

	answered(throttled: boolean, ms: number, start?: number): void {
		const now = this.clock.now();
		this.touch();
		const roundTrip = Number.isFinite(ms) && ms > 0 ? ms : 0;
		const startedAt = now - roundTrip;
		if (start !== undefined) this.window.ended(start, now);
		if (throttled) {
			this.adaptive.throttled(now, startedAt, this.window.passesIn(now));
		} else {
			this.window.passed(now);
			this.adaptive.passedEarlier(now, startedAt, this.window.passesIn(now));
		}
		this.auto.answered(now, throttled, roundTrip);
		// The learned rate moves with time and answers: let the waiters look again.
		if (this.queue.length) this.kick();
	}

	private touch(): void {
		this.lastUsed = this.clock.now();
	}

	private waitOf(run: RunState, now: number): number {
		return Math.max(this.paceWait(now), run.lastStart + run.minGapMs - now);
	}

	/** Records a start; gives its number, which the answer of its request reports (answered). */
	private grant(run: RunState, now: number): number {
		run.lastStart = now;
		return this.window.record(now);
	}

	/** Wakes the pump (sleeping until the next possible start), or starts it. */
	private kick(): void {
		if (this.pumping) this.wake?.abort();
		else void this.pump();
	}

	private async pump(): Promise<void> {
		this.pumping = true;
		try {
			while (this.queue.length) {
				const now = this.clock.now();
				let wait = this.paceWait(now);
				if (wait <= 0) {
					const index = this.queue.findIndex((waiter) => now - waiter.run.lastStart >= waiter.run.minGapMs);
					if (index >= 0) {
						const [waiter] = this.queue.splice(index, 1);
						const at = this.grant(waiter.run, now);
						waiter.done();
						waiter.resolve(at);
						continue;
					}
					wait = Math.min(...this.queue.map((waiter) => waiter.run.lastStart + waiter.run.minGapMs - now));
				}
				const wake = new AbortController();
				this.wake = wake;
				try {
					await this.clock.sleep(Math.max(1, wait), wake.signal);
				} catch {
					// Woken: a waiter left, a run left, or an answer came.
				}
			}
		} finally {
			this.pumping = false;
			this.wake = undefined;
		}
	}
}
