import {
	DEFAULT_CAPACITY,
	DEFAULT_TTL_MINUTES,
	EventMemory,
	memoryFor,
	type Claim,
	type MemoryEntry,
} from '../../../nodes/TelnyxTrigger/dedupe';
import { prng } from './helpers';

const MINUTE = 60_000;
const TTL = 10 * MINUTE;

/** Claims `id` and, when it is new, settles it right away with `accepted`. */
function accept(memory: EventMemory, id: string, now: number, accepted = true): Claim['status'] {
	const claim = memory.claim(id, now);
	if (claim.status === 'new') memory.settle(id, claim.entry, accepted);
	return claim.status;
}

function newEntry(claim: Claim): MemoryEntry {
	if (claim.status !== 'new') throw new Error(`expected a new claim, got ${claim.status}`);
	return claim.entry;
}

describe('EventMemory', () => {
	it('defaults to 10 minutes and 10,000 ids', () => {
		const memory = new EventMemory();
		expect(DEFAULT_TTL_MINUTES).toBe(10);
		expect(DEFAULT_CAPACITY).toBe(10_000);
		expect(memory.ttlMs).toBe(10 * MINUTE);
		expect(memory.capacity).toBe(10_000);
	});

	it('records a new id and reports a repeat within the time to live', () => {
		const memory = new EventMemory(TTL);
		expect(accept(memory, 'a', 0)).toBe('new');
		expect(accept(memory, 'a', 1)).toBe('duplicate');
		expect(accept(memory, 'a', TTL - 1)).toBe('duplicate');
		expect(accept(memory, 'b', TTL - 1)).toBe('new');
	});

	it('forgets an id once the time to live has passed; a repeat does not extend it', () => {
		const memory = new EventMemory(TTL);
		accept(memory, 'a', 0);
		expect(accept(memory, 'a', TTL / 2)).toBe('duplicate');
		expect(accept(memory, 'a', TTL)).toBe('new');
	});

	it('drops expired entries from the head as new ids arrive', () => {
		const memory = new EventMemory(TTL);
		accept(memory, 'old', 0);
		accept(memory, 'mid', 5 * MINUTE);
		expect(memory.size).toBe(2);
		accept(memory, 'new', 11 * MINUTE);
		expect(memory.has('old')).toBe(false);
		expect(memory.has('mid')).toBe(true);
		expect(memory.size).toBe(2);
		accept(memory, 'later', 30 * MINUTE);
		expect(memory.size).toBe(1);
	});

	it('never holds more than its capacity, forgetting the oldest first', () => {
		const memory = new EventMemory(TTL, 100);
		for (let i = 0; i < 350; i++) accept(memory, `id-${i}`, i);
		expect(memory.size).toBe(100);
		expect(memory.has('id-249')).toBe(false);
		expect(memory.has('id-250')).toBe(true);
		expect(accept(memory, 'id-349', 400)).toBe('duplicate');
		// An evicted id counts as new again.
		expect(accept(memory, 'id-0', 400)).toBe('new');
		expect(memory.size).toBe(100);
	});

	it('follows a lowered capacity on the next claim', () => {
		const memory = new EventMemory(TTL, 100);
		for (let i = 0; i < 100; i++) accept(memory, `id-${i}`, i);
		memory.capacity = 10;
		accept(memory, 'one-more', 200);
		expect(memory.size).toBe(10);
		expect(memory.has('id-91')).toBe(true);
		expect(memory.has('id-90')).toBe(false);
	});

	it('keeps a claimed id pending until settled, and forgets it when not accepted', async () => {
		const memory = new EventMemory(TTL);
		const entry = newEntry(memory.claim('a', 0));
		const copy = memory.claim('a', 1);
		expect(copy.status).toBe('pending');
		memory.settle('a', entry, false);
		if (copy.status === 'pending') await copy.settled;
		expect(memory.has('a')).toBe(false);
		const retry = newEntry(memory.claim('a', 2));
		memory.settle('a', retry, true);
		expect(memory.claim('a', 3).status).toBe('duplicate');
		// Settling twice changes nothing.
		memory.settle('a', retry, false);
		expect(memory.claim('a', 4).status).toBe('duplicate');
	});

	it('does not let a late failure of an expired claim erase a newer claim of the same id', () => {
		const memory = new EventMemory(TTL);
		const stale = newEntry(memory.claim('a', 0));
		const fresh = newEntry(memory.claim('a', TTL + 1));
		memory.settle('a', stale, false);
		memory.settle('a', fresh, true);
		expect(memory.claim('a', TTL + 2).status).toBe('duplicate');
	});

	it('wakes waiters of an evicted pending entry when it settles', async () => {
		const memory = new EventMemory(TTL, 1);
		const first = newEntry(memory.claim('a', 0));
		const copy = memory.claim('a', 1);
		accept(memory, 'b', 2);
		expect(memory.has('a')).toBe(false);
		let woke = false;
		if (copy.status === 'pending') void copy.settled.then(() => (woke = true));
		memory.settle('a', first, true);
		await Promise.resolve();
		expect(woke).toBe(true);
	});

	it('stays exact over many claims, with forgotten ids and expiries among them', () => {
		const ttl = 1_000;
		const capacity = 100;
		const memory = new EventMemory(ttl, capacity);
		// The model: every new claim in order. An id is held when its latest claim is among the
		// last `capacity` new claims, younger than the time to live, and was kept.
		const claims: Array<{ id: string; at: number; kept: boolean }> = [];
		const random = prng(99);
		let now = 0;
		for (let t = 0; t < 20_000; t++) {
			now += Math.floor(random() * 30);
			const id = random() < 0.7 ? `n-${t}` : `n-${t - 1 - Math.floor(random() * 150)}`;
			const window = claims.slice(-capacity);
			const latest = window.filter((c) => c.id === id).pop();
			const expected = latest?.kept && now - latest.at < ttl ? 'duplicate' : 'new';
			const claim = memory.claim(id, now);
			expect({ t, id, status: claim.status }).toEqual({ t, id, status: expected });
			if (claim.status === 'new') {
				const kept = random() >= 1 / 3;
				memory.settle(id, claim.entry, kept);
				claims.push({ id, at: now, kept });
			}
			expect(memory.size).toBeLessThanOrEqual(capacity);
		}
		expect(claims.length).toBeGreaterThan(5_000);
	});

	it('keeps one memory per workflow and trigger node', () => {
		expect(memoryFor('wf-1', 'node-1')).toBe(memoryFor('wf-1', 'node-1'));
		expect(memoryFor('wf-1', 'node-1')).not.toBe(memoryFor('wf-1', 'node-2'));
		expect(memoryFor('wf-1', 'node-1')).not.toBe(memoryFor('wf-2', 'node-1'));
		// The separator keeps the two parts apart.
		expect(memoryFor('a', 'bc')).not.toBe(memoryFor('ab', 'c'));
	});
});

