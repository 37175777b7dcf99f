/**
 * Remembers recent event ids so that a redelivered event does not start a second execution.
 *
 * Pure: a plain, JSON-safe state goes in and a new one comes out; the input is never changed.
 * The caller keeps the state in the node's workflow static data.
 */

/** How many ids are remembered at most; the oldest are forgotten first. */
export const DEFAULT_CAPACITY = 1000;
export const DEFAULT_TTL_MINUTES = 10;

export interface DedupeState {
	/** Event ids, oldest first. */
	ids: string[];
	/** When each id was first seen, in milliseconds since the epoch; same order as `ids`. */
	seenAt: number[];
}

export interface DedupeResult {
	/** Whether the id was seen within the time to live. */
	duplicate: boolean;
	/** The state to keep. For a duplicate it is only pruned, so the caller may skip saving it. */
	state: DedupeState;
}

export function emptyState(): DedupeState {
	return { ids: [], seenAt: [] };
}

/**
 * Checks `id` against the remembered ids and records it when it is new. Entries older than
 * `ttlMs` are dropped, and the state never holds more than `capacity` ids.
 */
export function rememberEvent(
	previous: unknown,
	id: string,
	now: number,
	ttlMs: number,
	capacity = DEFAULT_CAPACITY,
): DedupeResult {
	const ids: string[] = [];
	const seenAt: number[] = [];
	let duplicate = false;
	const old = previous as Partial<DedupeState> | null | undefined;
	if (old && Array.isArray(old.ids) && Array.isArray(old.seenAt)) {
		const count = Math.min(old.ids.length, old.seenAt.length);
		for (let i = 0; i < count; i++) {
			const knownId = old.ids[i];
			const at = old.seenAt[i];
			// Expired entries, entries from a clock that jumped back, and junk are dropped.
			if (typeof knownId !== 'string' || typeof at !== 'number') continue;
			if (now - at >= ttlMs || at - now > ttlMs) continue;
			if (knownId === id) duplicate = true;
			ids.push(knownId);
			seenAt.push(at);
		}
	}
	if (!duplicate) {
		ids.push(id);
		seenAt.push(now);
	}
	const limit = Math.max(1, Math.floor(capacity));
	if (ids.length > limit) {
		const excess = ids.length - limit;
		ids.splice(0, excess);
		seenAt.splice(0, excess);
	}
	return { duplicate, state: { ids, seenAt } };
}
