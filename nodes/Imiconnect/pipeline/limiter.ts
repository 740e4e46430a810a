import { sleep } from 'n8n-workflow';

/** Window of the tenant's rate limit (7020), plus a margin for the network's jitter. */
const WINDOW_MS = 1000;
const MARGIN_MS = 50;

/**
 * Spaces request starts of one execution (retries and status polls included):
 * - Max Requests per Second as a sliding window: any 1 s holds at most
 *   `perSecond` starts, so a limit equal to the tenant's never earns a 7020 from
 *   the node's own traffic. Each start takes the slot of the start `perSecond`
 *   places before it, one window later;
 * - `minGapMs` between two starts (n8n's Request Options → Batching → Batch Interval).
 * Concurrent callers reserve slots in the order they ask.
 */
export function createLimiter(perSecond: number, minGapMs = 0): () => Promise<void> {
	// A fraction rounds down (2.5 → 2 in any second); below 1 the window grows: 0.5 → one start per 2 s.
	const slots = perSecond > 0 ? Math.max(1, Math.floor(perSecond)) : 0;
	const windowMs = perSecond >= 1 ? WINDOW_MS : slots ? WINDOW_MS / perSecond : 0;
	if (!slots && !(minGapMs > 0)) return async () => {};
	const starts: number[] = [];
	let next = 0;
	let last = -Infinity;
	return async () => {
		const now = Date.now();
		const earlier = slots && starts.length >= slots ? starts[next] : -Infinity;
		const start = Math.max(now, earlier + windowMs + MARGIN_MS, last + minGapMs);
		last = start;
		if (slots) {
			starts[next] = start;
			next = (next + 1) % slots;
		}
		if (start > now) await sleep(start - now);
	};
}
