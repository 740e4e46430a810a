import type { Clock } from './governor-clock';
import { Tenant } from './governor-tenant';

/** A tenant nobody used for this long is forgotten (its learned rate with it). */
export const IDLE_MS = 15 * 60_000;
/** Idle tenants kept at most; the least recently used go first. */
export const MAX_IDLE = 200;

/**
 * The tenants of this process. No timers: idle ones are dropped when a run
 * joins. A tenant with a run joined or a start waiting is never dropped.
 */
export class Registry {
	private readonly tenants = new Map<string, Tenant>();

	get size(): number {
		return this.tenants.size;
	}

	join(key: string, clock: Clock): Tenant {
		this.sweep();
		let tenant = this.tenants.get(key);
		if (!tenant) {
			tenant = new Tenant(clock);
			this.tenants.set(key, tenant);
		}
		return tenant;
	}

	private sweep(): void {
		const idle: Array<[string, Tenant]> = [];
		for (const entry of this.tenants) {
			const [key, tenant] = entry;
			if (!tenant.idle()) continue;
			// Each tenant by its own clock (tests join with fake ones).
			if (tenant.clock.now() - tenant.lastUsed >= IDLE_MS) this.tenants.delete(key);
			else idle.push(entry);
		}
		if (idle.length <= MAX_IDLE) return;
		idle.sort((a, b) => a[1].lastUsed - b[1].lastUsed);
		for (const [key] of idle.slice(0, idle.length - MAX_IDLE)) this.tenants.delete(key);
	}
}
