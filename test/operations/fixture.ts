/** What a test needs to run one registered operation of the node through n8n's engine against the sandbox. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunResult } from '../../scripts/lib/engine';
import type { Sandbox } from '../support';

/** Values the seeding gives the items (Get Write Status: the transid of an earlier write). */
export type Seeded = IDataObject;

/** An item the API refuses (not found, already exists, unknown attribute or app). */
export interface Refusal {
	/** Parameters to change from the typical run's. */
	parameters?: INodeParameters;
	item: IDataObject;
	seed?(sandbox: Sandbox): void;
}

export interface OperationFixture {
	/** The node parameters of a typical run (each test adds its Options). */
	parameters: INodeParameters;
	/** What the sandbox holds before the run; may answer values the items refer to. */
	seed(sandbox: Sandbox): void | Seeded | Promise<void | Seeded>;
	/** The input items of the typical run. */
	items: IDataObject[] | ((seeded: Seeded) => IDataObject[]);
	/** Asserts a correct run: the sandbox's state afterwards, and the output where the state cannot tell. */
	check(sandbox: Sandbox, result: RunResult): void;
	/** Whether the run changes what the API stores (faults that apply a write first are for these). */
	writes: boolean;
	/** The path prefix of every request the run sends (where faults are aimed). */
	requests: string;
	/** Items the API refuses, by a name saying why. */
	refused: Record<string, Refusal>;
	/** Set when the items' customer IDs go batched into URL queries (?customerId=a&customerId=b): requests per batch. */
	idsInUrl?: { requestsPerBatch: number };
}

/** Fixtures by "<resource>.<operation>", as the node registers them. */
export type Fixtures = Record<string, OperationFixture>;
