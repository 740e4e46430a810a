/**
 * When a write stops on an error (Continue On Fail off), its error says how many records this run
 * had written, with their items, how many items were not sent, and whether running the same items
 * again is safe. The numbers are checked against what the sandbox holds, at Concurrency 1 and 4.
 */
import { customers, run, useSandbox } from './support';

const written = (description: string) => Number(/(\d+) records? of this run had been written/.exec(description)?.[1] ?? 0);
const notSent = (description: string) => Number(/(\d+) items? (?:was|were) not sent/.exec(description)?.[1] ?? 0);

describe('stop report', () => {
	const sandbox = useSandbox();

	it('Create of 250, item 150 with an attribute the tenant lacks (7017 inside a 1002), Concurrency 1', async () => {
		const items = customers(250, 's');
		items[150] = { ...items[150], nosuch: 'x' };
		const result = await run(sandbox, { resource: 'profile', operation: 'create', attributesMode: 'autoMap', options: { concurrency: 1 } }, items);
		const description = String(result.error?.description);
		expect(result.error?.message).toMatch(/code 7017\) for customer ID "s-150"/);
		expect(sandbox.store.counts.profiles).toBe(199);
		expect(description).toContain('199 records of this run had been written (items 0–149, 151–199).');
		expect(description).toContain('50 items were not sent (items 200–249).');
		expect(description).toContain('use Create or Update');
	});

	it.each([1, 4])('Update stopped by retries running out (7006, Max Retries 0), Concurrency %i: numbers = the sandbox’s', async (concurrency) => {
		const items = customers(1_000, 'r');
		for (const { customerId } of items) sandbox.store.putProfile(customerId as string, { name: 'old' });
		sandbox.configure({ error7006Share: 0.3, randomSeed: 11 });
		const result = await run(sandbox, {
			resource: 'profile',
			operation: 'update',
			attributesMode: 'autoMap',
			options: { concurrency, batchSize: 50, maxRetries: 0 },
		}, items);
		const description = String(result.error?.description);
		expect(result.error?.message).toMatch(/code 7006/);
		const updated = items.filter(({ customerId }) => sandbox.store.getProfile(customerId as string)?.name !== 'old').length;
		expect(written(description)).toBe(updated);
		expect(updated).toBeGreaterThan(0);
		const answered = sandbox.log.entries.reduce((sum, entry) => sum + ((entry.body as { Records?: unknown[] })?.Records?.length ?? 0), 0);
		expect(notSent(description)).toBe(1_000 - answered);
		expect(description).toContain('Running the same items again is safe');
	});

	it('Continue On Fail on: no stop, so no report; every item is its result or its error', async () => {
		const items = customers(120, 'f');
		items[7] = { ...items[7], nosuch: 'x' };
		const result = await run(sandbox, { resource: 'profile', operation: 'create', attributesMode: 'autoMap' }, items, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(120);
		expect(String(result.items[7].json.message)).not.toContain('Before the node stopped');
	});
});
