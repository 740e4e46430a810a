import type { IDataObject } from 'n8n-workflow';

import { InputError, readAttributes, readId, readPathId } from './input';
import type { ApiRequest, ParamReader, Unit } from './types';

/**
 * What one operation does: how an item becomes a unit of a request, how a
 * batch of units becomes one request, and how the answer is read. Both the
 * batched path (customOperations) and the single-record routing use this table.
 */
export interface OperationSpec {
	/** Reads give `Records` (shape A); writes and deletes give `Results` (shape B). */
	answer: 'records' | 'results';
	/** The status an output item reports when the record succeeded. */
	done?: 'created' | 'updated' | 'deleted';
	toUnit(read: ParamReader, item: IDataObject, itemIndex: number): Unit;
	request(units: Unit[]): ApiRequest;
	/** Create or Update: the operation run for records that already exist. */
	onExists?: OperationSpec;
	/** App-profile reads: the linked master profile (OutwardLinks) becomes one `masterProfile` object. */
	masterProfileLink?: boolean;
}

const enc = encodeURIComponent;

function showInwardLinks(read: ParamReader): number {
	const level = Number(read('showInwardLinks', 0));
	if (![0, 1, 2].includes(level)) throw new InputError('Show Inward Links', 'must be 0, 1 or 2');
	return level;
}

function appIdOf(read: ParamReader): string {
	return readPathId(read('appId'), 'App ID');
}

function lookupOf(read: ParamReader): 'customerId' | 'userId' {
	const by = read('lookupBy', 'customerId');
	if (by !== 'customerId' && by !== 'userId') throw new InputError('Find By', `"${String(by)}" is not known`);
	return by;
}

function ids(units: Unit[]): string[] {
	return units.map((unit) => unit.id);
}

/** The first unit of a batch; request builders only get non-empty batches. */
function first(units: Unit[]): Unit {
	return units[0];
}

function writeUnit(read: ParamReader, item: IDataObject, itemIndex: number, group: string): Unit {
	const id = readId(read('customerId'), 'Customer ID');
	const Attributes = readAttributes(read, item, id);
	return { itemIndex, id, group, batchable: true, record: { customerId: id, Attributes } };
}

function records(units: Unit[]): IDataObject {
	return { Records: units.map((unit) => unit.record as IDataObject) };
}

// ----------------------------------------------------------------------------
// Profile (master profile)
// ----------------------------------------------------------------------------

const profileCreate: OperationSpec = {
	answer: 'results',
	done: 'created',
	toUnit: (read, item, itemIndex) => writeUnit(read, item, itemIndex, ''),
	request: (units) => ({ method: 'POST', url: '/customerprofile', body: records(units) }),
};

const profileUpdate: OperationSpec = {
	answer: 'results',
	done: 'updated',
	toUnit: (read, item, itemIndex) => writeUnit(read, item, itemIndex, ''),
	request: (units) => ({ method: 'PUT', url: '/customerprofile', body: records(units) }),
};

const profile: Record<string, OperationSpec> = {
	get: {
		answer: 'records',
		toUnit(read, _item, itemIndex) {
			const level = showInwardLinks(read);
			const id = readId(read('customerId'), 'Customer ID');
			return { itemIndex, id, group: `links=${level}`, batchable: true, showInwardLinks: level };
		},
		request: (units) => ({
			method: 'GET',
			url: '/customerprofile',
			qs: { customerId: ids(units), showinwardlinks: first(units).showInwardLinks ?? 0 },
		}),
	},
	create: profileCreate,
	update: profileUpdate,
	upsert: { ...profileCreate, onExists: profileUpdate },
	delete: {
		answer: 'results',
		done: 'deleted',
		toUnit: (read, _item, itemIndex) => ({
			itemIndex,
			id: readId(read('customerId'), 'Customer ID'),
			group: '',
			batchable: true,
		}),
		request: (units) => ({ method: 'DELETE', url: '/customerprofile', qs: { customerId: ids(units) } }),
	},
};

// ----------------------------------------------------------------------------
// App Profile (channel profile of one app)
// ----------------------------------------------------------------------------

/** A lookup by customer IDs batches; a lookup by user ID (`identifier`) goes alone. */
function lookupUnit(read: ParamReader, itemIndex: number): Unit {
	const appId = appIdOf(read);
	if (lookupOf(read) === 'userId') {
		const userId = readId(read('userId'), 'User ID');
		return { itemIndex, id: userId, group: appId, batchable: false, appId, userId };
	}
	return { itemIndex, id: readId(read('customerId'), 'Customer ID'), group: appId, batchable: true, appId };
}

function lookupQuery(units: Unit[]): IDataObject {
	const unit = first(units);
	return unit.userId !== undefined ? { identifier: unit.userId } : { customerId: ids(units) };
}

const appCreate: OperationSpec = {
	answer: 'results',
	done: 'created',
	toUnit(read, item, itemIndex) {
		const appId = appIdOf(read);
		return { ...writeUnit(read, item, itemIndex, appId), appId };
	},
	request: (units) => ({
		method: 'POST',
		url: `/customerappprofile/${enc(first(units).appId as string)}`,
		body: records(units),
	}),
};

const appUpdate: OperationSpec = {
	...appCreate,
	done: 'updated',
	request: (units) => ({ ...appCreate.request(units), method: 'PUT' }),
};

const appProfile: Record<string, OperationSpec> = {
	get: {
		answer: 'records',
		masterProfileLink: true,
		toUnit: (read, _item, itemIndex) => lookupUnit(read, itemIndex),
		request: (units) => ({
			method: 'GET',
			url: `/customerappprofile/${enc(first(units).appId as string)}`,
			qs: lookupQuery(units),
		}),
	},
	create: appCreate,
	update: appUpdate,
	upsert: { ...appCreate, onExists: appUpdate },
	delete: {
		answer: 'results',
		done: 'deleted',
		toUnit: (read, _item, itemIndex) => lookupUnit(read, itemIndex),
		request: (units) => ({
			method: 'DELETE',
			url: `/customerappprofile/${enc(first(units).appId as string)}`,
			qs: lookupQuery(units),
		}),
	},
	deleteDevice: {
		answer: 'results',
		done: 'deleted',
		toUnit(read, _item, itemIndex) {
			const appId = appIdOf(read);
			const by = lookupOf(read);
			const id =
				by === 'userId'
					? readPathId(read('userId'), 'User ID')
					: readPathId(read('customerId'), 'Customer ID');
			const deviceId = readPathId(read('deviceId'), 'Device ID');
			return { itemIndex, id, group: appId, batchable: false, appId, deviceId };
		},
		request: (units) => {
			const unit = first(units);
			return {
				method: 'DELETE',
				url: `/customerappprofile/${enc(unit.appId as string)}/${enc(unit.id)}/${enc(unit.deviceId as string)}`,
			};
		},
	},
};

export const OPERATIONS: Record<string, Record<string, OperationSpec>> = { profile, appProfile };

export function operationSpec(resource: string, operation: string): OperationSpec | undefined {
	return OPERATIONS[resource]?.[operation];
}

/** Why an operation cannot run, for workflows saved by another version of the node. */
export function unknownOperationMessage(resource: string, operation: string): string {
	if (!OPERATIONS[resource]) return `The resource "${resource}" is not known to this version of the IMIconnect node`;
	return `The operation "${operation}" of resource "${resource}" is not known to this version of the IMIconnect node`;
}
