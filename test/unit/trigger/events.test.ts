import {
	ALL_EVENTS,
	EVENT_OPTIONS,
	VOICE_EVENTS,
	isEventSelected,
	pickerAction,
} from '../../../nodes/TelnyxTrigger/events';

/** The 57 voice event types listed in the Telnyx SDK (webhook-events.json). */
const TELNYX_VOICE_EVENTS = [
	'call.ai_gather.ended',
	'call.ai_gather.message_history_updated',
	'call.ai_gather.partial_results',
	'call.answered',
	'call.bridged',
	'call.conversation.ended',
	'call.conversation_insights.generated',
	'call.cost',
	'call.deepfake_detection.error',
	'call.deepfake_detection.result',
	'call.dtmf.received',
	'call.enqueued',
	'call.fork.started',
	'call.fork.stopped',
	'call.gather.ended',
	'call.hangup',
	'call.hold',
	'call.initiated',
	'call.dequeued',
	'call.machine.detection.ended',
	'call.machine.greeting.ended',
	'call.machine.premium.detection.ended',
	'call.machine.premium.greeting.ended',
	'call.payment.completed',
	'call.payment.progress',
	'call.playback.ended',
	'call.playback.started',
	'call.recording.error',
	'call.recording.saved',
	'call.recording.transcription.saved',
	'call.refer.completed',
	'call.refer.failed',
	'call.refer.started',
	'siprec.failed',
	'siprec.started',
	'siprec.stopped',
	'call.speak.ended',
	'call.speak.started',
	'streaming.failed',
	'streaming.started',
	'streaming.stopped',
	'call.unhold',
	'conference.created',
	'conference.ended',
	'conference.floor.changed',
	'conference.participant.joined',
	'conference.participant.left',
	'conference.participant.playback.ended',
	'conference.participant.playback.started',
	'conference.participant.speak.ended',
	'conference.participant.speak.started',
	'conference.playback.ended',
	'conference.playback.started',
	'conference.recording.saved',
	'conference.speak.ended',
	'conference.speak.started',
	'call.transcription',
];

describe('event catalogue', () => {
	it('covers exactly the 57 voice events', () => {
		expect(TELNYX_VOICE_EVENTS).toHaveLength(57);
		expect(VOICE_EVENTS.map((e) => e.type).sort()).toEqual([...TELNYX_VOICE_EVENTS].sort());
	});

	it('offers every event plus All Events, each value once', () => {
		expect(EVENT_OPTIONS).toHaveLength(58);
		const values = EVENT_OPTIONS.map((o) => o.value);
		expect(new Set(values).size).toBe(58);
		expect(values).toContain(ALL_EVENTS);
	});

	it('names events for people, in Title Case, without repeats', () => {
		const names = EVENT_OPTIONS.map((o) => o.name);
		expect(new Set(names).size).toBe(names.length);
		for (const name of names) {
			expect(name).not.toMatch(/[._]/);
			for (const word of name.replace(/[()]/g, '').split(' ')) {
				expect([name, word[0]]).toEqual([name, word[0].toUpperCase()]);
			}
		}
		expect(names).toEqual(expect.arrayContaining(['Call Answered', 'Gather Ended', 'All Events']));
	});

	it('is sorted by name the way the n8n linter sorts', () => {
		const names = EVENT_OPTIONS.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('groups related events next to each other', () => {
		const names = EVENT_OPTIONS.map((o) => o.name);
		const conference = names
			.map((name, index) => (name.startsWith('Conference ') ? index : -1))
			.filter((index) => index >= 0);
		expect(conference).toHaveLength(14);
		expect(conference[conference.length - 1] - conference[0]).toBe(13);
	});

	it('gives the events of one feature the same first word, so that sorting keeps them together', () => {
		// The feature of an event type: `call.ai_gather.ended` and `call.gather.ended` are both
		// gathers, `call.machine.premium.detection.ended` is answering machine detection.
		const feature = (type: string) =>
			type
				.replace(/^call\./, '')
				.split('.')[0]
				.replace(/^ai_/, '')
				.replace(/_insights$/, '');
		const firstWord = new Map<string, string>();
		for (const event of VOICE_EVENTS) {
			const word = event.name.split(' ')[0];
			const seen = firstWord.get(feature(event.type)) ?? word;
			expect([event.type, word]).toEqual([event.type, seen]);
			firstWord.set(feature(event.type), word);
		}
		expect(firstWord.get('gather')).toBe('Gather');
		expect(firstWord.get('machine')).toBe('Machine');

		const words = EVENT_OPTIONS.map((o) => o.name.split(' ')[0]);
		for (const word of new Set(words)) {
			const first = words.indexOf(word);
			const last = words.lastIndexOf(word);
			expect([word, words.slice(first, last + 1).every((w) => w === word)]).toEqual([word, true]);
		}
	});

	it('lists each event in the node picker as "On <name>" in sentence case, acronyms kept', () => {
		const actions = new Map(EVENT_OPTIONS.map((o) => [o.value, o.action]));
		expect(actions.get('call.dtmf.received')).toBe('On DTMF received');
		expect(actions.get('call.ai_gather.ended')).toBe('On gather ended (AI)');
		expect(actions.get('siprec.started')).toBe('On SIPREC started');
		expect(actions.get('call.machine.premium.detection.ended')).toBe(
			'On machine detection ended (premium)',
		);
		expect(actions.get(ALL_EVENTS)).toBe('On any event');
		for (const option of EVENT_OPTIONS) {
			expect(option.action).toMatch(/^On [a-zA-Z]/);
			if (option.value !== ALL_EVENTS) expect(option.action).toBe(pickerAction(option.name));
			// What n8n's picker would print on its own for acronyms: "dtmf", "ai", "siprec".
			expect(option.action).not.toMatch(/\b(dtmf|ai|siprec|sip)\b/);
		}
		expect(new Set(actions.values()).size).toBe(EVENT_OPTIONS.length);
	});

	it('mentions the Telnyx event type in every description', () => {
		for (const option of EVENT_OPTIONS) {
			if (option.value === ALL_EVENTS) continue;
			expect(option.description).toContain(`(${option.value})`);
		}
	});
});

describe('isEventSelected', () => {
	it('accepts only the selected types', () => {
		const selection = ['call.answered', 'call.gather.ended'];
		expect(isEventSelected(selection, 'call.answered')).toBe(true);
		expect(isEventSelected(selection, 'call.gather.ended')).toBe(true);
		expect(isEventSelected(selection, 'call.hangup')).toBe(false);
		expect(isEventSelected(selection, 'call.answered.extra')).toBe(false);
		expect(isEventSelected(selection, '*')).toBe(false);
	});

	it('accepts anything, including unknown types, when All Events is selected', () => {
		expect(isEventSelected([ALL_EVENTS], 'call.answered')).toBe(true);
		expect(isEventSelected(['call.hangup', ALL_EVENTS], 'call.some_future_event')).toBe(true);
	});

	it('accepts nothing with an empty or broken selection or a missing type', () => {
		expect(isEventSelected([], 'call.answered')).toBe(false);
		expect(isEventSelected(undefined, 'call.answered')).toBe(false);
		expect(isEventSelected('call.answered', 'call.answered')).toBe(false);
		expect(isEventSelected([ALL_EVENTS], undefined)).toBe(false);
		expect(isEventSelected([ALL_EVENTS], 42)).toBe(false);
	});
});
