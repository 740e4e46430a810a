import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** Reads a node parameter for the item being prepared. */
export type ParamReader = (name: string, fallback?: unknown) => unknown;

/** One input item's share of a request. */
export interface Unit {
	itemIndex: number;
	/** The customer (or user) ID; two units with the same id never share a request. */
	id: string;
	/** Units with different groups (e.g. app IDs) never share a request. */
	group: string;
	/** Whether this unit may share a request with others. */
	batchable: boolean;
	/** The record sent for writes. */
	record?: { customerId: string; Attributes: IDataObject };
	/** Path and query values, already validated. */
	appId?: string;
	userId?: string;
	deviceId?: string;
	showInwardLinks?: number;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IDataObject;
}

export interface ApiResponse {
	statusCode: number;
	body: unknown;
	/** An earlier attempt of this request may have been applied by the server. */
	uncertain: boolean;
}

/** A failure the API reported (or the transport gave up on) for one unit. */
export interface Failure {
	code: string;
	/** The API's own description, if any. */
	apiDescription: string;
	httpCode?: number;
	transid?: string;
	/** A per-record result of an otherwise answered request (not the whole request failing). */
	perRecord?: boolean;
}

export type Outcome =
	| { type: 'records'; records: IDataObject[] }
	| { type: 'result'; result: IDataObject; code: string; transid?: string; queued: boolean }
	| { type: 'failure'; failure: Failure };
