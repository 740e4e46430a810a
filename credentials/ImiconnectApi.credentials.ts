import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Region → Profile API host (docs/profile-api.md#hosts), named by the tenant's login domain. */
const REGIONS: Array<{ name: string; value: string }> = [
	{ name: 'Webex Connect US, Oregon (tenant.us.webexconnect.io)', value: 'api.us.webexconnect.io' },
	{ name: 'Webex Connect US, Azure (tenant.us1.webexconnect.io)', value: 'api.us1.webexconnect.io' },
	{ name: 'Webex Connect Canada (tenant.ca.webexconnect.io)', value: 'api.ca.webexconnect.io' },
	{ name: 'Webex Connect Europe, Ireland (tenant.eu.webexconnect.io)', value: 'api.eu.webexconnect.io' },
	{ name: 'Webex Connect UK, London (tenant.uk.webexconnect.io)', value: 'api.uk.webexconnect.io' },
	{ name: 'Webex Connect India, Mumbai (tenant.in.webexconnect.io)', value: 'api.in.webexconnect.io' },
	{ name: 'Webex Connect Australia, Sydney (tenant.au.webexconnect.io)', value: 'api.au.webexconnect.io' },
	{ name: 'IMIconnect EMEA / Rest of World (tenant.imiconnect.io, tenant outside North America)', value: 'api.imiconnect.io' },
	{ name: 'IMIconnect US, AWS (tenant.imiconnect.io, tenant in North America)', value: 'api-us.imiconnect.io' },
	{ name: 'IMIconnect US, Azure (tenant.imiconnect.us)', value: 'api.imiconnect.us' },
	{ name: 'IMIconnect UK (tenant.imiconnect.eu)', value: 'api.imiconnect.eu' },
	{ name: 'IMIconnect Canada (tenant.imiconnect.ca)', value: 'api.imiconnect.ca' },
	{ name: 'IMIconnect APAC (tenant.imiconnect.in)', value: 'api.imiconnect.in' },
	{ name: 'IMIconnect (tenant.imiconnect.com)', value: 'api.imiconnect.com' },
	{ name: 'Custom URL', value: 'custom' },
];

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The Profile API base URL of a credential. Plain HTTP is refused unless the
 * host is this machine (the local sandbox), so the key never crosses a network
 * in clear text.
 */
export function profileApiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'api.imiconnect.io');
	if (region !== 'custom') return `https://${region}/resources/v2`;
	const raw = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	const url = URL.canParse(raw) ? new URL(raw) : undefined;
	if (!url) throw new Error('The Base URL of the IMIconnect API credential is not a valid URL');
	if (url.protocol === 'https:') return raw;
	if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return raw;
	throw new Error(
		'The Base URL of the IMIconnect API credential must use https:// (plain http:// only for localhost)',
	);
}

export class ImiconnectApi implements ICredentialType {
	name = 'imiconnectApi';

	displayName = 'IMIconnect API';

	icon = { light: 'file:imiconnect.svg', dark: 'file:imiconnect.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-imiconnect/n8n-nodes-imiconnect#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Profile Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The client profile key, sent as the "key" header. Find it in IMIconnect / Webex Connect under Tenant Settings → Profile Key (visible to Tenant Owner, Full Access and Limited Access users).',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: REGIONS,
			default: 'api.imiconnect.io',
			description:
				'The data centre of your tenant. Pick the one whose login domain matches the address you sign in at (e.g. mytenant.eu.webexconnect.io → Webex Connect Europe). Two share tenant.imiconnect.io: EMEA / Rest of World, or US, AWS for tenants hosted in North America. If unsure, try one and click Test: the other region answers "Authentication failed".',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://proxy.example.com/resources/v2',
			description:
				'The Profile API base URL, up to and including /resources/v2: a proxy, or the local sandbox (http:// is allowed only for localhost)',
			displayOptions: { show: { region: ['custom'] } },
		},
	];

	/** Adds the base URL and the key to every request, the node's and the credential test's alike. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			baseURL: profileApiBaseUrl(credentials),
			headers: { ...requestOptions.headers, key: String(credentials.apiKey ?? '') },
		};
	}

	/**
	 * Looks up a customer ID that does not exist: a right key gets "not found"
	 * (7014), a wrong one 7001 — and the API may say either with HTTP 200.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/customerprofile',
			qs: { customerId: 'n8n-credential-test', showinwardlinks: 0 },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'response.code', value: '7001', message: 'Authentication failed: the Profile Key is not valid for this region' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'response.code', value: '7002', message: 'The Profile Key is missing' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'response.code', value: '7010', message: 'The IP address of n8n is not allow-listed in Tenant Settings' },
			},
		],
	};
}
