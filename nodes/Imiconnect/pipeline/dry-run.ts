import type { IDataObject } from 'n8n-workflow';

import { queryEncoded, type Batch } from './batcher';
import type { Operation } from './operation';
import type { ApiRequest } from './types';

/** The path of a request with its query, lists repeated (`customerId=a&customerId=b`), as it goes out. */
export function pathWithQuery(request: ApiRequest): string {
	const query = Object.entries(request.qs ?? {}).flatMap(([name, value]) =>
		(Array.isArray(value) ? value : [value]).map((one) => `${queryEncoded(name)}=${queryEncoded(String(one))}`),
	);
	return query.length ? `${request.url}?${query.join('&')}` : request.url;
}

/** One request of the plan as an output item shows it. */
function shown(number: number, request: ApiRequest): IDataObject {
	return { request: number, method: request.method, path: pathWithQuery(request) };
}

/**
 * Dry Run: the requests a real run would send for these batches, numbered
 * 1, 2, … in the order the run forms them, and for each entry the output JSON
 * `{ ...ids, status: 'dry run', dryRun }`: its request (Erase: every request
 * it is part of) and the record exactly as it would be sent. Nothing is sent.
 */
export function dryRunJson(operation: Operation, batches: Batch[]): Map<number, IDataObject> {
	const writes = operation.writes;
	const json = new Map<number, IDataObject>();
	if (!writes) return json;
	// By item: a plan may hold copies of the batch's entries (Erase: one per app).
	const requestsOf = new Map<number, IDataObject[]>();
	let number = 0;
	for (const batch of batches) {
		for (const { request, entries } of writes.plan(batch.entries)) {
			number += 1;
			for (const { itemIndex } of entries) requestsOf.set(itemIndex, [...(requestsOf.get(itemIndex) ?? []), shown(number, request)]);
		}
	}
	for (const batch of batches) {
		for (const entry of batch.entries) {
			const requests = requestsOf.get(entry.itemIndex) ?? [];
			const dryRun: IDataObject =
				requests.length === 1 && !writes.note ? { ...requests[0] } : { requests, ...writes.note?.(entry) };
			if (entry.record) dryRun.record = entry.record as unknown as IDataObject;
			json.set(entry.itemIndex, { ...entry.ids, status: 'dry run', dryRun });
		}
	}
	return json;
}
