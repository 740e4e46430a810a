/**
 * The fault matrix (issue: reliability): every operation of both resources
 * under each fault the sandbox can inject. For each cell: every input item ends
 * as exactly one output item paired to it, all succeed after retries, the store
 * holds exactly what the items said (no duplicate, no lost write), and the run
 * ends within the bound the retry options set. Prints the matrix at the end.
 */
import type { IDataObject } from 'n8n-workflow';

import { print } from './print';
import { APP_ID, openSandbox, pairing, run, type Sandbox } from './support';

const N = 5;
const ids = Array.from({ length: N }, (_, index) => `f-${index}`);
const OPTIONS = { maxRetries: 5, maxRetryWait: 10, timeout: 400, waitForCompletion: true, waitTimeout: 15 };
/** Retries wait at most maxRetryWait in all; each attempt lasts at most the timeout; polls at most waitTimeout. */
const BOUND_MS = (OPTIONS.maxRetryWait + OPTIONS.waitTimeout + (OPTIONS.maxRetries + 1) * 2 * OPTIONS.timeout / 1000) * 1000;

interface OperationCase {
	parameters: IDataObject;
	items: IDataObject[];
	seed(sandbox: Sandbox): void;
	/** The store after a correct run. */
	check(sandbox: Sandbox): void;
	write: boolean;
}

const profiles = (sandbox: Sandbox) => ids.map((id) => sandbox.store.getProfile(id));
const devices = (sandbox: Sandbox) =>
	ids.map((id) => sandbox.store.getAppProfiles(APP_ID, id).map((record: IDataObject) => record.deviceId));
const seedProfiles = (sandbox: Sandbox) => ids.forEach((id) => sandbox.store.putProfile(id, { name: 'Old' }));
const seedDevices = (sandbox: Sandbox) =>
	ids.forEach((id) => {
		for (const deviceId of ['phone', 'tablet']) {
			sandbox.store.putAppProfile(APP_ID, id, { customerId: id, userId: `u-${id}`, deviceId, os: 'Old' });
		}
	});
const named = ids.map((customerId) => ({ customerId, name: `Name ${customerId}` }));
const apps = ids.map((customerId) => ({ customerId, userId: `u-${customerId}`, deviceId: 'phone', os: 'New' }));
const profile = (operation: string) => ({ resource: 'profile', operation, attributesMode: 'autoMap' });
const app = (operation: string) => ({ resource: 'appProfile', operation, appId: APP_ID, attributesMode: 'autoMap' });

const OPERATIONS: Record<string, OperationCase> = {
	'profile get': {
		parameters: profile('get'),
		items: ids.map((customerId) => ({ customerId })),
		seed: seedProfiles,
		check: (sandbox) => expect(profiles(sandbox)).toEqual(ids.map((customerId) => ({ customerId, name: 'Old' }))),
		write: false,
	},
	'profile create': {
		parameters: profile('create'),
		items: named,
		seed: () => {},
		check: (sandbox) => {
			expect(profiles(sandbox)).toEqual(named);
			expect(sandbox.store.listProfiles()).toHaveLength(N);
		},
		write: true,
	},
	'profile update': {
		parameters: profile('update'),
		items: named,
		seed: seedProfiles,
		check: (sandbox) => expect(profiles(sandbox)).toEqual(named),
		write: true,
	},
	'profile upsert': {
		parameters: profile('upsert'),
		items: named,
		seed: (sandbox) => ids.slice(0, 2).forEach((id) => sandbox.store.putProfile(id, { name: 'Old' })),
		check: (sandbox) => {
			expect(profiles(sandbox)).toEqual(named);
			expect(sandbox.store.listProfiles()).toHaveLength(N);
		},
		write: true,
	},
	'profile delete': {
		parameters: profile('delete'),
		items: ids.map((customerId) => ({ customerId })),
		seed: (sandbox) => {
			seedProfiles(sandbox);
			sandbox.store.putProfile('keep', { name: 'Keep' });
		},
		check: (sandbox) => expect(sandbox.store.listProfiles()).toEqual([{ customerId: 'keep', name: 'Keep' }]),
		write: true,
	},
	'appProfile get': {
		parameters: app('get'),
		items: ids.map((customerId) => ({ customerId })),
		seed: (sandbox) =>
			ids.forEach((id) => sandbox.store.putAppProfile(APP_ID, id, { customerId: id, deviceId: 'phone' })),
		check: (sandbox) => expect(devices(sandbox)).toEqual(ids.map(() => ['phone'])),
		write: false,
	},
	'appProfile create': {
		parameters: app('create'),
		items: apps,
		seed: () => {},
		check: (sandbox) =>
			expect(ids.map((id) => sandbox.store.getAppProfiles(APP_ID, id))).toEqual(apps.map((item) => [item])),
		write: true,
	},
	'appProfile update': {
		parameters: app('update'),
		items: apps,
		seed: (sandbox) =>
			ids.forEach((id) => sandbox.store.putAppProfile(APP_ID, id, { customerId: id, userId: `u-${id}`, deviceId: 'phone', os: 'Old' })),
		check: (sandbox) =>
			expect(ids.map((id) => sandbox.store.getAppProfiles(APP_ID, id))).toEqual(apps.map((item) => [item])),
		write: true,
	},
	'appProfile upsert': {
		parameters: app('upsert'),
		items: apps,
		seed: (sandbox) =>
			ids.slice(0, 2).forEach((id) => sandbox.store.putAppProfile(APP_ID, id, { customerId: id, userId: `u-${id}`, deviceId: 'phone', os: 'Old' })),
		check: (sandbox) =>
			expect(ids.map((id) => sandbox.store.getAppProfiles(APP_ID, id))).toEqual(apps.map((item) => [item])),
		write: true,
	},
	'appProfile delete': {
		parameters: app('delete'),
		items: ids.map((customerId) => ({ customerId })),
		seed: seedDevices,
		check: (sandbox) => expect(devices(sandbox)).toEqual(ids.map(() => [])),
		write: true,
	},
	'appProfile deleteDevice': {
		parameters: app('deleteDevice'),
		items: ids.map((customerId) => ({ customerId, deviceId: 'tablet' })),
		seed: seedDevices,
		check: (sandbox) => expect(devices(sandbox)).toEqual(ids.map(() => ['phone'])),
		write: true,
	},
};

