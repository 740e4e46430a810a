import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { profileApiBaseUrl } from '../../../credentials/ImiconnectApi.credentials';
import { makeBatches, type Batch } from './batcher';
import { dryRunJson } from './dry-run';
import { joinTenant, tenantKey, type RunPace } from './governor';
import { processClock } from './governor-clock';
import { InputError } from './input';
import { errorJson, failureError, inputErrorOf, successJson } from './output';
import type { BatchContext, Operation } from './operation';
import { keyRedactor } from './redact';
import { readSettings, type RunSettings } from './settings';
import { stopReport } from './stop-report';
import { createTransport, CREDENTIAL } from './transport';
import type { Entry, Outcome, ParamReader } from './types';

type ItemError = NodeApiError | NodeOperationError;

/** What a run is given: every input item (n8n's run of the node), or one (an AI tool call, see operations/tool-calls.ts). */
export interface RunInput {
	ctx: IExecuteFunctions | IExecuteSingleFunctions;
	operation: Operation;
	/** The items to run, with their index in the node's input. */
	items: Array<{ index: number; json: IDataObject }>;
	reader: (itemIndex: number) => ParamReader;
	continueOnFail: boolean;
}

/** What became of one input item: its output items, or one error. */
interface ItemResult {
	json?: IDataObject[];
	error?: ItemError;
	details?: IDataObject;
	/** Its batch was stopped (n8n's Stop) before its request went out. */
	notSent?: boolean;
}

/** Runs batches, at most `concurrency()` at once (Auto may change it as they go), each after the batches it depends on. */
async function runBatches(batches: Batch[], concurrency: () => number, run: (batch: Batch) => Promise<void>): Promise<void> {
	const done: Array<Promise<void>> = [];
	const running = new Set<Promise<void>>();
	for (const batch of batches) {
		while (running.size >= Math.max(1, concurrency())) await Promise.race(running);
		const task = Promise.all(batch.after.map((index) => done[index])).then(async () => await run(batch));
		done.push(task);
		const tracked = task.finally(() => running.delete(tracked));
		running.add(tracked);
	}
	await Promise.all(done);
}

/** Stage 1 — items → entries; an item that cannot be sent gets its error now, and nothing is sent for it. */
function readEntries(source: RunInput, results: Map<number, ItemResult>): Entry[] {
	const node = source.ctx.getNode();
	const entries: Entry[] = [];
	for (const { index, json } of source.items) {
		try {
			entries.push(source.operation.toEntry(source.reader(index), json, index));
		} catch (error) {
			if (!(error instanceof InputError)) throw new NodeOperationError(node, error as Error, { itemIndex: index });
			const itemError = inputErrorOf(node, index, error);
			if (!source.continueOnFail) throw itemError;
			results.set(index, { error: itemError, details: { itemIndex: index, ...error.ids } });
		}
	}
	return entries;
}

/**
 * The pipeline every operation runs, top to bottom:
 * items → entries (records or IDs, readEntries) → batches (requests of up
 * to 100, makeBatches) → each batch's run (the operation's runBatch: send,
 * wait, settle; pipeline/writes.ts) → outcomes → output items, every input
 * item as its output item(s) or one error, paired to it, in input order.
 */
export async function runPipeline(source: RunInput): Promise<INodeExecutionData[]> {
	const { ctx, operation } = source;
	const node = ctx.getNode();
	const first = source.reader(source.items[0]?.index ?? 0);
	let settings: RunSettings;
	try {
		settings = readSettings(first);
	} catch (error) {
		// A setting that cannot be read (a proxy URL without a port) holds for every item.
		throw new NodeOperationError(node, (error as Error).message);
	}
	const results = new Map<number, ItemResult>();
	const entries = readEntries(source, results);
	const batches = makeBatches(entries, { count: settings.batchSize, oneRequestPerGroup: operation.oneRequestPerGroup });

	if (operation.writes && first('dryRun', false) === true) {
		// Dry Run: every item read and checked as above, the requests formed, nothing sent.
		for (const [index, json] of dryRunJson(operation, batches)) results.set(index, { json: [json] });
		return outputItems(source, results);
	}

	const credentials = await ctx.getCredentials(CREDENTIAL);
	const hide = keyRedactor(String(credentials.apiKey ?? ''));
	const pace = joinTenant(tenantOf(credentials), {
		maxRequestsPerSecond: settings.maxRequestsPerSecond,
		concurrency: settings.concurrency,
		minGapMs: settings.request.batching?.intervalMs ?? 0,
	});
	const signal = ctx.getExecutionCancelSignal?.();
	const wait = async (ms: number) => await processClock.sleep(ms, signal);
	const transport = createTransport(ctx, settings, hide, credentials, pace, wait, signal);
	const context = { transport, settings, wait, stopped: () => signal?.aborted === true };
	try {
		return await runBatched(source, batches, results, context, pace, hide);
	} finally {
		pace.leave();
	}
}

