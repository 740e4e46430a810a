/**
 * One fixture per registered operation of the node, keyed "<resource>.<operation>"
 * (registry.test.ts fails while one is missing). The fault matrix, the echoed-key
 * test and the bad-input batches run every operation from here.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../support';
import { APP_PROFILE_FIXTURES } from './appProfile';
import type { Fixtures, OperationFixture } from './fixture';
import { PROFILE_FIXTURES } from './profile';

export type { OperationFixture, Refusal } from './fixture';

export const FIXTURES: Fixtures = { ...PROFILE_FIXTURES, ...APP_PROFILE_FIXTURES };

/** The fixtures as [key, fixture] pairs, in a stable order. */
export const fixtureList = (): Array<[string, OperationFixture]> => Object.entries(FIXTURES);

/** Seeds the sandbox for a fixture's typical run and answers its input items; the seeding's requests are not in the log. */
export async function arrange(sandbox: Sandbox, fixture: OperationFixture): Promise<IDataObject[]> {
	const seeded = (await fixture.seed(sandbox)) ?? {};
	sandbox.log.clear();
	return typeof fixture.items === 'function' ? fixture.items(seeded) : fixture.items;
}
