import type { IDataObject } from 'n8n-workflow';

import { isCode } from '../../pipeline/codes';
import type { BatchTools } from '../../pipeline/stages';
import { resolveUncertain } from '../../pipeline/stages';
import type { Entry, Outcome } from '../../pipeline/types';
import { pathId } from '../appProfile/app';
import { deleteAppProfiles } from '../appProfile/delete';
import { customerIdOf, idEntry } from '../entries';
import { customerIdField, optionsField, simplifyField } from '../fields';
import { URL_BUDGET, type Operation, operationFields } from '../operation';
import { deleteProfiles } from './delete';

/** The app IDs of an item: a comma-separated text or a list (from an expression), each checked. */
function appIdsOf(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value ? [value] : [];
	const ids = list
		.filter((id) => !(typeof id === 'string' && id.trim() === ''))
		.map((id) => pathId(id, 'App IDs'));
	return [...new Set(ids)];
}

type Progress = { appProfiles: IDataObject; failure?: Outcome };

/** Deletes in one app for the entries still going; "not found" is fine (nothing to erase there). */
async function eraseInApp(appId: string, entries: Entry[], progress: Progress[], tools: BatchTools): Promise<void> {
	const going = entries.flatMap((entry, index) => (progress[index].failure ? [] : [index]));
	if (!going.length) return;
	const inApp = going.map((index) => ({ ...entries[index], group: appId, path: { appId } }));
	const exchanged = await tools.transport.exchange(deleteAppProfiles, inApp, true);
	const outcomes = await resolveUncertain({ wire: deleteAppProfiles }, inApp, exchanged, tools);
	going.forEach((index, position) => {
		const outcome = outcomes[position];
		if (outcome.type !== 'failure') progress[index].appProfiles[appId] = 'deleted';
		else if (isCode(outcome.failure.code, '7014')) progress[index].appProfiles[appId] = 'not found';
		else progress[index].failure = { ...outcome, failure: { ...outcome.failure, ids: { appId } } };
	});
}

/**
 * Erase Everywhere: app profiles first (per app, batched), the master
 * profile last and only for customers whose app-profile deletes all
 * succeeded, so a failure never leaves app profiles behind a deleted master
 * and running the same items again finishes the job.
 */
async function erase(entries: Entry[], tools: BatchTools): Promise<Outcome[]> {
	const progress: Progress[] = entries.map(() => ({ appProfiles: {} }));
	const apps = entries[0].path.appIds ? entries[0].path.appIds.split('\n') : [];
	for (const appId of apps) await eraseInApp(appId, entries, progress, tools);
	const masters = new Map<number, string>();
	const going = entries.flatMap((entry, index) => (progress[index].failure ? [] : [index]));
	if (entries[0].path.keepMaster === '1') {
		for (const index of going) masters.set(index, 'kept');
	} else if (going.length) {
		const toDelete = going.map((index) => entries[index]);
		const exchanged = await tools.transport.exchange(deleteProfiles, toDelete, true);
		const outcomes = await resolveUncertain({ wire: deleteProfiles }, toDelete, exchanged, tools);
		going.forEach((index, position) => {
			const outcome = outcomes[position];
			if (outcome.type !== 'failure') masters.set(index, 'deleted');
			else if (isCode(outcome.failure.code, '7014')) masters.set(index, 'not found');
			else progress[index].failure = outcome;
		});
	}
	return entries.map((entry, index) => {
		const { failure, appProfiles } = progress[index];
		if (failure) return failure;
		return {
			type: 'results',
			results: [{ customerId: entry.id }],
			queued: false,
			status: 'erased',
			extra: { masterProfile: masters.get(index), appProfiles },
		};
	});
}

const value = 'erase';

export const profileErase: Operation = {
	resource: 'profile',
	value,
	name: 'Erase Everywhere',
	action: 'Erase a customer everywhere',
	description: 'Delete a customer’s app profiles in the apps given, then the master profile',
	fields: operationFields('profile', value, [
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
		{
			...optionsField({ batched: true, waits: 'always' }),
			options: [
				{
					displayName: 'Keep Master Profile',
					name: 'keepMasterProfile',
					type: 'boolean',
					default: false,
					description: 'Whether to delete only the app profiles and keep the master profile',
				},
				...(optionsField({ batched: true, waits: 'always' }).options ?? []),
			],
		},
	]),
	toEntry(read, _item, itemIndex) {
		const customerId = customerIdOf(read);
		const appIds = appIdsOf(read('appIds', ''));
		const keepMaster = (read('options', {}) as IDataObject)?.keepMasterProfile === true ? '1' : '0';
		// App IDs cannot hold line breaks (control characters are refused), so they join with one.
		return idEntry(itemIndex, customerId, 'customer ID', `${keepMaster}\n${appIds.join('\n')}`, {
			path: { appIds: appIds.join('\n'), keepMaster },
		});
	},
	budget: URL_BUDGET,
	runBatch: erase,
};

