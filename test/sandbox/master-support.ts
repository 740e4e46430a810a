/**
 * Set-up shared by the master profile test files (master-*.test.ts): one sandbox per file with the
 * key 'sandbox-key', reset before each test, and the calls they make.
 */
import { callSandbox, startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type CallInit = Parameters<typeof callSandbox>[3];

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const APP = 'a_636035705699961900';
export const APP2 = 'MU20051001';

/** The file's sandbox: an ES live binding, set by the beforeAll of useMasterSandbox(). */
export let sb: Sandbox;
export const call = async (method: string, path: string, init?: CallInit) => await callSandbox(sb, method, path, init);
export const create = async (records: unknown[]) => await call('POST', '/customerprofile', { body: { Records: records } });

/** Call at the top of a describe(): starts the sandbox before its tests and closes it after. */
export function useMasterSandbox(): void {
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, key: 'sandbox-key' });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());
}
