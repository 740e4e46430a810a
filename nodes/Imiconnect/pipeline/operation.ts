import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RecordShaper } from './output';
import type { RunSettings } from './settings';
import type { Transport } from './transport';
import type { Entry, Outcome, ParamReader } from './types';

export type Resource = 'profile' | 'appProfile';

/** What the stages of one batch use besides its entries. */
export interface BatchContext {
	transport: Transport;
	settings: RunSettings;
}

/**
 * One operation, in one place (operations/<resource>/<operation>.ts): its
 * option entry, its fields, how an item becomes an entry (its key, its checked
 * parameters, its record), and how a batch of entries runs (runBatch: usually
 * readBatch or writeBatch of pipeline/writes.ts). The registry
 * (operations/index.ts) shows the fields for this operation only.
 */
export interface Operation<P = unknown> {
	resource: Resource;
	value: string;
	name: string;
	action: string;
	description: string;
	fields: INodeProperties[];
	/** Reads and checks one item; throws InputError (naming the field) for bad input. */
	toEntry(read: ParamReader, item: IDataObject, itemIndex: number): Entry<P>;
	runBatch(entries: Array<Entry<P>>, context: BatchContext): Promise<Outcome[]>;
	/** Reads: the output JSON of a record's flat fields. */
	shapeRecord?: RecordShaper;
	/** Entries with equal parameters all go in one request, whatever Batch Size says (Get Write Status). */
	oneRequestPerGroup?: boolean;
}
