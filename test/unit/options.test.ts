/**
 * The table of options (pipeline/options.ts) is the one place a default or a
 * bound lives: every Options field an operation shows, and the settings the
 * run reads, must agree with it.
 */
import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS } from '../../nodes/Imiconnect/operations';
import { optionsField } from '../../nodes/Imiconnect/operations/fields';
import { OPTIONS, type NumberOption, type OptionName } from '../../nodes/Imiconnect/pipeline/options';
import { readSettings, type RunSettings } from '../../nodes/Imiconnect/pipeline/settings';
import { reader } from './fakes';

/** The setting each number option becomes, and its unit there (seconds → ms). */
const SETTING: Record<string, [keyof RunSettings, number]> = {
	batchSize: ['batchSize', 1],
	concurrency: ['concurrency', 1],
	maxRequestsPerSecond: ['maxRequestsPerSecond', 1],
	maxRetries: ['maxRetries', 1],
	maxRetryWait: ['maxRetryWaitMs', 1000],
	timeout: ['timeoutMs', 1],
	waitTimeout: ['waitTimeoutMs', 1000],
};
const numberOptions = (Object.keys(OPTIONS) as OptionName[]).filter((name) => OPTIONS[name].type === 'number');
const option = (name: OptionName) => OPTIONS[name] as NumberOption;
const settingOf = (name: OptionName, value: unknown) => {
	const [key, unit] = SETTING[name];
	return (readSettings(reader({ options: { [name]: value } }))[key] as number) / unit;
};

/** A field agrees with the table: its name, display name, type, default and bounds. */
function expectFromTable(field: INodeProperties) {
	const entry = OPTIONS[field.name as OptionName];
	expect(entry).toBeDefined();
	expect(field).toMatchObject({ displayName: entry.displayName, type: entry.type, default: entry.default });
	if (entry.type === 'number') expect(field.typeOptions).toEqual({ minValue: entry.min, maxValue: entry.max });
}

describe('the Options collection', () => {
	it('offers every option of the table with its default and bounds (batched, waiting by option)', () => {
		const fields = optionsField({ batched: true, waits: 'option' }).options as INodeProperties[];
		expect(fields.map((field) => field.name).sort()).toEqual(Object.keys(OPTIONS).filter((name) => name !== 'keepMasterProfile').sort());
		fields.forEach(expectFromTable);
		for (const field of fields) expect(field.description).toBe(OPTIONS[field.name as OptionName].description);
	});

	it('leaves out Batch Size when not batched, and the waiting options when the operation never waits', () => {
		const names = (optionsField({ batched: false, waits: 'never' }).options as INodeProperties[]).map((field) => field.name);
		expect(names).not.toContain('batchSize');
		expect(names).not.toContain('waitForCompletion');
		expect(names).not.toContain('waitTimeout');
	});

	it('of every registered operation takes each default and bound from the table', () => {
		for (const operation of OPERATIONS) {
			const collection = operation.fields.find((field) => field.name === 'options');
			expect(collection).toBeDefined();
			const fields = collection?.options as INodeProperties[];
			expect(fields.length).toBeGreaterThan(0);
			fields.forEach(expectFromTable);
		}
	});
});

describe('readSettings, for each number option', () => {
	it('falls back to the default when the option is unset or unreadable', () => {
		for (const name of numberOptions) {
			for (const value of [undefined, null, '', 'abc', NaN, Infinity]) {
				expect([name, settingOf(name, value)]).toEqual([name, option(name).default]);
			}
		}
	});

	it('clamps at the bounds, and keeps a value within them (whole numbers rounded down where only those make sense)', () => {
		for (const name of numberOptions) {
			const { min, max, integer } = option(name);
			expect([name, settingOf(name, min - 1), settingOf(name, max + 1)]).toEqual([name, min, max]);
			expect([name, settingOf(name, min), settingOf(name, max)]).toEqual([name, min, max]);
			const inside = Math.min(max, min + 1) - 0.5;
			expect([name, settingOf(name, inside)]).toEqual([name, integer ? Math.floor(inside) : inside]);
			expect([name, settingOf(name, String(max))]).toEqual([name, max]);
		}
	});

	it('waits for completion only when asked, as the table says by default', () => {
		expect(readSettings(reader({})).waitForCompletion).toBe(OPTIONS.waitForCompletion.default);
		expect(readSettings(reader({ options: { waitForCompletion: true } })).waitForCompletion).toBe(true);
	});
});
