import type { INodePropertyOptions } from 'n8n-workflow';

/** App-profile attributes per channel (docs/profile-api.md#channels), with what each holds. */
const DESCRIPTIONS: Record<string, string> = {
	status: 'Profile status, e.g. 1 = active',
	verified: 'Whether the user is verified (1/0)',
	customerId: 'The customer ID this app profile belongs to',
	channel: 'Channel code, e.g. fb, twitter, wechat, rt',
	createdOn: 'When the profile was created',
	updatedOn: 'When the profile was last updated',
	timezone: 'Time zone of the user',
	psid: 'Facebook page-scoped user ID',
	name: 'Display name',
	profile_pic: 'URL of the profile picture',
	gender: 'Gender',
	locale: 'Locale, e.g. en_US',
	twitterid: 'Twitter user ID',
	twitter_handle: 'Twitter handle (without @)',
	twitter_name: 'Twitter display name',
	geolocation: 'Geolocation',
	city: 'City',
	nick: 'WeChat nickname',
	province: 'Province',
	language: 'Language',
	country: 'Country',
	created_on: 'When the WeChat profile was created',
	updated_on: 'When the WeChat profile was last updated',
	connectStatus: 'Connection status of the app (1/0)',
	appId: 'App ID',
	userId: 'User ID of the app user',
	password: 'App user password',
	deviceId: 'Device ID; a customer may have several devices',
	batterylevel: 'Battery level',
	Bluetooth: 'Bluetooth state',
	cellid: 'Cell ID',
	connectType: 'Connection type, e.g. wifi',
	email: 'Email address',
	externalmemory: 'External memory',
	foreground: 'Whether the app is in the foreground',
	foregroundapp: 'App in the foreground',
	idlescreen: 'Idle screen state',
	imei: 'IMEI of the device',
	imsi: 'IMSI of the SIM',
	internalmemory: 'Internal memory',
	IP: 'IP address',
	oldlocation: 'Previous location',
	location: 'Location',
	MAC: 'MAC address',
	make: 'Device maker',
	MCC: 'Mobile country code',
	MNC: 'Mobile network code',
	model: 'Device model',
	NFC: 'NFC state',
	os: 'Operating system',
	osversion: 'Operating system version',
	phonemode: 'Phone mode',
	presence: 'Presence',
	RAM: 'Memory size',
	resolution: 'Screen resolution',
	roaming: 'Whether the device is roaming',
	serialnumber: 'Device serial number',
	signalstrength: 'Signal strength',
	teleco: 'Mobile operator',
	timespent: 'Time spent in the app',
	useragent: 'User agent',
	pushId: 'Push token of the device',
	last_opened: 'When the app was last opened',
	last_upgraded: 'When the app was last upgraded',
	accounts: 'Accounts',
	sdkversion: 'SDK version',
	rtmId: 'Real-time messaging ID (userId_deviceId)',
	wechat_user_id: 'WeChat user ID',
};

const IN_APP = [
	'status', 'verified', 'customerId', 'connectStatus', 'appId', 'userId', 'password', 'deviceId',
	'batterylevel', 'Bluetooth', 'cellid', 'connectType', 'email', 'externalmemory', 'foreground',
	'foregroundapp', 'idlescreen', 'imei', 'imsi', 'internalmemory', 'IP', 'language', 'oldlocation',
	'location', 'MAC', 'make', 'MCC', 'MNC', 'model', 'NFC', 'os', 'osversion', 'phonemode', 'presence',
	'RAM', 'resolution', 'roaming', 'serialnumber', 'signalstrength', 'teleco', 'timespent', 'timezone',
	'useragent', 'pushId', 'createdOn', 'last_opened', 'last_upgraded', 'channel', 'accounts',
	'sdkversion', 'rtmId',
];

export const CHANNELS: Record<string, { label: string; attributes: string[] }> = {
	facebook: {
		label: 'Facebook',
		attributes: [
			'status', 'verified', 'psid', 'customerId', 'name', 'profile_pic', 'gender', 'locale',
			'timezone', 'channel', 'createdOn', 'updatedOn',
		],
	},
	twitter: {
		label: 'Twitter',
		attributes: [
			'status', 'verified', 'twitterid', 'twitter_handle', 'twitter_name', 'customerId',
			'geolocation', 'timezone', 'channel', 'createdOn', 'updatedOn',
		],
	},
	wechat: {
		label: 'WeChat',
		attributes: [
			'customerId', 'city', 'verified', 'createdOn', 'nick', 'status', 'gender', 'province',
			'language', 'country', 'created_on', 'updated_on', 'wechat_user_id', 'channel',
		],
	},
	inApp: { label: 'In-App', attributes: IN_APP },
	push: { label: 'Push', attributes: IN_APP },
};

export function channelAttributeOptions(channel: string): INodePropertyOptions[] {
	return CHANNELS[channel].attributes
		.map((name) => ({ name, value: name, description: DESCRIPTIONS[name] ?? name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
