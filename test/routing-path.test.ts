/**
 * n8n's routing path (how n8n runs the node as an AI agent's tool): each item goes through the
 * same pipeline as a batched run, so it gets the same retries and checks.
 */
import { run, useSandbox } from './support';

describe('the routing path (AI tool calls)', () => {
	const sandbox = useSandbox();

	it('retries a connection lost on its first request', async () => {
		sandbox.store.putProfile('c-1', { name: 'Ann' });
		sandbox.addFaults([{ action: 'reset' }]);
		const result = await run(sandbox, { resource: 'profile', operation: 'get' }, [{ customerId: 'c-1' }], {
			routingOnly: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ customerId: 'c-1', name: 'Ann' }]);
		expect(sandbox.log.entries.map((entry: { fault?: string }) => entry.fault)).toEqual(['reset', undefined]);
	});

	it('refuses bad input with the batched path’s message, sending nothing', async () => {
		const result = await run(sandbox, { resource: 'profile', operation: 'get' }, [{ customerId: 'c-\uD800' }], {
			routingOnly: true,
			onError: 'continueRegularOutput',
		});
		expect(JSON.stringify(result.items[0].json)).toMatch(/Item 0: Customer ID is not well-formed text/);
		expect(sandbox.log.entries).toHaveLength(0);
	});

	it('fails an operation this version does not know, sending nothing', async () => {
		const result = await run(sandbox, { resource: 'profile', operation: 'getAll' }, [{ customerId: 'c' }], {
			routingOnly: true,
		});
		expect(result.error?.message).toBe('The operation "getAll" of resource "profile" is not known to this version of the IMIconnect node');
		expect(sandbox.log.entries).toHaveLength(0);
	});
});
