import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { makeBatches, type Batch } from './batcher';
import { InputError } from './input';
import { parameterReader } from './parameters';
import { operationSpec, unknownOperationMessage, type OperationSpec } from './operations';
import { errorJson, failureError, inputErrorOf, successJson } from './output';
import { readSettings, type RunSettings } from './settings';
import { settle, type Settled } from './settle';
import { createSender, type Sender } from './transport';
import type { Unit } from './types';

type ItemError = NodeApiError | NodeOperationError;

/** Runs batches, at most `concurrency` at once, each after the batches it depends on. */
async function runBatches(
	batches: Batch[],
	concurrency: number,
	run: (batch: Batch) => Promise<void>,
): Promise<void> {
	const done: Array<Promise<void>> = [];
	const running = new Set<Promise<void>>();
	for (const batch of batches) {
		while (running.size >= concurrency) await Promise.race(running);
		const task = Promise.all(batch.after.map((index) => done[index])).then(async () => await run(batch));
		done.push(task);
		const tracked = task.finally(() => running.delete(tracked));
		running.add(tracked);
	}
	await Promise.all(done);
}

async function sendBatch(
	spec: OperationSpec,
	units: Unit[],
	send: Sender,
	settings: RunSettings,
): Promise<Settled[]> {
	return await settle(spec, units, await send(spec.request(units)), send, settings);
}

/**
 * The batched path for every operation (n8n's customOperations): all input
 * items become units, units become requests of up to 100 records, and every
 * input item ends as its output item(s) or one error, paired to it, in input order.
 */
export async function runOperation(
	this: IExecuteFunctions,
	resource: string,
	operation: string,
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const spec = operationSpec(resource, operation);
	if (!spec) {
		throw new NodeOperationError(node, unknownOperationMessage(resource, operation));
	}
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const readerFor = parameterReader(this, items);
	const settings = readSettings(readerFor(0));

	const results: Array<INodeExecutionData[] | undefined> = new Array(items.length);
	const errors: Array<ItemError | undefined> = new Array(items.length);
	const errorCodes: Array<string | undefined> = new Array(items.length);
	const unitOfItem: Array<Unit | undefined> = new Array(items.length);
	const units: Unit[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const unit = spec.toUnit(readerFor(itemIndex), items[itemIndex].json, itemIndex);
			units.push(unit);
			unitOfItem[itemIndex] = unit;
		} catch (error) {
			const itemError =
				error instanceof InputError
					? inputErrorOf(node, itemIndex, error)
					: new NodeOperationError(node, error as Error, { itemIndex });
			if (!continueOnFail) throw itemError;
			errors[itemIndex] = itemError;
		}
	}

	const send = createSender(this, settings);
	let stop: ItemError | undefined;
	await runBatches(makeBatches(units, settings.batchSize), settings.concurrency, async (batch) => {
		if (stop) return;
		let settled: Settled[];
		try {
			settled = await sendBatch(spec, batch.units, send, settings);
		} catch (error) {
			// Not an answer of the API (e.g. a credential that refuses its URL): it holds for the whole batch.
			const batchError =
				error instanceof NodeOperationError || error instanceof NodeApiError
					? error
					: new NodeOperationError(node, error as Error);
			if (!continueOnFail) {
				stop = stop ?? batchError;
				return;
			}
			for (const unit of batch.units) errors[unit.itemIndex] = batchError;
			return;
		}
		batch.units.forEach((unit, position) => {
			const { outcome } = settled[position];
			if (outcome.type === 'failure') {
				const error = failureError(node, unit, outcome.failure);
				errors[unit.itemIndex] = error;
				errorCodes[unit.itemIndex] = outcome.failure.code;
				if (!continueOnFail) stop = stop ?? error;
				return;
			}
			results[unit.itemIndex] = successJson(unit, settled[position], settings).map((json) => ({
				json,
				pairedItem: { item: unit.itemIndex },
			}));
		});
	});
	if (stop) throw stop;

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const error = errors[itemIndex];
		if (error) {
			const unit = unitOfItem[itemIndex];
			const fields: Record<string, string | number> = { itemIndex };
			if (errorCodes[itemIndex] !== undefined) fields.code = errorCodes[itemIndex] as string;
			if (unit) fields.customerId = unit.record?.customerId ?? unit.id;
			output.push({
				json: errorJson(error, fields),
				pairedItem: { item: itemIndex },
			});
			continue;
		}
		output.push(...(results[itemIndex] ?? []));
	}
	return [output];
}

