import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** Reads a node parameter for the item being prepared. */
export type ParamReader = (name: string, fallback?: unknown) => unknown;

/** How messages name the ID an entry is about. */
export type IdName = 'customer ID' | 'user ID' | 'transaction ID';

/** A record of a write body (docs/profile-api.md#records). */
export interface ApiRecord {
	customerId: string;
	Attributes: IDataObject;
}

/**
 * An entry: one input item's share of a request — its record (writes) or its
 * ID (reads and deletes). Entries are what the batcher groups into requests.
 */
export interface Entry {
	itemIndex: number;
	/** The ID the request names; two entries with the same ID never share a request. */
	id: string;
	idName: IdName;
	/** Entries of different groups (app ID, link level, transid) never share a request. */
	group: string;
	/** An entry that must have a request of its own (a lookup by user ID, a device). */
	alone: boolean;
	/** Bytes the entry adds to its request: to the URL (reads, deletes) or to the body (writes). */
	size: number;
	record?: ApiRecord;
	/** Path and query values of the request, already checked: appId, deviceId, showinwardlinks. */
	path: Record<string, string>;
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
