/**
 * The one table of IMIconnect Profile API codes (docs/profile-api.md#codes).
 * The 72xx codes are per-record variants of the 70xx ones and share their entry.
 */

/**
 * What a code means for the node: a success, a write the API queued, a batch
 * with per-record results (1002), a queued write not applied yet (7600), or a
 * failure — throttled and transient ones are worth another try
 * (retry-rules.ts), final ones are not.
 */
export type CodeKind = 'success' | 'queued' | 'partial' | 'pending' | 'throttled' | 'transient' | 'final';

export interface CodeInfo {
	kind: CodeKind;
	/** What went wrong, as a user reads it. */
	meaning: string;
	/** What the user can do about it. */
	hint: string;
}

const TABLE: Record<string, CodeInfo> = {
	'1000': { kind: 'success', meaning: 'Success', hint: '' },
	'1001': { kind: 'queued', meaning: 'Queued', hint: '' },
	'1002': { kind: 'partial', meaning: 'Partial success', hint: '' },
	'7000': {
		kind: 'final',
		meaning: 'Invalid JSON',
		hint: 'The request body was not valid JSON. Please report this as a bug of the node.',
	},
	'7001': {
		kind: 'final',
		meaning: 'Authentication failed',
		hint: 'Check the Profile Key in the IMIconnect API credential (Tenant Settings → Profile Key) and that the region matches your tenant.',
	},
	'7002': {
		kind: 'final',
		meaning: 'Profile key missing',
		hint: 'Enter the Profile Key in the IMIconnect API credential (Tenant Settings → Profile Key).',
	},
	'7003': {
		kind: 'final',
		meaning: 'Mandatory parameter missing',
		hint: 'Make sure every item has a customer ID and the fields this operation needs.',
	},
	'7004': {
		kind: 'final',
		meaning: 'Invalid parameters',
		hint: 'Check the IDs and attributes sent; an attribute customerId must match the record’s customer ID.',
	},
	'7006': {
		kind: 'transient',
		meaning: 'Internal error on the IMIconnect server',
		hint: 'A temporary server problem; the node retried it. Try again later.',
	},
	'7010': {
		kind: 'final',
		meaning: 'Source IP is not allow-listed',
		hint: 'Add the IP address of your n8n instance to the allowed IPs in IMIconnect Tenant Settings.',
	},
	'7011': {
		kind: 'final',
		meaning: 'Invalid attribute value',
		hint: 'Check the attribute values sent: each must be text or a number.',
	},
	'7012': {
		kind: 'final',
		meaning: 'Batch size limit (100) exceeded',
		hint: 'Lower the Batch Size option to 100 or less.',
	},
	'7013': {
		kind: 'final',
		meaning: 'Master profile store not found',
		hint: 'The tenant has no master profile store. Ask your IMIconnect administrator to set one up.',
	},
	'7014': {
		kind: 'final',
		meaning: 'Not found',
		hint: 'No profile exists with this ID. Check the customer ID (and app ID for app profiles).',
	},
	'7015': {
		kind: 'final',
		meaning: 'Already exists',
		hint: 'A profile with this ID already exists. Use Update or Create or Update instead.',
	},
	'7016': {
		kind: 'transient',
		meaning: 'Unknown error on the IMIconnect server',
		hint: 'A temporary server problem; the node retried it. Try again later.',
	},
	'7017': {
		kind: 'final',
		meaning: 'Profile attribute does not exist',
		hint: 'The attribute is not defined in the tenant’s master profile. Add it in IMIconnect or leave the field out.',
	},
	'7018': {
		kind: 'final',
		meaning: 'Invalid app ID',
		hint: 'The app ID is unknown or its app profile is not linked to this client. Check the App ID (Assets → Apps).',
	},
	'7020': {
		kind: 'throttled',
		meaning: 'Rate limit reached',
		hint: 'The tenant’s Profile API rate limit was reached and retries ran out. Lower Max Requests per Second or ask IMIconnect to raise the limit.',
	},
	// Codes of this node's own, for answers that never carried an API code.
	NETWORK: {
		kind: 'transient',
		meaning: 'Connection to IMIconnect failed',
		hint: 'The connection was dropped or refused, also after retries. Check the region or base URL and your network.',
	},
	TIMEOUT: {
		kind: 'transient',
		meaning: 'IMIconnect did not answer in time',
		hint: 'No answer within the Timeout option, also after retries. Raise the Timeout or try again later.',
	},
	HTTP_ERROR: {
		kind: 'transient',
		meaning: 'IMIconnect answered with a server error',
		hint: 'The server answered HTTP 5xx, also after retries. Try again later.',
	},
	MALFORMED: {
		kind: 'transient',
		meaning: 'Unreadable answer from IMIconnect',
		hint: 'The answer was not the JSON the Profile API sends, also after retries. Check the base URL of the credential.',
	},
	WRONG_RECORD: {
		kind: 'final',
		meaning: 'IMIconnect answered with a record that was not asked for',
		hint: 'The answer named another customer or user, so nothing of it is shown. Check the ID; if it is right, report this to IMIconnect support.',
	},
	MISSING_RESULT: {
		kind: 'final',
		meaning: 'No result for this record',
		hint: 'IMIconnect answered the batch but said nothing about this record. Check it with a Get.',
	},
	'7600': {
		kind: 'pending',
		meaning: 'No result yet',
		hint: 'The queued write has not been applied yet. Raise the Wait Timeout or check the status later.',
	},
};

const ALIASES: Record<string, string> = {
	'7203': '7014',
	'7205': '7011',
	'7206': '7013',
	'7207': '7012',
	'7208': '7010',
	'7209': '7015',
	'7211': '7017',
	'7212': '7018',
};

const UNKNOWN: CodeInfo = {
	kind: 'final',
	meaning: 'Unexpected answer',
	hint: 'IMIconnect answered with a code this node does not know.',
};

export function codeInfo(code: string | undefined): CodeInfo {
	if (code === undefined) return UNKNOWN;
	return TABLE[ALIASES[code] ?? code] ?? UNKNOWN;
}

/** Whether a code (either numbering family) means the same as `base`. */
export function isCode(code: string | undefined, base: '7014' | '7015' | '7018' | '7600'): boolean {
	return code !== undefined && (ALIASES[code] ?? code) === base;
}
