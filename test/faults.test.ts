/**
 * The fault matrix (issue: reliability): every registered operation (its fixture in test/operations/)
 * under each fault the sandbox can inject. For each cell: every input item ends
 * as exactly one output item paired to it, all succeed after retries, the store
 * holds exactly what the items said (no duplicate, no lost write), and the run
 * ends within the bound the retry options set. Prints the matrix at the end.
 */
import { arrange, fixtureList, FIXTURES, type OperationFixture } from './operations';
import { print } from './print';
import { openSandbox, pairing, run, type Sandbox } from './support';

const OPTIONS = { maxRetries: 5, maxRetryWait: 10, timeout: 400, waitForCompletion: true, waitTimeout: 15 };
/** Retries wait at most maxRetryWait in all; each attempt lasts at most the timeout; polls at most waitTimeout. */
const BOUND_MS = (OPTIONS.maxRetryWait + OPTIONS.waitTimeout + (OPTIONS.maxRetries + 1) * 2 * OPTIONS.timeout / 1000) * 1000;

interface FaultCase {
	/** Scripts the fault on the requests the operation sends (`match`). */
	setup(sandbox: Sandbox, onRequests: { pathPrefix: string }): void;
	writesOnly?: boolean;
}

const FAULTS: Record<string, FaultCase> = {
	'7020 burst': { setup: (s, onRequests) => s.addFaults([{ action: 'rateLimit', times: 3, match: onRequests }]) },
	'7006': { setup: (s, onRequests) => s.addFaults([{ action: 'error7006', times: 2, match: onRequests }]) },
	'7006 after applying': {
		setup: (s, onRequests) => s.addFaults([{ action: 'error7006', applied: true, match: onRequests }]),
		writesOnly: true,
	},
	'HTTP 500': { setup: (s, onRequests) => s.addFaults([{ action: 'http500', times: 2, match: onRequests }]) },
	'HTTP 503': { setup: (s, onRequests) => s.addFaults([{ action: 'http503', times: 2, match: onRequests }]) },
	'connection reset': { setup: (s, onRequests) => s.addFaults([{ action: 'reset', times: 2, match: onRequests }]) },
	'reset after applying': {
		setup: (s, onRequests) => s.addFaults([{ action: 'reset', applied: true, match: onRequests }]),
		writesOnly: true,
	},
	timeout: { setup: (s, onRequests) => s.addFaults([{ action: 'hang', match: onRequests }]) },
	'malformed JSON': { setup: (s, onRequests) => s.addFaults([{ action: 'malformed', times: 2, match: onRequests }]) },
	'1002 partial': { setup: (s, onRequests) => s.addFaults([{ action: 'partial', match: onRequests }]), writesOnly: true },
	'queued, 7600 a while': {
		setup: (s) => s.configure({ mode: 'queued', queuePolls: 3, queueDelayMs: 60_000 }),
		writesOnly: true,
	},
};

const matrix = new Map<string, Map<string, string>>();

describe('fault matrix: every operation × fault ends with every item accounted for, no duplicate, no loss', () => {
	afterAll(() => {
		const faults = Object.keys(FAULTS);
		const width = Math.max(...Object.keys(FIXTURES).map((name) => name.length));
		const lines = [`${'operation'.padEnd(width)} | ${faults.join(' | ')}`];
		for (const [operation] of fixtureList()) {
			const row = matrix.get(operation) ?? new Map<string, string>();
			lines.push(`${operation.padEnd(width)} | ${faults.map((fault) => (row.get(fault) ?? '-').padEnd(fault.length)).join(' | ')}`);
		}
		print(`\nFault matrix (outcome: items ok/total, requests sent)\n${lines.join('\n')}\n`);
	});

	const cells = fixtureList().flatMap(([operation, fixture]) =>
		Object.entries(FAULTS)
			.filter(([, fault]) => fixture.writes || !fault.writesOnly)
			.map(([fault, faultCase]) => [operation, fault, fixture, faultCase] as [string, string, OperationFixture, FaultCase]),
	);

	// Most of a cell is waiting for retries: cells run a few at a time (Jest's maxConcurrency), each with its own sandbox.
	it.concurrent.each(cells)('%s under %s', async (operation, fault, fixture, faultCase) => {
		const sandbox = await openSandbox();
		try {
			await runCell(sandbox, operation, fault, fixture, faultCase);
		} finally {
			await sandbox.close();
		}
	});
});

