import type { INodePropertyOptions } from 'n8n-workflow';

/** The value that stands for every event, including types Telnyx adds later. */
export const ALL_EVENTS = '*';

interface VoiceEvent {
	/** Telnyx `event_type`. */
	type: string;
	/** What a person would call it. Names share a prefix per feature, so sorting groups them. */
	name: string;
	description: string;
}

/** The 57 voice webhook events of Call Control, conferences, media streaming and SIPREC. */
export const VOICE_EVENTS: readonly VoiceEvent[] = [
	{
		type: 'call.ai_gather.ended',
		name: 'Gather Ended (AI)',
		description: 'An AI gather finished and its result is ready',
	},
	{
		type: 'call.ai_gather.message_history_updated',
		name: 'Gather Message History Updated (AI)',
		description: 'The conversation of a running AI gather gained a message',
	},
	{
		type: 'call.ai_gather.partial_results',
		name: 'Gather Partial Results (AI)',
		description: 'A running AI gather reported what it has collected so far',
	},
	{ type: 'call.answered', name: 'Call Answered', description: 'A call leg was answered' },
	{ type: 'call.bridged', name: 'Call Bridged', description: 'Two call legs were joined together' },
	{
		type: 'call.cost',
		name: 'Call Cost Reported',
		description: 'The cost of a finished call is known',
	},
	{ type: 'call.dequeued', name: 'Call Dequeued', description: 'A call left a queue' },
	{ type: 'call.enqueued', name: 'Call Enqueued', description: 'A call was placed in a queue' },
	{
		type: 'call.hangup',
		name: 'Call Hung Up',
		description: 'A call leg ended; the payload says who hung up and why',
	},
	{
		type: 'call.initiated',
		name: 'Call Initiated',
		description: 'A call leg began: an incoming call arrived, or a dial started',
	},
	{ type: 'call.hold', name: 'Call Put On Hold', description: 'A call was put on hold' },
	{ type: 'call.unhold', name: 'Call Taken Off Hold', description: 'A held call was resumed' },
	{
		type: 'conference.created',
		name: 'Conference Created',
		description: 'A conference room was opened',
	},
	{ type: 'conference.ended', name: 'Conference Ended', description: 'A conference was closed' },
	{
		type: 'conference.floor.changed',
		name: 'Conference Floor Changed',
		description: 'Another participant became the active speaker',
	},
	{
		type: 'conference.participant.joined',
		name: 'Conference Participant Joined',
		description: 'A call joined a conference',
	},
	{
		type: 'conference.participant.left',
		name: 'Conference Participant Left',
		description: 'A call left a conference',
	},
	{
		type: 'conference.participant.playback.ended',
		name: 'Conference Participant Playback Ended',
		description: 'Audio played to one participant finished',
	},
	{
		type: 'conference.participant.playback.started',
		name: 'Conference Participant Playback Started',
		description: 'Audio began to play to one participant',
	},
	{
		type: 'conference.participant.speak.ended',
		name: 'Conference Participant Speak Ended',
		description: 'Text to speech for one participant finished',
	},
	{
		type: 'conference.participant.speak.started',
		name: 'Conference Participant Speak Started',
		description: 'Text to speech for one participant began',
	},
	{
		type: 'conference.playback.ended',
		name: 'Conference Playback Ended',
		description: 'Audio played to the whole conference finished',
	},
	{
		type: 'conference.playback.started',
		name: 'Conference Playback Started',
		description: 'Audio began to play to the whole conference',
	},
	{
		type: 'conference.recording.saved',
		name: 'Conference Recording Saved',
		description: 'A conference recording is ready to download',
	},
	{
		type: 'conference.speak.ended',
		name: 'Conference Speak Ended',
		description: 'Text to speech for the whole conference finished',
	},
	{
		type: 'conference.speak.started',
		name: 'Conference Speak Started',
		description: 'Text to speech for the whole conference began',
	},
	{
		type: 'call.conversation.ended',
		name: 'Conversation Ended',
		description: 'An AI assistant conversation on the call finished',
	},
	{
		type: 'call.conversation_insights.generated',
		name: 'Conversation Insights Generated',
		description: 'Insights about a finished AI assistant conversation are ready',
	},
	{
		type: 'call.deepfake_detection.error',
		name: 'Deepfake Detection Error',
		description: 'Deepfake detection could not reach a verdict',
	},
	{
		type: 'call.deepfake_detection.result',
		name: 'Deepfake Detection Result',
		description: 'Deepfake detection reached a verdict on the caller’s voice',
	},
	{
		type: 'call.dtmf.received',
		name: 'DTMF Received',
		description: 'A keypad tone was detected on the call',
	},
	{
		type: 'call.fork.started',
		name: 'Fork Started',
		description: 'Copying the call’s media to another destination began',
	},
	{
		type: 'call.fork.stopped',
		name: 'Fork Stopped',
		description: 'Copying the call’s media to another destination stopped',
	},
	{
		type: 'call.gather.ended',
		name: 'Gather Ended',
		description: 'Collecting keypad digits finished',
	},
	{
		type: 'call.machine.detection.ended',
		name: 'Machine Detection Ended',
		description: 'Answering machine detection decided whether a person or a machine answered',
	},
	{
		type: 'call.machine.premium.detection.ended',
		name: 'Machine Detection Ended (Premium)',
		description: 'Premium answering machine detection reached its decision',
	},
	{
		type: 'call.machine.greeting.ended',
		name: 'Machine Greeting Ended',
		description: 'The answering machine finished its greeting',
	},
	{
		type: 'call.machine.premium.greeting.ended',
		name: 'Machine Greeting Ended (Premium)',
		description: 'Premium detection heard the answering machine greeting finish',
	},
	{
		type: 'call.payment.completed',
		name: 'Payment Completed',
		description: 'A card payment taken on the call finished',
	},
	{
		type: 'call.payment.progress',
		name: 'Payment Progress Updated',
		description: 'A card payment on the call moved to its next step',
	},
	{ type: 'call.playback.ended', name: 'Playback Ended', description: 'Audio playback finished' },
	{
		type: 'call.playback.started',
		name: 'Playback Started',
		description: 'Audio playback began',
	},
	{
		type: 'call.recording.error',
		name: 'Recording Error',
		description: 'A call recording failed',
	},
	{
		type: 'call.recording.saved',
		name: 'Recording Saved',
		description: 'A call recording is ready to download',
	},
	{
		type: 'call.recording.transcription.saved',
		name: 'Recording Transcription Saved',
		description: 'The transcript of a recording is ready',
	},
	{
		type: 'call.refer.completed',
		name: 'Refer Completed',
		description: 'A SIP REFER transfer succeeded',
	},
	{ type: 'call.refer.failed', name: 'Refer Failed', description: 'A SIP REFER transfer failed' },
	{
		type: 'call.refer.started',
		name: 'Refer Started',
		description: 'A SIP REFER transfer began',
	},
	{
		type: 'siprec.failed',
		name: 'SIPREC Failed',
		description: 'Sending the call to a SIPREC recorder failed',
	},
	{
		type: 'siprec.started',
		name: 'SIPREC Started',
		description: 'Sending the call to a SIPREC recorder began',
	},
	{
		type: 'siprec.stopped',
		name: 'SIPREC Stopped',
		description: 'Sending the call to a SIPREC recorder stopped',
	},
	{ type: 'call.speak.ended', name: 'Speak Ended', description: 'Text to speech finished' },
	{ type: 'call.speak.started', name: 'Speak Started', description: 'Text to speech began' },
	{
		type: 'streaming.failed',
		name: 'Streaming Failed',
		description: 'Streaming the call’s audio over WebSocket failed',
	},
	{
		type: 'streaming.started',
		name: 'Streaming Started',
		description: 'Streaming the call’s audio over WebSocket began',
	},
	{
		type: 'streaming.stopped',
		name: 'Streaming Stopped',
		description: 'Streaming the call’s audio over WebSocket stopped',
	},
	{
		type: 'call.transcription',
		name: 'Transcription Received',
		description: 'Live transcription produced a piece of text',
	},
];

