import { BYTE_BUDGET } from '../../pipeline/batcher';
import type { Operation } from '../../pipeline/operation';
import type { ApiCall } from '../../pipeline/types';
import { writeOperation } from '../../pipeline/writes';
import { commonFields, idField } from '../fields';
import { pathPart } from '../requests';
import { appIdField, appIdOf, findByField, lookupByOf, lookupIdFields, pathId, type AppParams } from './app';

/** The device to delete, of the customer or user the entry's key names. */
interface DeviceParams extends AppParams {
	deviceId: string;
}

const deleteDevice: ApiCall<DeviceParams> = {
	answer: 'results',
	status: 'deleted',
	request: ([entry]) => ({
		method: 'DELETE',
		url: `/customerappprofile/${pathPart(entry.params.appId)}/${pathPart(entry.key.id)}/${pathPart(entry.params.deviceId)}`,
	}),
};

export const appProfileDeleteDevice: Operation<DeviceParams> = {
	resource: 'appProfile',
	value: 'deleteDevice',
	name: 'Delete Device',
	action: 'Delete a device of an app profile',
	description: 'Delete one device of a customer or user, keeping the other devices',
	fields: [
		appIdField,
		findByField,
		...lookupIdFields('delete a device of'),
		idField('Device ID', 'deviceId', 'e.g. 3304401', 'The device to remove; the customer’s or user’s other devices stay.'),
		...commonFields({ batched: false, waits: 'option' }),
	],
	toEntry(read, _item, itemIndex) {
		const appId = appIdOf(read);
		const name = lookupByOf(read);
		const id =
			name === 'userId'
				? pathId(read('userId'), 'User ID', 'userId', BYTE_BUDGET.query)
				: pathId(read('customerId'), 'Customer ID', 'customerId', BYTE_BUDGET.query);
		const deviceId = pathId(read('deviceId'), 'Device ID', 'deviceId');
		// The owner and device go in the path, not the query: one request each.
		return {
			itemIndex,
			key: { name, id },
			params: { appId, deviceId },
			alone: true,
			load: { part: 'query', bytes: 0 },
			deviceId,
			ids: { appId, [name]: id, deviceId },
		};
	},
	...writeOperation({ call: deleteDevice }, 'delete'),
};
