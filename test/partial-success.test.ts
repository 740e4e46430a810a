/**
 * A 1002 partial success: "the other records of its batch are not sent twice" (README). The
 * second request of a batch whose first was answered 1002 holds exactly the records that failed
 * with a temporary code, in their order, and every item ends as exactly one result. Through n8n's
 * engine, for the writes that send Records: profile and app profile Create and Update.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { sandboxCredentials } from '../scripts/lib/engine';
import { startRecordFaultProxy } from './record-fault-proxy';
import { APP_ID, pairing, run, type Sandbox, useSandbox } from './support';

const N = 100;
const ids = Array.from({ length: N }, (_, index) => `p-${String(index).padStart(3, '0')}`);
const options = { batchSize: N, maxRetries: 3, maxRetryWait: 5 };

interface WriteCase {
	parameters: INodeParameters;
	items: IDataObject[];
	/** Records that exist before the run (for an update: all of them). */
	seed(sandbox: Sandbox, some: string[]): void;
	/** The stored records of the customers, as the items say they should be after the run. */
	stored(sandbox: Sandbox): unknown[];
	expected: unknown[];
	status: string;
	/** What makes a record fail for good: an update of a missing record, a create of an existing one. */
	finalFailure: 'exists' | 'missing';
}

const profileItems = ids.map((customerId) => ({ customerId, name: `New ${customerId}` }));
const appItems = ids.map((customerId) => ({ customerId, deviceId: 'phone', os: `New ${customerId}` }));
const putProfiles = (sandbox: Sandbox, some: string[]) => some.forEach((id) => sandbox.store.putProfile(id, { name: 'Old' }));
const putApps = (sandbox: Sandbox, some: string[]) =>
	some.forEach((id) => sandbox.store.putAppProfile(APP_ID, id, { customerId: id, deviceId: 'phone', os: 'Old' }));
const profiles = (sandbox: Sandbox) => ids.map((id) => sandbox.store.getProfile(id));
const apps = (sandbox: Sandbox) => ids.map((id) => sandbox.store.getAppProfiles(APP_ID, id));

const CASES: Record<string, WriteCase> = {
	'profile create': {
		parameters: { resource: 'profile', operation: 'create', attributesMode: 'autoMap' },
		items: profileItems,
		seed: putProfiles,
		stored: profiles,
		expected: profileItems,
		status: 'created',
		finalFailure: 'exists',
	},
	'profile update': {
		parameters: { resource: 'profile', operation: 'update', attributesMode: 'autoMap' },
		items: profileItems,
		seed: putProfiles,
		stored: profiles,
		expected: profileItems,
		status: 'updated',
		finalFailure: 'missing',
	},
	'app profile create': {
		parameters: { resource: 'appProfile', operation: 'create', appId: APP_ID, attributesMode: 'autoMap' },
		items: appItems,
		seed: putApps,
		stored: apps,
		expected: appItems.map((item) => [item]),
		status: 'created',
		finalFailure: 'exists',
	},
	'app profile update': {
		parameters: { resource: 'appProfile', operation: 'update', appId: APP_ID, attributesMode: 'autoMap' },
		items: appItems,
		seed: putApps,
		stored: apps,
		expected: appItems.map((item) => [item]),
		status: 'updated',
		finalFailure: 'missing',
	},
};

type Body = { Records: unknown[] };

/** Every input item is paired to exactly one output item, in order. */
function expectOneResultEach(items: Parameters<typeof pairing>[0]): void {
	expect(pairing(items)).toEqual(ids.map((_, index) => index));
}

describe('1002 partial success: only the failed records are sent again', () => {
	const sandbox = useSandbox();

	it.each(Object.entries(CASES))('%s: 3 of 100 records answered 7006 inside a 1002 go again, alone, in order', async (_name, write) => {
		const failAt = [5, 41, 97];
		if (write.finalFailure === 'missing') write.seed(sandbox, ids);
		const proxy = await startRecordFaultProxy(sandbox, failAt);
		try {
			const result = await run(sandbox, { ...write.parameters, options }, write.items, {
				credentials: sandboxCredentials(proxy.baseUrl, sandbox.key),
			});
			expect(result.error).toBeUndefined();
			const [first, second, ...rest] = proxy.bodies as Body[];
			expect(first.Records).toHaveLength(N);
			expect(second.Records).toEqual(failAt.map((index) => first.Records[index]));
			expect(rest).toEqual([]);
			// The failed records did not reach the sandbox the first time.
			expect(sandbox.log.entries.map((entry) => (entry.body as Body).Records.length)).toEqual([N - failAt.length, failAt.length]);
			expectOneResultEach(result.items);
			expect(result.items.map((item) => item.json.status)).toEqual(ids.map(() => write.status));
			expect(write.stored(sandbox)).toEqual(write.expected);
		} finally {
			await proxy.close();
		}
	});

	it.each(Object.entries(CASES))(
		'%s: the sandbox’s partial fault (first record 7006) with two records failing for good: only the first goes again',
		async (_name, write) => {
			const failing = [ids[10], ids[60]];
			if (write.finalFailure === 'missing') write.seed(sandbox, ids.filter((id) => !failing.includes(id)));
			else write.seed(sandbox, failing);
			sandbox.addFaults([{ action: 'partial' }]);
			const result = await run(sandbox, { ...write.parameters, options }, write.items, { onError: 'continueRegularOutput' });
			expect(result.error).toBeUndefined();
			const bodies = sandbox.log.entries.map((entry) => entry.body as Body);
			expect(bodies).toHaveLength(2);
			expect(bodies[0].Records).toHaveLength(N);
			expect(bodies[1].Records).toEqual([bodies[0].Records[0]]);
			expectOneResultEach(result.items);
			const refused = write.finalFailure === 'exists' ? /^Already exists \(code (7015|7209)\)/ : /^Not found \(code 7014\)/;
			expect(result.items.map((item) => item.json.error ?? item.json.status)).toEqual(
				ids.map((id) => (failing.includes(id) ? expect.stringMatching(refused) : write.status)),
			);
			const details = result.items.filter((item) => item.json.error !== undefined).map((item) => (item.json.details as IDataObject).customerId);
			expect(details).toEqual(failing);
		},
	);
});
