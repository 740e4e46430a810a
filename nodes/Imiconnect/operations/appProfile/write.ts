import type { IDataObject, ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ApiCall, Entry, ParamReader } from '../../pipeline/types';
import { recordEntry } from '../entries';
import { attributeFields, attributeList, customerIdField } from '../fields';
import { pathPart, records } from '../requests';
import { appIdField, appIdOf, type AppParams } from './app';
import { allChannelAttributeOptions, channelAttributeOptions, CHANNELS } from './channels';

/** What the app-profile writes (Create, Update, Create or Update) share. */

const channelField: INodeProperties = {
	displayName: 'Channel',
	name: 'channel',
	type: 'options',
	options: Object.entries(CHANNELS)
		.map(([value, { label }]) => ({ name: label, value }))
		.concat([{ name: 'Other', value: 'other' }])
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: 'inApp',
	hint: 'Only chooses the names Channel Attributes offers (Other: every channel’s); the channel is not sent',
	description: 'The app’s channel, for the list of its attribute names. Rows already added stay when it changes.',
	displayOptions: { show: { attributesMode: ['define'] } },
};

/**
 * One picker for every channel: its names load for the chosen Channel. Its displayOptions must not
 * name `channel`: when a parameter changes, n8n's editor deletes the value of every collection or
 * fixedCollection whose displayOptions name that parameter (removeMismatchedOptionValues), so the
 * rows picked would go with each switch of Channel.
 */
const channelAttributes: INodeProperties = {
	displayName: 'Channel Attributes',
	name: 'channelAttributes',
	placeholder: 'Add Channel Attribute',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	description: 'Attributes IMIconnect documents for the chosen channel (Other: for any channel), picked by name',
	displayOptions: { show: { attributesMode: ['define'] } },
	options: [
		{
			displayName: 'Attribute',
			name: 'attribute',
			values: [
				{
					displayName: 'Name or ID',
					name: 'name',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getChannelAttributes', loadOptionsDependsOn: ['channel'] },
					default: '',
					description:
						'Attribute of the channel profile. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Value of the attribute' },
			],
		},
	],
};

/** loadOptions: the attribute names of the Channel chosen; for Other, those of every channel. */
export async function getChannelAttributes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const channel = String(this.getCurrentNodeParameter('channel') ?? 'inApp');
	return CHANNELS[channel] ? channelAttributeOptions(channel) : allChannelAttributeOptions();
}

export const appWriteFields: INodeProperties[] = [
	appIdField,
	customerIdField('The customer ID the app profile belongs to.'),
	...attributeFields([
		channelField,
		channelAttributes,
		attributeList('Other Attributes', 'Add Other Attribute', 'Any other attribute of the app profile'),
	]),
];

/** A record of one app; records of different apps never share a request. */
export function appRecordEntry(read: ParamReader, item: IDataObject, itemIndex: number, requireAttributes = false): Entry<AppParams> {
	const appId = appIdOf(read);
	return recordEntry(read, item, itemIndex, { appId }, { ids: { appId }, requireAttributes });
}

function appWrite(method: 'POST' | 'PUT', status: string): ApiCall<AppParams> {
	return {
		answer: 'results',
		status,
		request: (entries) => ({ method, url: `/customerappprofile/${pathPart(entries[0].params.appId)}`, body: records(entries) }),
	};
}

export const createAppProfiles = appWrite('POST', 'created');
export const updateAppProfiles = appWrite('PUT', 'updated');
