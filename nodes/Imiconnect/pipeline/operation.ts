import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RecordShaper } from './output';
import type { RunSettings } from './settings';
import type { Transport } from './transport';
import type { ApiRequest, Entry, Outcome, ParamReader } from './types';

export type Resource = 'profile' | 'appProfile';

/** What the stages of one batch use besides its entries. */
export interface BatchContext {
	transport: Transport;
	settings: RunSettings;
	/** Waits between tries and polls; ends at once when the execution is stopped. */
	wait(ms: number): Promise<void>;
	/** Whether n8n's Stop ended the execution. */
	stopped(): boolean;
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
	/** Writes and deletes: what Dry Run shows, and what the stop report says (the registry adds the Dry Run field). */
	writes?: Writes<P>;
}

/** A request a batch would send, and the entries it holds (by their items). */
export interface PlannedRequest {
	request: ApiRequest;
	entries: Entry[];
}

export interface Writes<P> {
	/** The requests one batch sends, in order, as far as they are known without an answer (Dry Run). */
	plan(entries: Array<Entry<P>>): PlannedRequest[];
	/** What Dry Run says of an entry besides its requests (Erase: why the master profile would be kept). */
	note?(entry: Entry<P>): IDataObject | undefined;
	/**
	 * Running the same items again after a stop (stop-report.ts): Create's
	 * written records answer "already exists"; updates write the same values
	 * again; deletes find nothing left.
	 */
	rerun: 'create' | 'overwrite' | 'delete';
}
