import type { IDataObject } from 'n8n-workflow';

import type { BatchContext, Operation } from '../../pipeline/operation';
import { OPTIONS } from '../../pipeline/options';
import type { Entry, Outcome } from '../../pipeline/types';
import { deleteStep } from '../../pipeline/writes';
import { pathId } from '../appProfile/app';
import { deleteAppProfiles } from '../appProfile/delete';
import { customerIdOf, queryEntry } from '../entries';
import { customerIdField, optionField, optionsField, simplifyField } from '../fields';
import { deleteProfiles } from './delete';

/** The apps to erase the customer in, and whether the master profile stays. */
interface EraseParams {
	appIds: string[];
	keepMasterProfile: boolean;
}

/** The app IDs of an item: a comma-separated text or a list (from an expression), each checked. */
function appIdsOf(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value ? [value] : [];
	const ids = list
		.filter((id) => !(typeof id === 'string' && id.trim() === ''))
		.map((id) => pathId(id, 'App IDs'));
	return [...new Set(ids)];
}

type Progress = { appProfiles: IDataObject; masterProfile?: string; failure?: Outcome };

/**
 * Erase Everywhere: app profiles first (per app, batched), the master
 * profile last and only for customers whose app-profile deletes all
 * succeeded, so a failure never leaves app profiles behind a deleted master
 * and running the same items again finishes the job.
 */
async function erase(entries: Array<Entry<EraseParams>>, context: BatchContext): Promise<Outcome[]> {
	const progress: Progress[] = entries.map(() => ({ appProfiles: {} }));
	const going = () => entries.flatMap((_entry, index) => (progress[index].failure ? [] : [index]));
	const { appIds, keepMasterProfile } = entries[0].params;
	for (const appId of appIds) {
		const indexes = going();
		if (!indexes.length) break;
		const inApp = indexes.map((index) => ({ ...entries[index], params: { appId } }));
		const deleted = await deleteStep(deleteAppProfiles, inApp, context);
		indexes.forEach((index, position) => {
			const result = deleted[position];
			if (typeof result === 'string') progress[index].appProfiles[appId] = result;
			else progress[index].failure = { ...result, failure: { ...result.failure, ids: { appId } } };
		});
	}
	const masters = going();
	if (keepMasterProfile) for (const index of masters) progress[index].masterProfile = 'kept';
	else if (masters.length) {
		const deleted = await deleteStep(deleteProfiles, masters.map((index) => entries[index]), context);
		masters.forEach((index, position) => {
			const result = deleted[position];
			if (typeof result === 'string') progress[index].masterProfile = result;
			else progress[index].failure = result;
		});
	}
	return entries.map((entry, index): Outcome => {
		const { failure, appProfiles, masterProfile } = progress[index];
		if (failure) return failure;
		return {
			type: 'results',
			results: [{ customerId: entry.key.id }],
			queued: false,
			status: 'erased',
			extra: { masterProfile, appProfiles },
		};
	});
}

export const profileErase: Operation<EraseParams> = {
	resource: 'profile',
	value: 'erase',
	name: 'Erase Everywhere',
	action: 'Erase a customer everywhere',
	description: 'Delete a customer’s app profiles in the apps given, then the master profile',
	fields: [
		customerIdField('The customer to erase.'),
		{
			displayName: 'App IDs',
			name: 'appIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. a_636035705699961900, MU20051001',
			description:
				'The apps whose app profiles of the customer are deleted too, comma-separated (or an expression giving a list per item). Empty: only the master profile.',
		},
		simplifyField,
		optionsField({
			batched: true,
			waits: 'always',
			alwaysWaitsBecause: 'Erase Everywhere waits for each delete before the next step, so the master profile goes last',
			own: [optionField('keepMasterProfile')],
		}),
	],
	toEntry(read, _item, itemIndex) {
		const customerId = customerIdOf(read);
		const appIds = appIdsOf(read('appIds', ''));
		const keepMasterProfile = ((read('options', {}) as IDataObject)?.keepMasterProfile ?? OPTIONS.keepMasterProfile.default) === true;
		return queryEntry(itemIndex, { name: 'customerId', id: customerId }, { appIds, keepMasterProfile });
	},
	runBatch: erase,
	writes: {
		// Each app's delete, then the master's; a real run sends a later one only for the customers still going.
		plan: (entries) => [
			...entries[0].params.appIds.map((appId) => {
				const inApp = entries.map((entry) => ({ ...entry, params: { appId } }));
				return { request: deleteAppProfiles.request(inApp), entries: inApp };
			}),
			...(entries[0].params.keepMasterProfile ? [] : [{ request: deleteProfiles.request(entries), entries }]),
		],
		note: (entry) => (entry.params.keepMasterProfile ? { masterProfile: 'kept: Keep Master Profile is on' } : undefined),
		rerun: 'delete',
	},
};
