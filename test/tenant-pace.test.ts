/**
 * Issue 19, engine tests: Max Requests per Second is the tenant's pace, shared by every run of the
 * node in the process — loop turns (successive runs) and executions at once (concurrent runs) —
 * against a sandbox that allows R requests in ANY sliding 1 s window (refused ones count too).
 * And n8n's Stop ends a run at once, also while it waits for the governor or a backoff.
 */
import { sleep, type INodeParameters } from 'n8n-workflow';

import { createRun, entriesOf, figuresOf, notCreated, report, timed } from './pace-support';
import { print } from './print';
import { customers, run, useSandbox } from './support';

const R = 20;

describe(`tenant pace, told: Max Requests per Second against a strict sliding limit of ${R}/s`, () => {
	const sandbox = useSandbox({ rateLimitPerSecond: R, rateLimitWindow: 'sliding' });

	it(`20 successive runs (loop turns) of 100 items, 5 requests each, told ${R}: 0 × 7020`, async () => {
		const { value: turns, ms } = await timed(async () => {
			const results = [];
			for (let turn = 0; turn < 20; turn++) {
				results.push(await createRun(sandbox, { items: 100, prefix: `t${turn}`, batchSize: 20, maxRequestsPerSecond: R }));
			}
			return results;
		});
		const figures = figuresOf(entriesOf(sandbox), ms);
		report(`told ${R}/s, 20 successive runs`, figures, R);
		expect(figures.requests).toBe(100);
		expect(figures.throttled).toBe(0);
		expect(figures.peak).toBeLessThanOrEqual(R);
		expect(turns.flatMap(notCreated)).toHaveLength(0);
		expect(sandbox.store.counts.profiles).toBe(2_000);
	});

	it(`3 concurrent runs (executions at once) of 400 items, 20 requests each, told ${R}: 0 × 7020`, async () => {
		const { value: runs, ms } = await timed(async () =>
			await Promise.all([0, 1, 2].map((index) => createRun(sandbox, { items: 400, prefix: `p${index}`, batchSize: 20, maxRequestsPerSecond: R }))),
		);
		const figures = figuresOf(entriesOf(sandbox), ms);
		report(`told ${R}/s, 3 concurrent runs`, figures, R);
		expect(figures.requests).toBe(60);
		expect(figures.throttled).toBe(0);
		expect(figures.peak).toBeLessThanOrEqual(R);
		expect(runs.flatMap(notCreated)).toHaveLength(0);
	});

	it(`concurrent runs told ${R}, ${2 * R} and ${3 * R} (the lowest = the server's, and its run lasts longest): 0 × 7020`, async () => {
		const { value: runs, ms } = await timed(async () =>
			await Promise.all([
				createRun(sandbox, { items: 400, prefix: 'low', batchSize: 10, maxRequestsPerSecond: R }),
				createRun(sandbox, { items: 150, prefix: 'mid', batchSize: 10, maxRequestsPerSecond: 2 * R }),
				createRun(sandbox, { items: 150, prefix: 'high', batchSize: 10, maxRequestsPerSecond: 3 * R }),
			]),
		);
		const figures = figuresOf(entriesOf(sandbox), ms);
		report(`told ${R}, ${2 * R}, ${3 * R}/s at once`, figures, R);
		expect(figures.requests).toBe(70);
		expect(figures.throttled).toBe(0);
		expect(runs.flatMap(notCreated)).toHaveLength(0);
	});

	it(`concurrent runs told ${R / 2} and ${R}: ${R / 2} holds for both (at most ${R / 2} requests in any 1 s)`, async () => {
		const { value: runs, ms } = await timed(async () =>
			await Promise.all([
				createRun(sandbox, { items: 300, prefix: 'half', batchSize: 10, maxRequestsPerSecond: R / 2 }),
				createRun(sandbox, { items: 100, prefix: 'full', batchSize: 10, maxRequestsPerSecond: R }),
			]),
		);
		const figures = figuresOf(entriesOf(sandbox), ms);
		report(`told ${R / 2} and ${R}/s at once`, figures, R / 2);
		expect(figures.requests).toBe(40);
		expect(figures.throttled).toBe(0);
		expect(figures.peak).toBeLessThanOrEqual(R / 2);
		expect(runs.flatMap(notCreated)).toHaveLength(0);
	});
});

