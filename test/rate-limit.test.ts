/**
 * Max Requests per Second = R against a tenant that allows R requests in ANY sliding 1 s window:
 * the node's own traffic (first attempts, retries and status polls) never goes over, so the API
 * answers no 7020 at all (issue "Correctness holes", point 6). R = 50 keeps the runs about 2 s.
 */
import { callSandbox } from '../sandbox';
import { customers, run, useSandbox } from './support';

const R = 50;

describe(`rate limit: node option ${R}/s against a strict sliding-window limit of ${R}/s`, () => {
	const sandbox = useSandbox({ rateLimitPerSecond: R, rateLimitWindow: 'sliding' });

	it('the sandbox does refuse a burst over the limit (the check below can fail)', async () => {
		const answers = await Promise.all(
			Array.from({ length: R + 10 }, () => callSandbox(sandbox, 'GET', '/customerprofile/nobody')),
		);
		const refused = answers.filter((answer) => (answer.json as { response?: { code?: string } })?.response?.code === '7020');
		expect(refused.length).toBeGreaterThanOrEqual(10);
	});

	it('Profile Create, 10 000 items, Concurrency 4: 100 requests, 0 answered 7020', async () => {
		const items = customers(10_000, 'r');
		const options = { concurrency: 4, maxRequestsPerSecond: R };
		const result = await run(sandbox, { resource: 'profile', operation: 'create', attributesMode: 'autoMap', options }, items, {
			onError: 'continueRegularOutput',
		});
		expect(sandbox.log.entries.filter((entry) => entry.code === '7020')).toHaveLength(0);
		expect(sandbox.log.entries).toHaveLength(100);
		expect(result.items.filter((item) => item.json.status !== 'created')).toHaveLength(0);
		expect(sandbox.store.counts.profiles).toBe(10_000);
	});

	it('retries and status polls count too: queued writes with 7006 faults, Wait for Completion on, 0 answered 7020', async () => {
		sandbox.configure({ mode: 'queued', queuePolls: 1, queueDelayMs: 10_000, error7006Share: 0.1, randomSeed: 7 });
		const items = customers(3_000, 'q');
		const options = { concurrency: 4, maxRequestsPerSecond: R, waitForCompletion: true, maxRetryWait: 30 };
		const result = await run(sandbox, { resource: 'profile', operation: 'create', attributesMode: 'autoMap', options }, items, {
			onError: 'continueRegularOutput',
		});
		expect(sandbox.log.entries.filter((entry) => entry.code === '7006').length).toBeGreaterThan(0);
		expect(sandbox.log.count({ method: 'GET', pathPrefix: '/profile/status/' })).toBeGreaterThan(0);
		expect(sandbox.log.entries.filter((entry) => entry.code === '7020')).toHaveLength(0);
		expect(result.items.filter((item) => item.json.status !== 'created')).toHaveLength(0);
	});
});
