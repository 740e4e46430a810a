// @ts-check
'use strict';

/**
 * Writes and their status (GET /profile/status/{transid}).
 *
 * Queued mode: a write is acknowledged at once and kept pending. It is applied on the status poll
 * that comes after `polls` polls answered 7600, or `delayMs` after it was received, whichever is
 * first. Pending writes are applied strictly in the order they were received: applying one first
 * applies every earlier one still pending.
 * Success mode: the result of a write applied at once is recorded too, so its transid can be polled.
 */

const { writeBody } = require('./envelopes');

/**
 * @typedef {import('./envelopes').WriteBody} WriteBody
 * @typedef {import('./envelopes').WriteResult} WriteResult
 * @typedef {{ transid: string, run: (() => WriteResult[]) | undefined, pollsLeft: number,
 *   timer: NodeJS.Timeout | undefined, body: WriteBody | undefined }} Entry
 */

/** How many finished results are kept for status polls (oldest dropped first). */
const MAX_FINISHED = 200000;

class WriteQueue {
	/**
	 * @param {() => void} onApplied called after each write is applied (the server saves the data file)
	 */
	constructor(onApplied) {
		this.onApplied = onApplied;
		/** @type {Map<string, Entry>} */
		this.entries = new Map();
		/** @type {Entry[]} pending writes, oldest first, from index `head` */
		this.pending = [];
		this.head = 0;
	}

	/** Number of writes waiting to be applied. */
	get pendingCount() {
		return this.pending.length - this.head;
	}

	/**
	 * Keep a queued write.
	 * @param {string} transid
	 * @param {() => WriteResult[]} run applies the write and returns its per-record results
	 * @param {number} polls
	 * @param {number} delayMs
	 */
	enqueue(transid, run, polls, delayMs) {
		/** @type {Entry} */
		const entry = { transid, run, pollsLeft: polls, timer: undefined, body: undefined };
		entry.timer = setTimeout(() => this.applyThrough(entry), delayMs);
		entry.timer.unref();
		this.pending.push(entry);
		this.remember(entry);
	}

	/**
	 * Record the result of a write applied at once.
	 * @param {string} transid
	 * @param {WriteBody} body
	 */
	record(transid, body) {
		this.remember({ transid, run: undefined, pollsLeft: 0, timer: undefined, body });
	}

	/**
	 * A status poll.
	 * @param {string} transid
	 * @returns {WriteBody | undefined} undefined: unknown or not applied yet (answer 7600)
	 */
	poll(transid) {
		const entry = this.entries.get(transid);
		if (entry === undefined) return undefined;
		if (entry.body !== undefined) return entry.body;
		if (entry.pollsLeft > 0) {
			entry.pollsLeft--;
			return undefined;
		}
		this.applyThrough(entry);
		return entry.body;
	}

	/** Apply every pending write now, in order. */
	flush() {
		while (this.head < this.pending.length) this.applyNext();
	}

	/** Forget everything, pending writes included (they are never applied). */
	clear() {
		for (let i = this.head; i < this.pending.length; i++) clearTimeout(this.pending[i].timer);
		this.pending = [];
		this.head = 0;
		this.entries.clear();
	}

	/**
	 * @param {Entry} entry
	 */
	applyThrough(entry) {
		while (entry.body === undefined && this.head < this.pending.length) this.applyNext();
	}

	applyNext() {
		const entry = this.pending[this.head];
		this.pending[this.head] = /** @type {Entry} */ (/** @type {unknown} */ (undefined));
		this.head++;
		if (this.head > 1024 && this.head * 2 > this.pending.length) {
			this.pending = this.pending.slice(this.head);
			this.head = 0;
		}
		clearTimeout(entry.timer);
		entry.timer = undefined;
		const run = /** @type {() => WriteResult[]} */ (entry.run);
		entry.run = undefined;
		/** @type {WriteResult[]} */
		let results;
		try {
			results = run();
		} catch (error) {
			results = [{ customerId: '', code: '7006', description: `Internal error occurred: ${String(error)}` }];
		}
		entry.body = writeBody(results, entry.transid);
		this.onApplied();
	}

	/**
	 * @param {Entry} entry
	 */
	remember(entry) {
		this.entries.set(entry.transid, entry);
		if (this.entries.size <= MAX_FINISHED) return;
		for (const [transid, old] of this.entries) {
			if (this.entries.size <= MAX_FINISHED) break;
			if (old.body === undefined) break; // never drop a pending write
			this.entries.delete(transid);
		}
	}
}

module.exports = { WriteQueue };