interface FaultCase {
	setup(sandbox: Sandbox): void;
	writesOnly?: boolean;
}

const onRequests = { pathPrefix: '/customer' };
const FAULTS: Record<string, FaultCase> = {
	'7020 burst': { setup: (s) => s.addFaults([{ action: 'rateLimit', times: 3, match: onRequests }]) },
	'7006': { setup: (s) => s.addFaults([{ action: 'error7006', times: 2, match: onRequests }]) },
	'7006 after applying': {
		setup: (s) => s.addFaults([{ action: 'error7006', applied: true, match: onRequests }]),
		writesOnly: true,
	},
	'HTTP 500': { setup: (s) => s.addFaults([{ action: 'http500', times: 2, match: onRequests }]) },
	'HTTP 503': { setup: (s) => s.addFaults([{ action: 'http503', times: 2, match: onRequests }]) },
	'connection reset': { setup: (s) => s.addFaults([{ action: 'reset', times: 2, match: onRequests }]) },
	'reset after applying': {
		setup: (s) => s.addFaults([{ action: 'reset', applied: true, match: onRequests }]),
		writesOnly: true,
	},
	timeout: { setup: (s) => s.addFaults([{ action: 'hang', match: onRequests }]) },
	'malformed JSON': { setup: (s) => s.addFaults([{ action: 'malformed', times: 2, match: onRequests }]) },
	'1002 partial': { setup: (s) => s.addFaults([{ action: 'partial', match: onRequests }]), writesOnly: true },
	'queued, 7600 a while': {
		setup: (s) => s.configure({ mode: 'queued', queuePolls: 3, queueDelayMs: 60_000 }),
		writesOnly: true,
	},
};

const matrix = new Map<string, Map<string, string>>();

describe('fault matrix: every operation × fault ends with every item accounted for, no duplicate, no loss', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await openSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
		const faults = Object.keys(FAULTS);
		const width = Math.max(...Object.keys(OPERATIONS).map((name) => name.length));
		const lines = [`${'operation'.padEnd(width)} | ${faults.join(' | ')}`];
		for (const [operation, row] of matrix) {
			lines.push(`${operation.padEnd(width)} | ${faults.map((fault) => (row.get(fault) ?? '-').padEnd(fault.length)).join(' | ')}`);
		}
		print(`\nFault matrix (outcome: items ok/total, requests sent)\n${lines.join('\n')}\n`);
	});

	const cells = Object.entries(OPERATIONS).flatMap(([operation, opCase]) =>
		Object.entries(FAULTS)
			.filter(([, fault]) => opCase.write || !fault.writesOnly)
			.map(([fault, faultCase]) => [operation, fault, opCase, faultCase] as const),
	);

	it.each(cells)('%s under %s', async (operation, fault, opCase, faultCase) => {
		sandbox.reset();
		opCase.seed(sandbox);
		faultCase.setup(sandbox);
		const started = Date.now();
		const result = await run(sandbox, { ...opCase.parameters, options: OPTIONS }, opCase.items, {
			onError: 'continueRegularOutput',
		});
		const elapsed = Date.now() - started;
		const ok = result.items.filter((item) => item.json.error === undefined).length;
		const row = matrix.get(operation) ?? new Map<string, string>();
		row.set(fault, `${ok}/${opCase.items.length} ok, ${sandbox.log.entries.length} req`);
		matrix.set(operation, row);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.error)).toEqual(opCase.items.map(() => undefined));
		expect(pairing(result.items)).toEqual(opCase.items.map((_, index) => index));
		if (operation.endsWith('create') || operation.endsWith('upsert')) {
			expect(result.items.map((item) => item.json.status)).not.toContain('queued');
		}
		opCase.check(sandbox);
		expect(elapsed).toBeLessThan(BOUND_MS);
	});
});

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