/** The tenant a credential names: its API host and a hash of its key (the governor never holds the key). */
function tenantOf(credentials: ICredentialDataDecryptedObject): string {
	let baseUrl: string;
	try {
		baseUrl = profileApiBaseUrl(credentials);
	} catch {
		// A base URL the credential refuses fails on the first request, with the credential's message.
		baseUrl = String(credentials.baseUrl ?? '');
	}
	return tenantKey(baseUrl, String(credentials.apiKey ?? ''));
}

/** Every batch through its operation's runBatch; the first error stops the run unless Continue On Fail. */
async function runBatched(
	source: RunInput,
	batches: Batch[],
	results: Map<number, ItemResult>,
	context: BatchContext,
	pace: RunPace,
	hide: <T>(value: T) => T,
): Promise<INodeExecutionData[]> {
	const { ctx, operation, continueOnFail } = source;
	const node = ctx.getNode();
	const { settings } = context;
	let stop: ItemError | undefined;
	await runBatches(batches, () => pace.concurrency(), async (batch) => {
		if (stop) return;
		let outcomes: Outcome[];
		try {
			outcomes = await operation.runBatch(batch.entries, context);
		} catch (error) {
			// Not an answer of the API (e.g. a credential that refuses its URL): it holds for the whole batch.
			const batchError =
				error instanceof NodeOperationError || error instanceof NodeApiError
					? error
					: new NodeOperationError(node, hide(String((error as Error)?.message ?? error)));
			if (!continueOnFail) stop = stop ?? batchError;
			// Stopped while waiting for the tenant's pace or a retry: what was not sent says so in the report.
			const notSent = context.stopped();
			for (const entry of batch.entries) results.set(entry.itemIndex, { error: batchError, details: detailsOf(entry), notSent });
			return;
		}
		batch.entries.forEach((entry, position) => {
			const outcome = outcomes[position];
			if (outcome.type === 'failure') {
				const error = failureError(node, entry, outcome.failure);
				if (!continueOnFail) stop = stop ?? error;
				results.set(entry.itemIndex, {
					error,
					details: { ...detailsOf(entry), ...outcome.failure.ids, code: outcome.failure.code },
				});
				return;
			}
			results.set(entry.itemIndex, { json: successJson(entry, outcome, settings.simplify, operation.shapeRecord) });
		});
	});
	if (stop) throw withStopReport(stop, source, results);
	return outputItems(source, results);
}

/** A write's stop: its error says what this run had already written, and what was not sent. */
function withStopReport(stop: ItemError, source: RunInput, results: Map<number, ItemResult>): ItemError {
	const { writes } = source.operation;
	if (!writes) return stop;
	const items = source.items.map(({ index }) => index);
	const state = {
		items,
		written: new Set(items.filter((index) => results.get(index)?.json)),
		failed: new Set(items.filter((index) => results.get(index)?.error && !results.get(index)?.notSent)),
	};
	const report = stopReport(state, writes.rerun);
	stop.description = stop.description ? `${stop.description} ${report}` : report;
	return stop;
}

/** Every input item as its output item(s) or one error item, paired to it, in input order. */
function outputItems(source: RunInput, results: Map<number, ItemResult>): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	for (const { index } of source.items) {
		const result = results.get(index);
		if (result?.error) {
			output.push({ json: errorJson(result.error, result.details ?? { itemIndex: index }), pairedItem: { item: index } });
			continue;
		}
		for (const json of result?.json ?? []) output.push({ json, pairedItem: { item: index } });
	}
	return output;
}

function detailsOf(entry: Entry): IDataObject {
	return { itemIndex: entry.itemIndex, ...entry.ids };
}
