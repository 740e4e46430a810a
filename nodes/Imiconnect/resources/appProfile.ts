import type { INodeProperties } from 'n8n-workflow';

import { CHANNELS, channelAttributeOptions } from './channels';
import { attributeFields, commonFields, customerIdField, operation } from './common';

const resource = ['appProfile'];
const writes = ['create', 'update', 'upsert'];
const lookups = ['get', 'delete', 'deleteDevice'];

export const appProfileOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			operation('create', 'Create', 'Create an app profile', 'Create app profiles of one app, up to 100 per request'),
			operation(
				'upsert',
				'Create or Update',
				'Create or update an app profile',
				'Create app profiles, and update those that already exist',
			),
			operation('delete', 'Delete', 'Delete an app profile', 'Delete the app profiles of customers or of a user'),
			operation(
				'deleteDevice',
				'Delete Device',
				'Delete a device of an app profile',
				'Delete one device of a customer or user, keeping the other devices',
			),
			operation('get', 'Get', 'Get an app profile', 'Get the app profiles of customers (up to 100 per request) or of a user'),
			operation('update', 'Update', 'Update an app profile', 'Update attributes of app profiles'),
		],
		default: 'get',
	},
];

/** One attribute picker per channel; only the chosen channel's is shown. */
const channelPickers: INodeProperties[] = Object.entries(CHANNELS).map(([channel, { label }]) => ({
	displayName: `${label} Attributes`,
	name: 'channelAttributes',
	hint: 'Pick a name from the channel’s list; use Attributes to Send below for others',
	placeholder: 'Add Attribute',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	description: `Attributes of a ${label} app profile`,
	displayOptions: { show: { resource, operation: writes, attributesMode: ['define'], channel: [channel] } },
	options: [
		{
			displayName: 'Attribute',
			name: 'attribute',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'options',
					options: channelAttributeOptions(channel),
					default: 'customerId',
					description: 'Attribute of the channel profile',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Value of the attribute',
				},
			],
		},
	],
}));

export const appProfileFields: INodeProperties[] = [
	{
		displayName: 'App ID',
		name: 'appId',
		hint: 'Every input item uses this app; an expression can pick one per item',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. a_636035705699961900',
		description: 'The app asset’s ID in IMIconnect (Assets → Apps)',
		displayOptions: { show: { resource } },
	},
	{
		displayName: 'Find By',
		name: 'lookupBy',
		hint: 'A customer or user with several devices gives one output item per device',
		type: 'options',
		options: [
			{ name: 'Customer ID', value: 'customerId', description: 'Up to 100 customers per request' },
			{ name: 'User ID', value: 'userId', description: 'The app user’s ID (one request per item)' },
		],
		default: 'customerId',
		description: 'Which ID names the app profile',
		displayOptions: { show: { resource, operation: lookups } },
	},
	customerIdField(
		{ resource, operation: lookups, lookupBy: ['customerId'] },
		'The customer ID whose app profiles to use. One per input item.',
	),
	customerIdField(
		{ resource, operation: writes },
		'The customer ID the app profile belongs to. One per input item.',
	),
	{
		displayName: 'User ID',
		name: 'userId',
		hint: 'Defaults to the userId field of each input item',
		type: 'string',
		required: true,
		default: '={{ $json.userId }}',
		placeholder: 'e.g. 112200',
		description: 'The app user’s ID (the API’s identifier). One per input item.',
		displayOptions: { show: { resource, operation: lookups, lookupBy: ['userId'] } },
	},
	{
		displayName: 'Device ID',
		name: 'deviceId',
		hint: 'Defaults to the deviceId field of each input item',
		type: 'string',
		required: true,
		default: '={{ $json.deviceId }}',
		placeholder: 'e.g. 3304401',
		description: 'The device to remove; the customer’s or user’s other devices stay',
		displayOptions: { show: { resource, operation: ['deleteDevice'] } },
	},
	...attributeFields({ resource, operation: writes }, 'Any other attribute of the app profile'),
	{
		displayName: 'Channel',
		name: 'channel',
		hint: 'Offers the attribute names IMIconnect documents for this channel',
		type: 'options',
		options: [
			{ name: 'Facebook', value: 'facebook' },
			{ name: 'In-App', value: 'inApp' },
			{ name: 'Other', value: 'other' },
			{ name: 'Push', value: 'push' },
			{ name: 'Twitter', value: 'twitter' },
			{ name: 'WeChat', value: 'wechat' },
		],
		default: 'inApp',
		description: 'The app’s channel: offers its attribute names to pick from',
		displayOptions: { show: { resource, operation: writes, attributesMode: ['define'] } },
	},
	...channelPickers,
	...commonFields('appProfile', [...writes, 'delete', 'deleteDevice']),
];
