/** Shared pieces of the node tests: a sandbox per test file and the engine runner bound to it. */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import { runNode, sandboxCredentials, type RunOptions, type RunResult } from '../scripts/lib/engine';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type SandboxOptions = Parameters<typeof startSandbox>[0];

// The sandbox's profile key in tests: not a secret, and searched for in outputs by the secret tests.
export const SANDBOX_PROFILE = 'sandbox-test-value-9f3c1a';
export const APP_ID = 'a_636035705699961900';

export async function openSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await startSandbox({ port: 0, key: SANDBOX_PROFILE, ...options });
}

/**
 * One sandbox for a test file: opened before its tests, reset before each, closed after them.
 * It exists only once beforeAll has run, so what this returns forwards to it.
 */
export function useSandbox(options: SandboxOptions = {}): Sandbox {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await openSandbox(options);
	});
	afterAll(async () => {
		await current?.close();
	});
	beforeEach(() => current?.reset());
	return new Proxy({} as Sandbox, {
		get(_target, name) {
			if (!current) throw new Error('the sandbox is used before beforeAll opened it');
			const value: unknown = Reflect.get(current, name, current);
			return typeof value === 'function' ? value.bind(current) : value;
		},
	});
}

/** Every text the console and n8n's logger receive while a test file runs (the secret tests search it). */
export function captureLogs(): string[] {
	const logged: string[] = [];
	beforeAll(() => {
		for (const method of ['log', 'error', 'warn', 'info', 'debug'] as const) {
			jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
				logged.push(...allText(args));
			});
		}
		const capture = (message: string, meta?: object) => logged.push(message, ...allText(meta));
		LoggerProxy.init({ error: capture, warn: capture, info: capture, debug: capture } as never);
	});
	afterAll(() => jest.restoreAllMocks());
	return logged;
}

/** Runs the IMIconnect node on `items` against the sandbox. */
export async function run(
	sandbox: Sandbox,
	parameters: INodeParameters,
	items: IDataObject[],
	extra: Partial<RunOptions> = {},
): Promise<RunResult> {
	return await runNode({
		parameters,
		items,
		credentials: sandboxCredentials(sandbox.baseUrl, sandbox.key),
		...extra,
	});
}

/** `n` customers with ids `${prefix}-0` … and a name and email each. */
export function customers(n: number, prefix = 'c'): IDataObject[] {
	return Array.from({ length: n }, (_, index) => ({
		customerId: `${prefix}-${index}`,
		name: `Customer ${index}`,
		email: `customer${index}@example.com`,
	}));
}

/** The input item index each output item is paired to. */
export function pairing(items: INodeExecutionData[]): number[] {
	return items.map((item) => {
		const paired = item.pairedItem;
		if (typeof paired === 'number') return paired;
		if (Array.isArray(paired)) return paired[0].item;
		return paired?.item ?? -1;
	});
}

export function requestsTo(sandbox: Sandbox, method: string, pathPrefix: string): number {
	return sandbox.log.count({ method, pathPrefix });
}

/** Every string reachable from a value, own non-enumerable properties (message, stack, cause) included. */
export function allText(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (value === null || typeof value !== 'object' || seen.has(value)) return [];
	seen.add(value);
	return Object.getOwnPropertyNames(value).flatMap((name) => {
		const property = Object.getOwnPropertyDescriptor(value, name);
		return property && 'value' in property ? [name, ...allText(property.value, seen)] : [name];
	});
}