function printStop(label: string, outcome: { endMs: number; sentBefore: number; sentAfter: number; result: { error?: { message: string; description?: string | null } } }) {
	print(
		`[tenant pace] Stop while ${label}: ended ${outcome.endMs} ms after the Stop; ${outcome.sentBefore} requests before it, ${outcome.sentAfter} after; ` +
			`node error: ${outcome.result.error?.message} — ${outcome.result.error?.description ?? ''}`,
	);
}

describe('Stop ends a run at once', () => {
	const sandbox = useSandbox();

	/** Starts a Create run, stops it once `ready()` holds; answers how long the run took to end after the Stop. */
	async function stopWhen(ready: () => boolean, options: INodeParameters, items: number, settleMs = 0) {
		const stop = new AbortController();
		const running = run(
			sandbox,
			{ resource: 'profile', operation: 'create', attributesMode: 'autoMap', options },
			customers(items, 's'),
			{ stop: stop.signal },
		);
		let ended = false;
		void running.finally(() => (ended = true));
		while (!ready() && !ended) await sleep(10);
		if (settleMs) await sleep(settleMs);
		const endedBeforeStop = ended;
		const stoppedAt = Date.now();
		const sentBefore = sandbox.log.entries.length;
		stop.abort();
		const result = await running;
		const endMs = Date.now() - stoppedAt;
		// Nothing more may come: wait past the next start the pace or the backoff would have allowed.
		await sleep(1500);
		const after = entriesOf(sandbox).filter((entry) => entry.time > stoppedAt).length;
		return { result, endMs, sentBefore, sentAfter: sandbox.log.entries.length - sentBefore, after, endedBeforeStop };
	}

	it('a run waiting on the governor (told 1 request/s, 50 requests): ends within 1 s, nothing sent after', async () => {
		const started = Date.now();
		const outcome = await stopWhen(() => Date.now() - started >= 2500, { maxRequestsPerSecond: 1, batchSize: 1 }, 50);
		printStop('waiting on the governor (told 1/s)', outcome);
		expect(outcome.endedBeforeStop).toBe(false);
		expect(outcome.sentBefore).toBeGreaterThanOrEqual(2);
		expect(outcome.sentBefore).toBeLessThanOrEqual(4);
		expect(outcome.endMs).toBeLessThan(1000);
		expect(outcome.after).toBe(0);
		expect(outcome.sentAfter).toBe(0);
		// n8n's engine records the node's error (the aborted wait) for the stopped run.
		expect(outcome.result.error?.message).toMatch(/abort/i);
	});

	it('a run waiting out a 7020 with Retry-After 30 s: ends within 1 s, nothing sent after', async () => {
		sandbox.configure({ retryAfterSeconds: 30 });
		sandbox.addFaults([{ action: 'rateLimit', times: 1, match: { method: 'POST', pathPrefix: '/customerprofile' } }]);
		const outcome = await stopWhen(() => sandbox.log.entries.length >= 1, { concurrency: 1, batchSize: 10 }, 50, 300);
		printStop('waiting out Retry-After 30 s', outcome);
		expect(outcome.endedBeforeStop).toBe(false);
		expect(outcome.sentBefore).toBe(1);
		expect(outcome.endMs).toBeLessThan(1000);
		expect(outcome.after).toBe(0);
		expect(outcome.sentAfter).toBe(0);
		// n8n's engine records the node's error (the aborted wait) for the stopped run.
		expect(outcome.result.error?.message).toMatch(/abort/i);
	});
});