/** One cell: seed, script the fault, run, and check every item and the store. */
async function runCell(sandbox: Sandbox, operation: string, fault: string, fixture: OperationFixture, faultCase: FaultCase): Promise<void> {
	const items = await arrange(sandbox, fixture);
	faultCase.setup(sandbox, { pathPrefix: fixture.requests });
	const started = Date.now();
	const result = await run(sandbox, { ...fixture.parameters, options: OPTIONS }, items, {
		onError: 'continueRegularOutput',
	});
	const elapsed = Date.now() - started;
	const ok = result.items.filter((item) => item.json.error === undefined).length;
	const row = matrix.get(operation) ?? new Map<string, string>();
	row.set(fault, `${ok}/${items.length} ok, ${sandbox.log.entries.length} req`);
	matrix.set(operation, row);

	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.error)).toEqual(items.map(() => undefined));
	expect(pairing(result.items)).toEqual(items.map((_, index) => index));
	if (operation.endsWith('create') || operation.endsWith('upsert')) {
		expect(result.items.map((item) => item.json.status)).not.toContain('queued');
	}
	fixture.check(sandbox, result);
	expect(elapsed).toBeLessThan(BOUND_MS);
}

const ids = Array.from({ length: 5 }, (_, index) => `f-${index}`);
const named = ids.map((customerId) => ({ customerId, name: `Name ${customerId}` }));
const profile = (operation: string) => ({ resource: 'profile', operation, attributesMode: 'autoMap' });

describe('retries are bounded', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await openSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	it('a sandbox that always answers 7020 ends the run with per-item rate-limit errors within the configured time', async () => {
		sandbox.addFaults([{ action: 'rateLimit', times: 10_000 }]);
		const options = { maxRetries: 10, maxRetryWait: 2, timeout: 1000 };
		const started = Date.now();
		const result = await run(sandbox, { ...profile('create'), options }, named, { onError: 'continueRegularOutput' });
		const elapsed = Date.now() - started;
		expect(result.items.map((item) => item.json.error)).toEqual(
			ids.map((id) => `Rate limit reached (code 7020) for customer ID "${id}"`),
		);
		expect(pairing(result.items)).toEqual(ids.map((_, index) => index));
		// One batch: the first try plus the retries that fit in 2 s of waiting.
		expect(sandbox.log.entries.length).toBeGreaterThan(1);
		expect(sandbox.log.entries.length).toBeLessThanOrEqual(11);
		expect(elapsed).toBeLessThan(2_000 + 11 * 1_000);
		expect(sandbox.store.listProfiles()).toEqual([]);
	});

	it('honours Retry-After', async () => {
		sandbox.reset();
		sandbox.configure({ errorStatus: '4xx', retryAfterSeconds: 1 });
		sandbox.addFaults([{ action: 'rateLimit', times: 1 }]);
		const started = Date.now();
		const result = await run(sandbox, profile('create'), named.slice(0, 1));
		expect(result.items[0].json.status).toBe('created');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
	});

	it('through declarative routing (an AI tool call), a create applied before a 7006 counts as created', async () => {
		sandbox.reset();
		sandbox.addFaults([{ action: 'error7006', applied: true }]);
		const result = await run(sandbox, profile('create'), named.slice(0, 1), { routingOnly: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ customerId: 'f-0', status: 'created' });
		expect(sandbox.store.listProfiles()).toEqual([named[0]]);
		// The retry's "already exists" is checked by reading the record back: it holds what was sent.
		expect(sandbox.log.entries.map((entry: { method: string }) => entry.method)).toEqual(['POST', 'POST', 'GET']);
	});

	it('does not retry what a retry cannot fix', async () => {
		sandbox.reset();
		const result = await run(sandbox, profile('update'), [{ customerId: 'ghost', name: 'x' }], {
			onError: 'continueRegularOutput',
		});
		expect(result.items[0].json.details).toMatchObject({ code: '7014' });
		expect(sandbox.log.entries).toHaveLength(1);
	});
});
