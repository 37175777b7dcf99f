/**
 * Remembers recent event ids in process memory, so that a redelivered event does not start a
 * second execution.
 *
 * One memory per workflow and trigger node, kept at module level: n8n loads a node type once
 * per process and calls `webhook()` for every delivery, so the memory outlives the request.
 * Nothing is written to the database per event. Telnyx redelivers an event that was not
 * answered 2xx; a redelivery that reaches another process, or this one after a restart, is
 * not caught here, and command IDs derived from the event id (nodes/Telnyx/engine/commandId.ts)
 * keep its effects from happening twice.
 *
 * `claim` checks and records an id in one synchronous step, so concurrent deliveries of the
 * same event cannot both pass. A claimed id stays *pending* until n8n has answered the
 * delivery that claimed it:
 * - answered 2xx: n8n has created the execution, and the id is kept for the time to live;
 * - anything else (n8n failed to create the execution, answered 5xx, or the client went away):
 *   the id is forgotten, so the redelivery Telnyx sends next is let through.
 * A copy that arrives while the id is pending waits for that outcome instead of being
 * acknowledged at once: acknowledging it and then losing the first attempt would lose the event.
 *
 * Ids are looked up in a Map and kept in claim order in a queue (an array with a moving head),
 * which is also the order of their timestamps: expired ids are dropped from the head as new
 * ids arrive, and the oldest is dropped when the memory is full. Each claim costs O(1)
 * amortised. (The Map itself is not used as the queue: V8 leaves a hole for every deleted
 * entry until it rehashes, and finding the first live entry would scan them all.)
 */

/** How many event ids one trigger remembers at most; the oldest are forgotten first. */
export const DEFAULT_CAPACITY = 10_000;
export const DEFAULT_TTL_MINUTES = 10;

/** One remembered id. Exported for the caller, which hands it back to `settle`. */
export interface MemoryEntry {
	readonly id: string;
	/** When the id was claimed, in the clock of the caller (milliseconds). */
	readonly at: number;
	/** True until the delivery that claimed the id has been answered. */
	pending: boolean;
	/** Copies of the delivery waiting for the outcome. */
	waiters: Array<() => void> | undefined;
}

export type Claim =
	/** The id is new and now recorded: start the execution, then `settle` the entry. */
	| { status: 'new'; entry: MemoryEntry }
	/** The id was accepted before, within the time to live. */
	| { status: 'duplicate' }
	/** Another delivery of the id is in flight; claim again once `settled` resolves. */
	| { status: 'pending'; settled: Promise<void> };

const DUPLICATE: Claim = { status: 'duplicate' };

/** Compact the queue once this many slots at its head are spent, and they are half of it. */
const COMPACT_AFTER = 1024;

export class EventMemory {
	private readonly entries = new Map<string, MemoryEntry>();
	/** Claimed entries, oldest first, from `head` on; forgotten ones stay until they leave. */
	private queue: Array<MemoryEntry | undefined> = [];
	private head = 0;

	constructor(
		/** How long an accepted id is remembered, in milliseconds. */
		public ttlMs = DEFAULT_TTL_MINUTES * 60_000,
		/** The most ids held at once. */
		public capacity = DEFAULT_CAPACITY,
	) {}

	/** How many ids are held. */
	get size(): number {
		return this.entries.size;
	}

	/** Checks `id` and records it when it is new. Synchronous: nothing can run in between. */
	claim(id: string, now: number): Claim {
		// Drop expired entries from the head; the first live one ends the loop.
		while (this.head < this.queue.length && now - this.queue[this.head]!.at >= this.ttlMs) {
			this.dropOldest();
		}
		const known = this.entries.get(id);
		if (known !== undefined) {
			if (!known.pending) return DUPLICATE;
			return {
				status: 'pending',
				settled: new Promise<void>((resolve) => (known.waiters ??= []).push(resolve)),
			};
		}
		const entry: MemoryEntry = { id, at: now, pending: true, waiters: undefined };
		this.entries.set(id, entry);
		this.queue.push(entry);
		const limit = Math.max(1, Math.floor(this.capacity));
		while (this.queue.length - this.head > limit) this.dropOldest();
		return { status: 'new', entry };
	}

	/**
	 * Records the outcome of the delivery that claimed `id`: kept when `accepted`, forgotten
	 * otherwise. Wakes the copies that were waiting. Calling it again does nothing.
	 */
	settle(id: string, entry: MemoryEntry, accepted: boolean): void {
		if (!entry.pending) return;
		entry.pending = false;
		// The entry may have expired or been evicted meanwhile, and the id claimed again.
		if (!accepted && this.entries.get(id) === entry) this.entries.delete(id);
		const waiters = entry.waiters;
		entry.waiters = undefined;
		if (waiters) for (const wake of waiters) wake();
	}

	/** Whether `id` is held (pending or accepted), regardless of its age. For tests. */
	has(id: string): boolean {
		return this.entries.has(id);
	}

	private dropOldest(): void {
		const oldest = this.queue[this.head];
		this.queue[this.head++] = undefined;
		if (oldest !== undefined && this.entries.get(oldest.id) === oldest) {
			this.entries.delete(oldest.id);
		}
		if (this.head >= COMPACT_AFTER && this.head * 2 >= this.queue.length) {
			this.queue = this.queue.slice(this.head);
			this.head = 0;
		}
	}
}

const memories = new Map<string, EventMemory>();

function memoryKey(workflowId: string, nodeId: string): string {
	return `${workflowId}\u001f${nodeId}`;
}

/**
 * The memory of one trigger node in one workflow, created on first use. It is kept when the
 * workflow is deactivated, so that publishing a new version does not let copies of recent
 * events through; each memory holds at most its capacity.
 */
export function memoryFor(workflowId: string, nodeId: string): EventMemory {
	const key = memoryKey(workflowId, nodeId);
	let memory = memories.get(key);
	if (memory === undefined) {
		memory = new EventMemory();
		memories.set(key, memory);
	}
	return memory;
}
