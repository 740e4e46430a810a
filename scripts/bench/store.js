// @ts-check
'use strict';

/**
 * The sandbox's store brought to what an operation needs, before a measured run of it.
 */

/**
 * What the store holds: exactly the current N items, nothing, or not known.
 * @typedef {'empty' | 'full' | 'unknown'} StoreState
 */

/**
 * Bring the store to what `op` needs: empty before create / create-or-update, all N profiles
 * before update, get and delete. The profiles go in through `fill` (the sandbox itself, not a
 * slow way to it such as the WAN proxy) and are counted in the sandbox afterwards.
 * @param {{ sb: import('./sandbox-child').SandboxChild, store: StoreState }} ctx
 * @param {import('./clients').Operation} op
 * @param {import('./clients').BenchItem[]} items
 * @param {{ baseUrl: string, key: string }} fill
 */
async function prepare(ctx, op, items, fill) {
	const { batched } = require('./clients');
	if (op === 'create' || op === 'upsert') {
		await ctx.sb.reset();
		ctx.store = 'empty';
		return;
	}
	if (ctx.store === 'full') return;
	await ctx.sb.reset();
	const run = await batched(fill, 'create', items, 4);
	const stats = await ctx.sb.stats();
	if (run.failures > 0 || stats.profiles !== items.length) {
		throw new Error(`could not fill the sandbox with ${items.length} profiles (${stats.profiles} stored, ${run.failures} failures)`);
	}
	ctx.store = 'full';
}

module.exports = { prepare };
