import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RecordShaper } from '../pipeline/output';
import { runWrite, type BatchTools, type WriteWires } from '../pipeline/stages';
import type { Wire } from '../pipeline/transport';
import type { Entry, Outcome, ParamReader } from '../pipeline/types';

export type Resource = 'profile' | 'appProfile';

/**
 * Bytes the IDs of one request may add to its query, and the records to its
 * body (docs/profile-api.md#limits): the query budget leaves room for the host,
 * the path and an app ID within 8 000 bytes of URL.
 */
export const URL_BUDGET = 7_000;
export const BODY_BUDGET = 5_000_000;

/**
 * One operation, in one place: its option entry, its fields, and how it runs —
 * how an item becomes an entry (a record or an ID), and how a batch of entries
 * is sent and read (runBatch: its stages, in order).
 */
export interface Operation {
	resource: Resource;
	value: string;
	name: string;
	action: string;
	description: string;
	/** Its fields; shown only for this operation (operationFields adds the condition). */
	fields: INodeProperties[];
	toEntry(read: ParamReader, item: IDataObject, itemIndex: number): Entry;
	/** Bytes the entries of one request may add together: URL_BUDGET or BODY_BUDGET. */
	budget: number;
	runBatch(entries: Entry[], tools: BatchTools): Promise<Outcome[]>;
	/** Reads: the output JSON of a record's flat fields. */
	shapeRecord?: RecordShaper;
}

type Described = Pick<Operation, 'resource' | 'value' | 'name' | 'action' | 'description' | 'fields' | 'toEntry'>;

/** Shows each field only for this resource and operation, keeping its own conditions. */
export function operationFields(resource: Resource, value: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { ...field.displayOptions?.show, resource: [resource], operation: [value] },
		},
	}));
}

/** A read: one request per batch, its records given to the entries that asked. */
export function readOperation(described: Described & { wire: Wire; shapeRecord?: RecordShaper }): Operation {
	const { wire, ...rest } = described;
	return {
		...rest,
		fields: operationFields(rest.resource, rest.value, rest.fields),
		budget: URL_BUDGET,
		runBatch: async (entries, tools) =>
			(await tools.transport.exchange(wire, entries, false)).map((exchanged) => exchanged.outcome),
	};
}

/** A write or delete: sent, waited for when asked, settled (see pipeline/stages.ts). */
export function writeOperation(described: Described & WriteWires & { budget: number }): Operation {
	const { wire, onExists, readBack, ...rest } = described;
	const wires: WriteWires = { wire, onExists, readBack };
	return {
		...rest,
		fields: operationFields(rest.resource, rest.value, rest.fields),
		runBatch: async (entries, tools) => await runWrite(wires, entries, tools),
	};
}
