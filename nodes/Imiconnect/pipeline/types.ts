import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** Reads a node parameter for the item being prepared. */
export type ParamReader = (name: string, fallback?: unknown) => unknown;

/** A record of a write body (docs/profile-api.md#records). */
export interface ApiRecord {
	customerId: string;
	Attributes: IDataObject;
}

/**
 * The ID an entry is matched by: in the request (a customer ID or user ID in
 * the query or path, a transid), and in the answer (the record or result that
 * carries it). Two entries with the same key never share a request.
 */
export interface EntryKey {
	name: 'customerId' | 'userId' | 'transid';
	id: string;
}

/** Where an entry's bytes go: the URL's query (reads, deletes) or the request body (writes). */
export type LoadPart = 'query' | 'body';

/**
 * An entry: one input item's share of a request — its record (writes) or its
 * key (reads and deletes). Entries are what the batcher groups into requests.
 * `params` are the operation's own checked values for the request (app ID,
 * link level, device ID…): entries share a request only when their params are
 * equal (batcher.ts groupOf), so a request may read them from any entry.
 */
export interface Entry<P = unknown> {
	itemIndex: number;
	key: EntryKey;
	params: P;
	/** An entry that must have a request of its own (a lookup by user ID, a device). */
	alone: boolean;
	/** Bytes the entry adds to its request, and to which part. */
	load: { part: LoadPart; bytes: number };
	record?: ApiRecord;
	/** The device a Delete Device entry removes: its messages name it next to the key. */
	deviceId?: string;
	/** IDs every output or error item of this entry carries: customerId, appId, userId, deviceId. */
	ids: IDataObject;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/** A failure the API reported (or the transport gave up on) for one entry. */
export interface Failure {
	code: string;
	/** The API's own description, if it gave one; never text of the node's. */
	apiDescription: string;
	httpCode?: number;
	transid?: string;
	/** IDs the message and error item name besides the entry's own (e.g. the app a step failed in). */
	ids?: IDataObject;
	/** An earlier attempt of this write may have been applied although this answer says otherwise. */
	mayHaveApplied?: boolean;
}

/** What became of one entry. */
export type Outcome =
	| { type: 'records'; records: IDataObject[] }
	| {
			type: 'results';
			results: IDataObject[];
			transid?: string;
			queued: boolean;
			/** The status output items report: created, updated, deleted (or erased, applied). */
			status: string;
			/** Where results of one outcome differ (Get Write Status): the status of each. */
			statusOf?: (result: IDataObject) => string;
			/** Fields every output item of this outcome carries besides the IDs. */
			extra?: IDataObject;
	  }
	| { type: 'failure'; failure: Failure };

/** How an answer reads: records (reads), per-record results (writes, deletes), or a write's status. */
export type AnswerShape = 'records' | 'results' | 'status';

/** One kind of API call: the request for a batch of entries, and how its answer reads. */
export interface ApiCall<P = unknown> {
	answer: AnswerShape;
	/** What a success reports: created, updated, deleted, found. */
	status: string;
	request(entries: Array<Entry<P>>): ApiRequest;
}
