import type { INodeProperties } from 'n8n-workflow';

import { attributeFields, commonFields, customerIdField, operation } from './common';

const resource = ['profile'];

export const profileOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			operation('create', 'Create', 'Create a profile', 'Create master profiles, up to 100 per request'),
			operation(
				'upsert',
				'Create or Update',
				'Create or update a profile',
				'Create master profiles, and update those that already exist',
			),
			operation('delete', 'Delete', 'Delete a profile', 'Delete master profiles, up to 100 per request'),
			operation('get', 'Get', 'Get a profile', 'Get master profiles, up to 100 per request'),
			operation('update', 'Update', 'Update a profile', 'Update attributes of master profiles'),
		],
		default: 'get',
	},
];

const writes = ['create', 'update', 'upsert'];

export const profileFields: INodeProperties[] = [
	customerIdField(
		{ resource, operation: ['get', 'create', 'update', 'upsert', 'delete'] },
		'The customer’s ID in IMIconnect (your own key, e.g. a CRM number). One per input item.',
	),
	{
		displayName: 'Show Inward Links',
		name: 'showInwardLinks',
		hint: 'With App Profiles lists each linked app profile under inwardLinks',
		type: 'options',
		options: [
			{ name: 'Master Profile Only', value: 0, description: 'Just the master profile’s attributes' },
			{
				name: 'With App Profiles',
				value: 1,
				description: 'The master profile and the app profiles linked to it',
			},
			{ name: 'Full Profile', value: 2, description: 'The master profile and its linked profiles in full' },
		],
		default: 0,
		description: 'What to return with each master profile (the API’s showinwardlinks)',
		displayOptions: { show: { resource, operation: ['get'] } },
	},
	...attributeFields(
		{ resource, operation: writes },
		'Name of an attribute defined in your tenant’s master profile, e.g. name, email, msisdn, sms',
	),
	...commonFields('profile', [...writes, 'delete']),
];