/**
 * Deliveries of a few events interleaved at random, as concurrent webhook requests are: each
 * delivery claims the id, waits while another delivery of it is in flight, and, when it
 * carries the event, "starts an execution" that n8n accepts or fails after a random number of
 * ticks. A delivery that got no 2xx is retried, as Telnyx does, until one is acknowledged.
 */
describe('EventMemory under interleaved async deliveries', () => {
	const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

	async function simulate(seed: number) {
		const random = prng(seed);
		const memory = new EventMemory(TTL);
		const ids = ['e1', 'e2', 'e3', 'e4', 'e5'];
		const executions = new Map<string, number>();
		const acknowledged = new Map<string, number>();
		const events: string[] = [];
		let clock = 0;

		async function deliverOnce(id: string): Promise<boolean> {
			for (let i = Math.floor(random() * 3); i > 0; i--) await tick();
			for (;;) {
				const claim = memory.claim(id, clock++);
				if (claim.status === 'duplicate') {
					// A 200 without an execution is only right once one exists.
					events.push(`ack-dup ${id} with ${executions.get(id) ?? 0} executions`);
					acknowledged.set(id, (acknowledged.get(id) ?? 0) + 1);
					return true;
				}
				if (claim.status === 'pending') {
					await claim.settled;
					continue;
				}
				for (let i = Math.floor(random() * 4); i > 0; i--) await tick();
				const stored = random() < 0.6;
				if (stored) executions.set(id, (executions.get(id) ?? 0) + 1);
				memory.settle(id, claim.entry, stored);
				if (stored) acknowledged.set(id, (acknowledged.get(id) ?? 0) + 1);
				return stored;
			}
		}

		async function telnyx(id: string): Promise<void> {
			// Several copies at once (a timeout on Telnyx's side), then retries until one gets 2xx.
			const copies = 1 + Math.floor(random() * 4);
			const results = await Promise.all(Array.from({ length: copies }, () => deliverOnce(id)));
			if (!results.some(Boolean)) await telnyx(id);
		}

		await Promise.all(ids.map((id) => telnyx(id)));
		return { executions, acknowledged, events, memory };
	}

	it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])(
		'gives every event exactly one execution (seed %i)',
		async (seed) => {
			const { executions, acknowledged, events, memory } = await simulate(seed);
			for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) {
				expect(executions.get(id)).toBe(1);
				expect(acknowledged.get(id)).toBeGreaterThanOrEqual(1);
				expect(memory.claim(id, 1e5).status).toBe('duplicate');
			}
			expect(events.filter((e) => e.endsWith(' 0 executions'))).toEqual([]);
		},
	);

	it('with 200 copies of one event at once, one carries it and the rest wait for it', async () => {
		const memory = new EventMemory(TTL);
		let executions = 0;
		let heldWhileInFlight = 0;
		let first: MemoryEntry | undefined;
		const copies = Array.from({ length: 200 }, async () => {
			for (;;) {
				const claim = memory.claim('evt', 0);
				if (claim.status === 'duplicate') return 'duplicate';
				if (claim.status === 'pending') {
					heldWhileInFlight++;
					await claim.settled;
					continue;
				}
				executions++;
				first = claim.entry;
				await tick();
				memory.settle('evt', claim.entry, true);
				return 'execution';
			}
		});
		const outcomes = await Promise.all(copies);
		expect(executions).toBe(1);
		expect(first?.pending).toBe(false);
		expect(heldWhileInFlight).toBe(199);
		expect(outcomes.filter((o) => o === 'execution')).toHaveLength(1);
	});
});
