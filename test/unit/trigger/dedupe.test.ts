import {
	DEFAULT_CAPACITY,
	emptyState,
	rememberEvent,
	type DedupeState,
} from '../../../nodes/TelnyxTrigger/dedupe';

const MINUTE = 60_000;
const TTL = 10 * MINUTE;
const T0 = 1_714_564_800_000;

describe('rememberEvent', () => {
	it('records a new id and reports a repeat within the time to live', () => {
		const first = rememberEvent(undefined, 'a', T0, TTL);
		expect(first.duplicate).toBe(false);
		expect(first.state).toEqual({ ids: ['a'], seenAt: [T0] });

		const again = rememberEvent(first.state, 'a', T0 + TTL - 1, TTL);
		expect(again.duplicate).toBe(true);
		// A repeat does not refresh the first sighting.
		expect(again.state).toEqual({ ids: ['a'], seenAt: [T0] });
	});

	it('forgets ids once the time to live has passed', () => {
		const first = rememberEvent(emptyState(), 'a', T0, TTL);
		const later = rememberEvent(first.state, 'a', T0 + TTL, TTL);
		expect(later.duplicate).toBe(false);
		expect(later.state).toEqual({ ids: ['a'], seenAt: [T0 + TTL] });
	});

	it('drops expired entries while adding new ones', () => {
		let state: DedupeState = emptyState();
		state = rememberEvent(state, 'old', T0, TTL).state;
		state = rememberEvent(state, 'mid', T0 + 5 * MINUTE, TTL).state;
		state = rememberEvent(state, 'new', T0 + 11 * MINUTE, TTL).state;
		expect(state.ids).toEqual(['mid', 'new']);
	});

	it('never holds more than its capacity, forgetting the oldest first', () => {
		let state: unknown = undefined;
		for (let i = 0; i < DEFAULT_CAPACITY + 250; i++) {
			state = rememberEvent(state, `id-${i}`, T0 + i, TTL).state;
		}
		const kept = state as DedupeState;
		expect(kept.ids).toHaveLength(DEFAULT_CAPACITY);
		expect(kept.seenAt).toHaveLength(DEFAULT_CAPACITY);
		expect(kept.ids[0]).toBe('id-250');
		expect(kept.ids[kept.ids.length - 1]).toBe(`id-${DEFAULT_CAPACITY + 249}`);
		// An evicted id counts as new again; a kept one is still a duplicate.
		expect(rememberEvent(kept, 'id-0', T0 + 2000, TTL).duplicate).toBe(false);
		expect(rememberEvent(kept, 'id-900', T0 + 2000, TTL).duplicate).toBe(true);
	});

	it('honours a small custom capacity', () => {
		let state: unknown = undefined;
		for (const id of ['a', 'b', 'c', 'd']) state = rememberEvent(state, id, T0, TTL, 2).state;
		expect((state as DedupeState).ids).toEqual(['c', 'd']);
	});

	it('does not change the state it is given', () => {
		const state = { ids: ['a', 'b'], seenAt: [T0, T0] };
		const copy = JSON.parse(JSON.stringify(state));
		rememberEvent(state, 'c', T0 + 1, TTL);
		rememberEvent(state, 'a', T0 + TTL + 1, TTL);
		expect(state).toEqual(copy);
	});

	it('survives junk in stored state', () => {
		for (const junk of [null, 5, 'text', { ids: 'a' }, { ids: ['a'], seenAt: ['x'] }, []]) {
			const result = rememberEvent(junk, 'a', T0, TTL);
			expect(result.duplicate).toBe(false);
			expect(result.state).toEqual({ ids: ['a'], seenAt: [T0] });
		}
		const uneven = rememberEvent({ ids: ['a', 'b', 'c'], seenAt: [T0] }, 'b', T0, TTL);
		expect(uneven).toEqual({ duplicate: false, state: { ids: ['a', 'b'], seenAt: [T0, T0] } });
	});

	it('drops entries stamped in the future by a clock that went back', () => {
		const state = { ids: ['a'], seenAt: [T0 + 2 * TTL] };
		expect(rememberEvent(state, 'a', T0, TTL).duplicate).toBe(false);
	});

	it('stays JSON-safe', () => {
		const { state } = rememberEvent(undefined, 'a', T0, TTL);
		expect(JSON.parse(JSON.stringify(state))).toEqual(state);
	});
});
