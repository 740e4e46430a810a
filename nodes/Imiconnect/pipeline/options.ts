/**
 * The node's options, in one table: the Options fields (operations/fields.ts)
 * and the settings reader (settings.ts) are both generated from it, so a
 * default, a bound or a description is changed here and nowhere else.
 */
export interface NumberOption {
	type: 'number';
	displayName: string;
	default: number;
	min: number;
	max: number;
	/** Whole numbers only: a fraction rounds down. */
	integer?: boolean;
	description: string;
}

export interface BooleanOption {
	type: 'boolean';
	displayName: string;
	default: boolean;
	description: string;
}

export const OPTIONS = {
	batchSize: {
		type: 'number',
		displayName: 'Batch Size',
		default: 100,
		min: 1,
		max: 100,
		integer: true,
		description: 'Records (or IDs) per request, at most 100',
	},
	concurrency: {
		type: 'number',
		displayName: 'Concurrency',
		default: 0,
		min: 0,
		max: 16,
		integer: true,
		description:
			'Requests in flight at once. 0 = Auto: starts at 2 and grows (up to 8) while answers are slow and the tenant does not throttle, shrinks when it does. A number fixes it. Requests for one customer ID still run in input order.',
	},
	maxRequestsPerSecond: {
		type: 'number',
		displayName: 'Max Requests per Second',
		default: 0,
		min: 0,
		max: 1000,
		description:
			'Your tenant’s Profile API rate limit: in any 1-second window, all runs of this node in this n8n process against the tenant (loop turns, executions at once) start at most this many requests, retries and status checks included. Where runs set different values, the lowest holds. 0 = not told: the node slows down on the first 7020 and finds the limit itself.',
	},
	maxRetries: {
		type: 'number',
		displayName: 'Max Retries',
		default: 4,
		min: 0,
		max: 10,
		integer: true,
		description:
			'Retries of a request after a rate limit (7020), a server fault (7006, 7016, HTTP 5xx), a lost connection or a timeout',
	},
	maxRetryWait: {
		type: 'number',
		displayName: 'Max Retry Wait (Seconds)',
		default: 60,
		min: 0,
		max: 3600,
		description: 'Longest total wait between the retries of one request',
	},
	timeout: {
		type: 'number',
		displayName: 'Timeout',
		default: 30000,
		min: 100,
		max: 600_000,
		description: 'Time in ms to wait for the answer to one request before trying again',
	},
	waitForCompletion: {
		type: 'boolean',
		displayName: 'Wait for Completion',
		default: false,
		description:
			'Whether to wait until queued writes are applied and report each record’s final outcome, instead of "queued" with a transid',
	},
	waitTimeout: {
		type: 'number',
		displayName: 'Wait Timeout (Seconds)',
		default: 60,
		min: 0,
		max: 3600,
		description: 'How long to wait for one queued write; records still queued then say "queued"',
	},
	keepMasterProfile: {
		type: 'boolean',
		displayName: 'Keep Master Profile',
		default: false,
		description: 'Whether to delete only the app profiles and keep the master profile',
	},
} satisfies Record<string, NumberOption | BooleanOption>;

export type OptionName = keyof typeof OPTIONS;

/** A number option as the run uses it: the default where unset or unreadable, else within its bounds. */
export function numberOption(name: { [K in OptionName]: (typeof OPTIONS)[K] extends NumberOption ? K : never }[OptionName], value: unknown): number {
	const option: NumberOption = OPTIONS[name];
	const number = Number(value);
	if (value === undefined || value === null || value === '' || !Number.isFinite(number)) return option.default;
	const within = Math.min(option.max, Math.max(option.min, number));
	return option.integer ? Math.floor(within) : within;
}
