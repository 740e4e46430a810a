import type { Wire } from '../../pipeline/transport';
import { commonFields, idField } from '../fields';
import { URL_BUDGET, writeOperation } from '../operation';
import { pathOf } from '../wire';
import { appIdField, appIdOf, findByField, lookupByOf, lookupIdFields, pathId } from './app';

const deleteDevice: Wire = {
	answer: 'results',
	status: 'deleted',
	request: (entries) => ({
		method: 'DELETE',
		url: `/customerappprofile/${pathOf(entries, 'appId')}/${pathOf(entries, 'owner')}/${pathOf(entries, 'deviceId')}`,
	}),
};

export const appProfileDeleteDevice = writeOperation({
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
		const byUser = lookupByOf(read) === 'userId';
		const owner = byUser
			? pathId(read('userId'), 'User ID', 'userId', URL_BUDGET)
			: pathId(read('customerId'), 'Customer ID', 'customerId', URL_BUDGET);
		const deviceId = pathId(read('deviceId'), 'Device ID', 'deviceId');
		return {
			itemIndex,
			id: owner,
			idName: byUser ? 'user ID' : 'customer ID',
			group: appId,
			alone: true,
			size: 0,
			path: { appId, owner, deviceId },
			ids: { appId, [byUser ? 'userId' : 'customerId']: owner, deviceId },
		};
	},
	budget: URL_BUDGET,
	wire: deleteDevice,
});