/**
 * How n8n's node picker lists an event among the trigger's actions: "On" and the name in
 * sentence case, acronyms kept ("On DTMF received", "On gather ended (AI)"). Without it the
 * picker lower-cases every word itself ("On dtmf received").
 */
export function pickerAction(name: string): string {
	const words = name
		.split(' ')
		.map((word) => (/^\(?[A-Z]{2,}\)?$/.test(word) ? word : word.toLowerCase()));
	return `On ${words.join(' ')}`;
}

/**
 * The choices of the Events parameter: every event plus All Events, sorted by name. Names of one
 * feature share their first word (Call, Conference, Gather, Machine, Recording...), so the
 * sorted list is grouped by feature.
 */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'All Events',
		value: ALL_EVENTS,
		action: 'On any event',
		description: 'Every event, including types Telnyx adds in future',
	},
	...VOICE_EVENTS.map((event) => ({
		name: event.name,
		value: event.type,
		action: pickerAction(event.name),
		description: `${event.description} (${event.type})`,
	})),
].sort((a, b) => a.name.localeCompare(b.name));

/**
 * Whether an event type is among the selected values. All Events accepts any type, including
 * unknown ones; an empty selection accepts none.
 */
export function isEventSelected(selected: unknown, eventType: unknown): boolean {
	if (!Array.isArray(selected) || typeof eventType !== 'string') return false;
	return selected.includes(ALL_EVENTS) || selected.includes(eventType);
}
