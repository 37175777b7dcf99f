import type {
	BooleanField,
	Choice,
	FieldSpec,
	JsonField,
	NumberField,
	OptionsField,
	ResourceSpec,
	StringField,
} from '../catalogue/types';
import {
	applicationLocator,
	callControlId,
	clientState,
	commandId,
	customHeaders,
	sipHeaders,
} from './common';
import {
	conferenceConfig,
	deepfakeDetection,
	dialogflowConfig,
	inSection,
	machineDetectionConfig,
	sections,
	soundModifications,
	transcriptionConfig,
	webhookRetries,
	webhookUrls,
} from './callSetup';
import { VOICE_EVENTS } from '../../TelnyxTrigger/events';
import { languageChoices } from './languages';
import {
	audioFormats,
	audioUrl,
	customFileName,
	gatherId,
	initialTimeout,
	interDigitTimeout,
	invalidAudioUrl,
	invalidMediaName,
	maximumTries,
	mediaName,
	playBeep,
	playbackLoop,
	recordingId,
	keepAfterHangup,
	maxQueueSize,
	queueName,
	payloadType,
	recordingFormat,
	recordingTrim,
	speakLanguage,
	speakText,
	speakVoice,
	voiceSettings,
} from './shared';

/**
 * Fields that recur across call operations. Spread one and override its description where an
 * operation words it differently.
 */

/** Option lists that several fields offer. */
const httpMethods: Choice[] = [
	{ name: 'GET', value: 'GET' },
	{ name: 'POST', value: 'POST' },
];

const callTracks: Choice[] = [
	{ name: 'Both', value: 'both' },
	{ name: 'Inbound', value: 'inbound', description: 'Audio this leg receives' },
	{ name: 'Outbound', value: 'outbound', description: 'Audio this leg sends' },
];

const streamTracks: Choice[] = [
	{ name: 'Inbound Track', value: 'inbound_track', description: 'Audio this leg receives' },
	{ name: 'Outbound Track', value: 'outbound_track', description: 'Audio this leg sends' },
	{ name: 'Both Tracks', value: 'both_tracks' },
];

const targetLegs: Choice[] = [
	{ name: 'Both', value: 'both' },
	{ name: 'Self', value: 'self', description: 'This leg only' },
	{ name: 'Opposite', value: 'opposite', description: 'The other leg only' },
];

const streamCodecs: Choice[] = [
	{ name: 'PCMU', value: 'PCMU' },
	{ name: 'PCMA', value: 'PCMA' },
	{ name: 'G722', value: 'G722' },
	{ name: 'OPUS', value: 'OPUS' },
	{ name: 'AMR-WB', value: 'AMR-WB' },
	{ name: 'L16', value: 'L16' },
];

const recordingChannels: Choice[] = [
	{ name: 'Single', value: 'single', description: 'Mono, all parties mixed' },
	{ name: 'Dual', value: 'dual', description: 'Stereo, one side per channel' },
];

const supervisorRoles: Choice[] = [
	{ name: 'Barge', value: 'barge', description: 'Heard by both parties' },
	{ name: 'Monitor', value: 'monitor', description: 'Heard by nobody' },
	{ name: 'Whisper', value: 'whisper', description: 'Heard by the supervised leg only' },
];

const interruptModes: Choice[] = [
	{ name: 'None', value: 'none' },
	{ name: 'Any', value: 'any', description: 'Speech or key presses' },
	{ name: 'Speech', value: 'speech' },
	{ name: 'DTMF', value: 'dtmf', description: 'Key presses' },
];

const transcriptionEngines: Choice[] = [
	{ name: 'Google', value: 'Google' },
	{ name: 'Telnyx', value: 'Telnyx' },
	{ name: 'Deepgram', value: 'Deepgram' },
	{ name: 'Azure', value: 'Azure' },
	{ name: 'xAI', value: 'xAI' },
	{ name: 'AssemblyAI', value: 'AssemblyAI' },
	{ name: 'Speechmatics', value: 'Speechmatics' },
	{ name: 'Soniox', value: 'Soniox' },
	{ name: 'A (Legacy Google)', value: 'A' },
	{ name: 'B (Legacy Telnyx)', value: 'B' },
];

/** How a new or answered call is set up: Dial shares these with Answer or Transfer. */
const answeringMachineDetection: OptionsField = {
	type: 'options',
	key: 'answering_machine_detection',
	displayName: 'Answering Machine Detection',
	description: 'Person or machine; reported in a call.machine webhook',
	options: [
		{ name: 'Premium', value: 'premium', description: 'Finer results, such as fax or business' },
		{ name: 'Detect', value: 'detect' },
		{ name: 'Detect Beep', value: 'detect_beep' },
		{ name: 'Detect Words', value: 'detect_words' },
		{ name: 'Greeting End', value: 'greeting_end' },
		{ name: 'Disabled', value: 'disabled' },
	],
};

const machineDetection = inSection(sections.machineDetection, [
	answeringMachineDetection,
	...machineDetectionConfig,
]);

const assistant: JsonField = {
	type: 'json',
	key: 'assistant',
	displayName: 'AI Assistant',
	description: 'Telnyx AI assistant to run; at least its ID',
	hint: 'e.g. {"id": "assistant-8c6a1f2e"}',
	shape: 'object',
};

const billingGroupId: StringField = {
	type: 'string',
	key: 'billing_group_id',
	displayName: 'Billing Group ID',
	description: 'Billing group charged for the call',
	placeholder: 'e.g. f5586561-8ff0-4291-a0ac-84fe544797bd',
};

const conversationRelayConfig: JsonField = {
	type: 'json',
	key: 'conversation_relay_config',
	displayName: 'Conversation Relay Config',
	description: 'Relay to start; at least its WebSocket URL',
	hint: 'e.g. {"url": "wss://relay.example.com/session"}',
	shape: 'object',
};

const diversion: StringField = {
	type: 'string',
	key: 'diversion',
	displayName: 'Diversion Number',
	description: 'For forwarding: the number the inbound call was made to',
	placeholder: 'e.g. +13125550123',
	format: 'phone',
};

const fromDisplayName: StringField = {
	type: 'string',
	key: 'from_display_name',
	displayName: 'From Display Name',
	description: 'Up to 128 letters, digits, spaces or -_~!.+',
};

const mediaEncryption: OptionsField = {
	type: 'options',
	key: 'media_encryption',
	displayName: 'Media Encryption',
	description: 'Overrides ";secure=" on a SIP URI',
	options: [
		{ name: 'Disabled', value: 'disabled' },
		{ name: 'SRTP', value: 'SRTP' },
		{ name: 'DTLS', value: 'DTLS' },
	],
};

const preferredCodecs: StringField = {
	type: 'string',
	key: 'preferred_codecs',
	displayName: 'Preferred Codecs',
	description: 'Best first, from G722, PCMU, PCMA, G729, OPUS, VP8, H264, AMR-WB',
	placeholder: 'e.g. G722,PCMU,PCMA',
};

const privacy: OptionsField = {
	type: 'options',
	key: 'privacy',
	displayName: 'Privacy',
	description: 'Caller ID privacy',
	options: [
		{ name: 'None', value: 'none' },
		{ name: 'Hide Caller ID', value: 'id' },
	],
};

const routeToMobile: BooleanField = {
	type: 'boolean',
	key: 'route_to_mobile',
	displayName: 'Route to Mobile',
	description: 'Whether to ring a Telnyx Mobile device directly',
	default: false,
};

const sendDigitsOnAnswer: StringField = {
	type: 'string',
	key: 'send_digits_on_answer',
	displayName: 'Send Digits on Answer',
	description: 'Up to 64 keys; w pauses half a second, W one second',
	placeholder: 'e.g. ww200',
	format: 'dtmf',
};

const sendSilenceWhenIdle: BooleanField = {
	type: 'boolean',
	key: 'send_silence_when_idle',
	displayName: 'Send Silence When Idle',
	description: 'Whether to send silent packets while idle',
};

const sipAuthPassword: StringField = {
	type: 'string',
	key: 'sip_auth_password',
	displayName: 'SIP Auth Password',
	description: 'For a SIP authentication challenge',
	secret: true,
};

const sipAuthUsername: StringField = {
	type: 'string',
	key: 'sip_auth_username',
	displayName: 'SIP Auth Username',
	description: 'For a SIP authentication challenge',
};

const sipRegion: OptionsField = {
	type: 'options',
	key: 'sip_region',
	displayName: 'SIP Region',
	description: 'Region that handles the SIP signalling',
	options: [
		{ name: 'US', value: 'US' },
		{ name: 'Europe', value: 'Europe' },
		{ name: 'Canada', value: 'Canada' },
		{ name: 'Australia', value: 'Australia' },
		{ name: 'Middle East', value: 'Middle East' },
	],
};

const sipTransportProtocol: OptionsField = {
	type: 'options',
	key: 'sip_transport_protocol',
	displayName: 'SIP Transport Protocol',
	description: 'For the SIP signalling',
	options: [
		{ name: 'UDP', value: 'UDP' },
		{ name: 'TCP', value: 'TCP' },
		{ name: 'TLS', value: 'TLS' },
	],
};

const timeLimitSecs: NumberField = {
	type: 'number',
	key: 'time_limit_secs',
	displayName: 'Time Limit (Seconds)',
	description: 'Hang up this long after answer',
	min: 1,
};

const ringTimeout: NumberField = {
	type: 'number',
	key: 'timeout_secs',
	displayName: 'Timeout (Seconds)',
	description: 'How long to ring before giving up',
	min: 5,
	max: 600,
};

const transcription: BooleanField = {
	type: 'boolean',
	key: 'transcription',
	displayName: 'Transcription',
	description: 'Whether to transcribe live from answer',
	default: false,
};

const transcriptionSection = inSection(sections.transcription, [
	transcription,
	...transcriptionConfig,
]);

/** What happens to the legs of a bridge: Bridge, Transfer and Dial. */
const muteDtmf: OptionsField = {
	type: 'options',
	key: 'mute_dtmf',
	displayName: 'Mute DTMF',
	description: 'Legs that do not hear key tones',
	options: [
		{ name: 'Both', value: 'both' },
		{ name: 'None', value: 'none' },
		{ name: 'Self', value: 'self' },
		{ name: 'Opposite', value: 'opposite' },
	],
};

const parkAfterUnbridge: StringField = {
	type: 'string',
	key: 'park_after_unbridge',
	displayName: 'Park After Unbridge',
	description: '"self" parks this leg instead of hanging up after the bridge',
};

const preventDoubleBridge: BooleanField = {
	type: 'boolean',
	key: 'prevent_double_bridge',
	displayName: 'Prevent Double Bridge',
	description: 'Whether to refuse if the other call is already bridged',
	default: false,
};

/** Recording from answer: Dial, Answer, Bridge and Transfer. Start Recording reuses some. */
const record: OptionsField = {
	type: 'options',
	key: 'record',
	displayName: 'Record',
	description: 'Start recording on answer',
	options: [{ name: 'Record From Answer', value: 'record-from-answer' }],
};

const recordChannels: OptionsField = {
	type: 'options',
	key: 'record_channels',
	displayName: 'Record Channels',
	description: 'Mono or stereo',
	options: recordingChannels,
};

const recordCustomFileName: StringField = {
	type: 'string',
	key: 'record_custom_file_name',
	displayName: 'Recording File Name',
	description: 'Replaces the call leg ID; a timestamp is added',
};

const recordFormat: OptionsField = {
	type: 'options',
	key: 'record_format',
	displayName: 'Record Format',
	description: 'Audio file format',
	options: audioFormats,
};

const recordMaxLength: NumberField = {
	type: 'number',
	key: 'record_max_length',
	displayName: 'Record Max Length (Seconds)',
	description: '0 means no limit',
	min: 0,
	max: 43200,
	default: 0,
};

const recordTimeoutSecs: NumberField = {
	type: 'number',
	key: 'record_timeout_secs',
	displayName: 'Record Silence Timeout (Seconds)',
	description: 'Stop after this much silence; 0 is off. Billed as transcription.',
	min: 0,
	default: 0,
};

const recordTrack: OptionsField = {
	type: 'options',
	key: 'record_track',
	displayName: 'Record Track',
	description: 'Side to record; one side is always mono',
	options: callTracks,
};

const recordTrim: OptionsField = {
	...recordingTrim,
	key: 'record_trim',
	displayName: 'Record Trim',
};

const recordFromAnswer: FieldSpec[] = [
	record,
	recordChannels,
	recordCustomFileName,
	recordFormat,
	recordMaxLength,
	recordTimeoutSecs,
	recordTrack,
	recordTrim,
];

const recordingSection = inSection(sections.recording, recordFromAnswer);

/** Dial and Transfer: SIP settings of the new leg. */
const sipSection = inSection(sections.sip, [
	customHeaders,
	mediaEncryption,
	preferredCodecs,
	sipAuthPassword,
	sipAuthUsername,
	sipHeaders,
	sipRegion,
	sipTransportProtocol,
]);

/** Media streaming: Dial, Answer and Start Streaming. */
const enableDialogflow: BooleanField = {
	type: 'boolean',
	key: 'enable_dialogflow',
	displayName: 'Enable Dialogflow',
	description: 'Whether to send the audio to Dialogflow',
	default: false,
};

const streamAuthToken: StringField = {
	type: 'string',
	key: 'stream_auth_token',
	displayName: 'Stream Auth Token',
	description: 'Sent on connect, up to 4,000 characters',
	secret: true,
};

const streamBidirectionalCodec: OptionsField = {
	type: 'options',
	key: 'stream_bidirectional_codec',
	displayName: 'Stream Bidirectional Codec',
	description: 'Codec of the audio you send back; RTP mode only',
	options: streamCodecs,
};

const streamBidirectionalMode: OptionsField = {
	type: 'options',
	key: 'stream_bidirectional_mode',
	displayName: 'Stream Bidirectional Mode',
	description: 'Turns on two-way streaming in this format',
	options: [
		{ name: 'MP3', value: 'mp3' },
		{ name: 'RTP', value: 'rtp' },
	],
};

const streamBidirectionalSamplingRate: OptionsField = {
	type: 'options',
	key: 'stream_bidirectional_sampling_rate',
	displayName: 'Stream Bidirectional Sampling Rate (Hz)',
	description: 'Rate of the audio you send back',
	options: [
		{ name: '8 kHz', value: 8000 },
		{ name: '16 kHz', value: 16000 },
		{ name: '22.05 kHz', value: 22050 },
		{ name: '24 kHz', value: 24000 },
		{ name: '48 kHz', value: 48000 },
	],
};

const streamBidirectionalTargetLegs: OptionsField = {
	type: 'options',
	key: 'stream_bidirectional_target_legs',
	displayName: 'Stream Bidirectional Target Legs',
	description: 'Legs that hear the audio you send back',
	options: targetLegs,
};

const streamCodec: OptionsField = {
	type: 'options',
	key: 'stream_codec',
	displayName: 'Stream Codec',
	description: 'The call codec is kept if unusable',
	options: [...streamCodecs, { name: 'Default', value: 'default', description: 'The call codec' }],
};

const streamTrack: OptionsField = {
	type: 'options',
	key: 'stream_track',
	displayName: 'Stream Track',
	description: 'Side of the call to stream',
	options: streamTracks,
};

const streamUrl: StringField = {
	type: 'string',
	key: 'stream_url',
	displayName: 'Stream URL',
	description: 'WebSocket that receives the audio',
	placeholder: 'e.g. wss://stream.example.com/audio',
	format: 'url',
};

/** Where the webhooks of one call go: Dial, Answer and Transfer. */
const webhookUrl: StringField = {
	type: 'string',
	key: 'webhook_url',
	displayName: 'Webhook URL',
	description: "Replaces the application's webhook URL",
	placeholder: 'e.g. https://example.com/telnyx/webhooks',
	format: 'url',
};

const webhookUrlMethod: OptionsField = {
	type: 'options',
	key: 'webhook_url_method',
	displayName: 'Webhook URL Method',
	description: 'HTTP method for Webhook URL',
	options: httpMethods,
};

const webhookUrlsMethod: OptionsField = {
	type: 'options',
	key: 'webhook_urls_method',
	displayName: 'Webhook URLs Method',
	description: 'HTTP method for Webhook URLs by Event',
	options: httpMethods,
};

const webhookSection = inSection(sections.webhooks, [
	webhookRetries,
	webhookUrl,
	webhookUrlMethod,
	webhookUrls,
	webhookUrlsMethod,
]);

/** Audio to play: Start Playback, Speak, and the audio other operations play first. */

const stop: StringField = {
	type: 'string',
	key: 'stop',
	displayName: 'Stop',
	description: 'First stop the "current" audio, or "all" and clear the queue',
};

/** AI assistants and agents. */
const greeting: StringField = {
	type: 'string',
	key: 'greeting',
	displayName: 'Greeting',
	description: 'Said first, up to 3,000 characters; SSML for Polly voices',
	rows: 2,
};

const interruptionSettings: JsonField = {
	type: 'json',
	key: 'interruption_settings',
	displayName: 'Interruption Settings',
	description: 'Whether the caller can talk over the assistant',
	placeholder: 'e.g. {"enable": true}',
	shape: 'object',
};

const messageHistory: JsonField = {
	type: 'json',
	key: 'message_history',
	displayName: 'Message History',
	description: 'Earlier messages to start the conversation with',
	placeholder: 'e.g. [{"role": "user", "content": "Hi"}]',
	shape: 'array',
};

const sendMessageHistoryUpdates: BooleanField = {
	type: 'boolean',
	key: 'send_message_history_updates',
	displayName: 'Send Message History Updates',
	description: 'Whether to send the history in a webhook on each change',
};

const aiTranscription: JsonField = {
	type: 'json',
	key: 'transcription',
	displayName: 'Transcription',
	description: 'Speech-to-text settings; native-audio models ignore them',
	placeholder: 'e.g. {"model": "deepgram/nova-3"}',
	shape: 'object',
};

const aiVoice: StringField = {
	type: 'string',
	key: 'voice',
	displayName: 'Voice',
	description: 'An AWS Polly, Telnyx or ElevenLabs voice',
	placeholder: 'e.g. AWS.Polly.Joanna-Neural',
};

/** Collecting key presses: the gather operations and Collect Payment. */

const maximumDigits: NumberField = {
	type: 'number',
	key: 'maximum_digits',
	displayName: 'Maximum Digits',
	description: 'Most digits to collect',
	min: 1,
	max: 128,
};

const minimumDigits: NumberField = {
	type: 'number',
	key: 'minimum_digits',
	displayName: 'Minimum Digits',
	description: 'Fewest digits to collect',
	min: 1,
	max: 128,
};

const terminatingDigit: StringField = {
	type: 'string',
	key: 'terminating_digit',
	displayName: 'Terminating Digit',
	description: 'Key that ends the input early',
	placeholder: 'e.g. #',
	format: 'dtmf',
};

const gatherTimeout: NumberField = {
	type: 'number',
	key: 'timeout_millis',
	displayName: 'Timeout (Milliseconds)',
	description: 'Limit for the whole gather',
	min: 0,
};

/** Gather Using Audio and Gather Using Speak: the wait before the prompt is repeated. */
const promptTimeout: NumberField = {
	...gatherTimeout,
	description: 'Wait after the prompt before repeating it',
};

const validDigits: StringField = {
	type: 'string',
	key: 'valid_digits',
	displayName: 'Valid Digits',
	description: 'Keys that count as valid input',
	placeholder: 'e.g. 123#',
	format: 'dtmf',
};

const serviceLevel: OptionsField = {
	type: 'options',
	key: 'service_level',
	displayName: 'Service Level',
	description: 'Basic allows only en-US plain text',
	options: [
		{ name: 'Premium', value: 'premium' },
		{ name: 'Basic', value: 'basic' },
	],
};

/** Recording and transcription commands. */

const transcriptionEngine: OptionsField = {
	type: 'options',
	key: 'transcription_engine',
	displayName: 'Transcription Engine',
	description: 'Speech-to-text provider',
	options: transcriptionEngines,
};

const transcriptionEngineConfig: JsonField = {
	type: 'json',
	key: 'transcription_engine_config',
	displayName: 'Transcription Engine Config',
	description: 'Settings specific to the chosen engine',
	placeholder: 'e.g. {"interim_results": true}',
	shape: 'object',
};

/**
 * The events of one call leg (no conference events), for Wait for Event. Their names read as
 * event names; the trigger node carries the longer descriptions.
 */
const callEventChoices: Choice[] = VOICE_EVENTS.filter(
	(event) => !event.type.startsWith('conference.'),
).map(({ name, type }) => ({ name, value: type }));

export const call: ResourceSpec = {
	value: 'call',
	name: 'Call',
	operations: [
		{
			value: 'dial',
			name: 'Dial',
			action: 'Dial a number or SIP URI',
			description: 'Place an outbound call to a number or SIP URI',
			method: 'POST',
			path: '/calls',
			waitFor: [
				'call.answered',
				'call.machine.detection.ended',
				'call.machine.premium.detection.ended',
				'call.machine.greeting.ended',
				'call.machine.premium.greeting.ended',
			],
			fields: [
				{
					type: 'string',
					key: 'connection_id',
					displayName: 'Connection ID',
					description: 'Call Control application that places the call',
					required: true,
					placeholder: 'e.g. 1494404757140276705',
					locator: applicationLocator,
				},
				{
					type: 'string',
					key: 'from',
					displayName: 'From',
					description: 'Caller ID the callee sees',
					required: true,
					placeholder: 'e.g. +13125550100',
					format: 'phoneOrSip',
				},
				{
					type: 'list',
					key: 'to',
					displayName: 'To',
					description: 'Number or SIP URI; separate several with commas to ring all',
					required: true,
					placeholder: 'e.g. +13125550123',
					format: 'phoneOrSip',
					oneOrMany: true,
				},
				...machineDetection,
				assistant,
				audioUrl,
				billingGroupId,
				...inSection(sections.bridging, [
					{
						type: 'boolean',
						key: 'bridge_intent',
						displayName: 'Bridge Intent',
						description: 'Whether to bridge with Link To later, using its caller ID',
					},
					{
						type: 'boolean',
						key: 'bridge_on_answer',
						displayName: 'Bridge on Answer',
						description: 'Whether to bridge with Link To on answer',
					},
					{
						type: 'string',
						key: 'link_to',
						displayName: 'Link To Call Control ID',
						description: 'Another call to share a session with',
					},
					parkAfterUnbridge,
					preventDoubleBridge,
					{
						type: 'string',
						key: 'supervise_call_control_id',
						displayName: 'Supervise Call Control ID',
						description: 'Call that the new call supervises',
					},
					{
						type: 'options',
						key: 'supervisor_role',
						displayName: 'Supervisor Role',
						description: 'How the new call joins the supervised one',
						options: supervisorRoles,
					},
				]),
				clientState,
				commandId,
				...inSection(sections.conference, conferenceConfig),
				conversationRelayConfig,
				...inSection(sections.deepfake, deepfakeDetection),
				diversion,
				fromDisplayName,
				mediaName,
				privacy,
				...recordingSection,
				{
					type: 'boolean',
					key: 'retry_on_timeout',
					displayName: 'Retry on Timeout',
					description: 'Whether to try other routes when Timeout is reached',
				},
				routeToMobile,
				sendDigitsOnAnswer,
				sendSilenceWhenIdle,
				...sipSection,
				...inSection(sections.sound, soundModifications),
				...inSection(sections.streaming, [
					...dialogflowConfig,
					enableDialogflow,
					streamAuthToken,
					streamBidirectionalCodec,
					streamBidirectionalMode,
					streamBidirectionalSamplingRate,
					streamBidirectionalTargetLegs,
					streamCodec,
					{
						type: 'boolean',
						key: 'stream_establish_before_call_originate',
						displayName: 'Connect Stream Before Dialing',
						description: 'Whether to open the stream before dialing',
					},
					streamTrack,
					streamUrl,
				]),
				timeLimitSecs,
				ringTimeout,
				...transcriptionSection,
				...webhookSection,
			],
		},
		{
			value: 'getStatus',
			name: 'Get Status',
			action: 'Get the status of a call',
			description: 'Get the live state of a call leg, up to ten minutes after it ends',
			method: 'GET',
			path: '/calls/{call_control_id}',
			fields: [callControlId],
		},
		{
			value: 'startAiAssistant',
			name: 'Start AI Assistant',
			action: 'Start an AI assistant on a call',
			description: 'Let a Telnyx AI assistant talk with the caller',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/ai_assistant_start',
			waitFor: ['call.conversation.ended'],
			fields: [
				callControlId,
				assistant,
				clientState,
				commandId,
				greeting,
				interruptionSettings,
				messageHistory,
				{
					type: 'json',
					key: 'participants',
					displayName: 'Participants',
					description: 'Other call legs to join the conversation',
					hint: 'e.g. [{"id": "v3:T02llQxIyaRk", "role": "user"}]',
					shape: 'array',
				},
				sendMessageHistoryUpdates,
				aiTranscription,
			],
		},
		{
			value: 'stopAiAssistant',
			name: 'Stop AI Assistant',
			action: 'Stop the AI assistant on a call',
			description: 'End the AI assistant session and keep the call up',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/ai_assistant_stop',
			fields: [callControlId, clientState, commandId],
		},
		{
			value: 'answer',
			name: 'Answer',
			action: 'Answer an incoming call',
			description: 'Pick up an incoming call, before any other command on it',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/answer',
			waitFor: ['call.answered'],
			fields: [
				callControlId,
				assistant,
				billingGroupId,
				clientState,
				commandId,
				conversationRelayConfig,
				...inSection(sections.deepfake, deepfakeDetection),
				...recordingSection,
				sendSilenceWhenIdle,
				...inSection(sections.sip, [
					customHeaders,
					{
						...preferredCodecs,
						description: 'Best first, from G722, PCMU, PCMA, G729, OPUS, VP8, H264',
					},
					sipHeaders,
				]),
				...inSection(sections.sound, soundModifications),
				...inSection(sections.streaming, [
					streamBidirectionalCodec,
					streamBidirectionalMode,
					streamBidirectionalTargetLegs,
					streamCodec,
					streamTrack,
					streamUrl,
				]),
				...transcriptionSection,
				...webhookSection,
			],
		},
		{
			value: 'bridge',
			name: 'Bridge',
			action: 'Bridge two calls',
			description: 'Connect two call legs so the parties can talk',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/bridge',
			waitFor: ['call.bridged'],
			fields: [
				callControlId,
				{
					// On the wire the other leg is `call_control_id` in the body, beside the path's own.
					type: 'string',
					key: 'call_control_id',
					in: 'body',
					param: 'callControlIdToBridgeWith',
					displayName: 'Call Control ID to Bridge With',
					description: 'The other call leg',
					required: true,
				},
				clientState,
				commandId,
				{
					type: 'boolean',
					key: 'hold_after_unbridge',
					displayName: 'Hold After Unbridge',
					description: 'Whether to hold this leg, not hang up, after the bridge',
				},
				muteDtmf,
				parkAfterUnbridge,
				{
					type: 'boolean',
					key: 'play_ringtone',
					displayName: 'Play Ringtone',
					description: 'Whether to play ringback until the other call answers',
				},
				preventDoubleBridge,
				{
					type: 'string',
					key: 'queue',
					displayName: 'Queue',
					description: 'Bridge its first call, which leaves it even on failure',
				},
				...recordingSection,
				{
					type: 'options',
					key: 'ringtone',
					displayName: 'Ringtone',
					description: 'Ringback tone by country; US when not set',
					options: [
						{ name: 'Bulgaria', value: 'bg' },
						{ name: 'Malaysia', value: 'my' },
						{ name: 'Netherlands', value: 'nl' },
						{ name: 'Finland', value: 'fi' },
						{ name: 'France', value: 'fr' },
						{ name: 'Germany', value: 'de' },
						{ name: 'Hungary', value: 'hu' },
						{ name: 'Italy', value: 'it' },
						{ name: 'Lithuania', value: 'lt' },
						{ name: 'Norway', value: 'no' },
						{ name: 'Poland', value: 'pl' },
						{ name: 'Portugal', value: 'pt' },
						{ name: 'Russia', value: 'ru' },
						{ name: 'Spain', value: 'es' },
						{ name: 'Thailand', value: 'th' },
						{ name: 'United Kingdom', value: 'uk' },
						{ name: 'Venezuela', value: 've' },
						{ name: 'Brazil', value: 'br' },
						{ name: 'Belgium', value: 'be' },
						{ name: 'Austria', value: 'at' },
						{ name: 'Australia', value: 'au' },
						{ name: 'Switzerland', value: 'ch' },
						{ name: 'Chile', value: 'cl' },
						{ name: 'China', value: 'cn' },
						{ name: 'Czechia', value: 'cz' },
						{ name: 'Denmark', value: 'dk' },
						{ name: 'Estonia', value: 'ee' },
						{ name: 'Greece', value: 'gr' },
						{ name: 'Israel', value: 'il' },
						{ name: 'India', value: 'in' },
						{ name: 'Japan', value: 'jp' },
						{ name: 'Mexico', value: 'mx' },
						{ name: 'New Zealand', value: 'nz' },
						{ name: 'Philippines', value: 'ph' },
						{ name: 'Sweden', value: 'se' },
						{ name: 'Singapore', value: 'sg' },
						{ name: 'Taiwan', value: 'tw' },
						{ name: 'United States (Old)', value: 'us-old' },
						{ name: 'United States', value: 'us' },
						{ name: 'South Africa', value: 'za' },
					],
				},
				{
					type: 'string',
					key: 'video_room_context',
					displayName: 'Video Room Context',
					description: 'Text for the video room, such as a name',
				},
				{
					type: 'string',
					key: 'video_room_id',
					displayName: 'Video Room ID',
					description: 'Video room to bridge into instead of a call',
					placeholder: 'e.g. 0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
				},
			],
		},
		{
			value: 'updateClientState',
			name: 'Update Client State',
			action: 'Replace the client state of a call',
			description: "Replace the client state echoed in this call's webhooks",
			method: 'PUT',
			path: '/calls/{call_control_id}/actions/client_state_update',
			fields: [callControlId, { ...clientState, required: true }],
		},
		{
			value: 'enqueue',
			name: 'Enqueue',
			action: 'Put a call in a queue',
			description: 'Put the call in a queue until it is bridged or removed',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/enqueue',
			waitFor: ['call.enqueued'],
			fields: [
				callControlId,
				{
					...queueName,
					description: 'Created if it does not exist',
				},
				clientState,
				commandId,
				keepAfterHangup,
				{
					...maxQueueSize,
					displayName: 'Max Queue Size',
					description: 'Only used when the queue is created',
				},
				{
					type: 'number',
					key: 'max_wait_time_secs',
					displayName: 'Max Wait Time (Seconds)',
					description: 'Remove the call from the queue after this long',
					min: 1,
				},
			],
		},
		{
			value: 'startFork',
			name: 'Start Forking',
			action: 'Start forking call media',
			description: "Copy the call's media in real time to UDP targets",
			method: 'POST',
			path: '/calls/{call_control_id}/actions/fork_start',
			waitFor: ['call.fork.started'],
			fields: [
				callControlId,
				clientState,
				commandId,
				{
					type: 'string',
					key: 'rx',
					displayName: 'RX Target',
					description: 'Target for the media this leg receives',
					placeholder: 'e.g. udp:192.0.2.10:9000',
				},
				{
					type: 'options',
					key: 'stream_type',
					displayName: 'Stream Type',
					description: 'Decrypted requires RX Target and TX Target',
					options: [{ name: 'Decrypted', value: 'decrypted' }],
				},
				{
					type: 'string',
					key: 'tx',
					displayName: 'TX Target',
					description: 'Target for the media this leg sends',
					placeholder: 'e.g. udp:192.0.2.10:9001',
				},
			],
		},
		{
			value: 'stopFork',
			name: 'Stop Forking',
			action: 'Stop forking call media',
			description: 'Stop copying the call media',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/fork_stop',
			waitFor: ['call.fork.stopped'],
			fields: [
				callControlId,
				clientState,
				commandId,
				{
					type: 'options',
					key: 'stream_type',
					displayName: 'Stream Type',
					description: 'As given when forking started',
					options: [
						{ name: 'Decrypted', value: 'decrypted' },
						{ name: 'Raw', value: 'raw' },
					],
				},
			],
		},
		{
			value: 'gather',
			name: 'Gather',
			action: 'Collect DTMF digits on a call',
			description: 'Collect the keys the caller presses',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/gather',
			waitFor: ['call.gather.ended'],
			fields: [
				callControlId,
				clientState,
				commandId,
				gatherId,
				initialTimeout,
				interDigitTimeout,
				maximumDigits,
				minimumDigits,
				terminatingDigit,
				gatherTimeout,
				validDigits,
			],
		},
		{
			value: 'stopGather',
			name: 'Stop Gather',
			action: 'Stop collecting input on a call',
			description: 'Cancel the gather running on the call',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/gather_stop',
			waitFor: ['call.gather.ended'],
			fields: [callControlId, clientState, commandId],
		},
		{
			value: 'gatherUsingAi',
			name: 'Gather Using AI',
			action: 'Collect structured answers with an AI voice agent',
			description: 'Let an AI agent collect the fields of a JSON Schema',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/gather_using_ai',
			waitFor: ['call.ai_gather.ended'],
			fields: [
				callControlId,
				{
					type: 'json',
					key: 'parameters',
					displayName: 'Parameters',
					description: 'JSON Schema of what to collect',
					required: true,
					placeholder: 'e.g. {"type": "object", "properties": {"name": {"type": "string"}}}',
					shape: 'object',
				},
				{
					type: 'json',
					key: 'assistant',
					displayName: 'Assistant',
					description: 'Agent settings, such as model, instructions and tools',
					placeholder: 'e.g. {"instructions": "Be brief"}',
					shape: 'object',
				},
				clientState,
				commandId,
				{
					type: 'string',
					key: 'gather_ended_speech',
					displayName: 'Closing Speech',
					description: 'Said once all is collected, up to 3,000 characters',
					rows: 2,
				},
				greeting,
				interruptionSettings,
				{
					type: 'options',
					key: 'language',
					displayName: 'Language',
					description: 'Language the agent listens for',
					placeholder: 'e.g. en',
					search: 'searchAgentLanguages',
					options: languageChoices(
						'id af sq am ar hy az eu bn bs bg my ca yue zh hr cs da nl en et fil fi fr gl ka de el gu iw hi hu is it ja jv kn kk km ko lo lv lt mk ms ml mr mn ne no fa pl pt pa ro ru rw sr si sk sl ss st es su sw sv ta te th tn tr ts uk ur uz ve vi xh zu',
					),
				},
				messageHistory,
				{ ...sendMessageHistoryUpdates, default: false },
				{
					type: 'boolean',
					key: 'send_partial_results',
					displayName: 'Send Partial Results',
					description: 'Whether to send a webhook as each field is collected',
					default: false,
				},
				aiTranscription,
				{
					type: 'number',
					key: 'user_response_timeout_ms',
					displayName: 'User Response Timeout (Milliseconds)',
					description: "Wait for the caller's reply",
					min: 0,
				},
				aiVoice,
				voiceSettings,
			],
		},
		{
			value: 'gatherUsingAudio',
			name: 'Gather Using Audio',
			action: 'Play audio and collect DTMF digits',
			description: 'Play an audio prompt and collect key presses',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/gather_using_audio',
			waitFor: ['call.gather.ended'],
			fields: [
				callControlId,
				audioUrl,
				clientState,
				commandId,
				interDigitTimeout,
				invalidAudioUrl,
				invalidMediaName,
				maximumDigits,
				maximumTries,
				mediaName,
				minimumDigits,
				terminatingDigit,
				promptTimeout,
				validDigits,
			],
		},
		{
			value: 'gatherUsingSpeak',
			name: 'Gather Using Speak',
			action: 'Speak text and collect DTMF digits',
			description: 'Read out a prompt and collect key presses',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/gather_using_speak',
			waitFor: ['call.gather.ended'],
			fields: [
				callControlId,
				speakText,
				speakVoice,
				clientState,
				commandId,
				interDigitTimeout,
				{
					type: 'string',
					key: 'invalid_payload',
					displayName: 'Invalid Input Text',
					description: 'Read out on invalid input, up to 3,000 characters',
					rows: 2,
				},
				speakLanguage,
				maximumDigits,
				maximumTries,
				minimumDigits,
				payloadType,
				serviceLevel,
				terminatingDigit,
				promptTimeout,
				validDigits,
				voiceSettings,
			],
		},
		{
			value: 'hangup',
			name: 'Hang Up',
			action: 'Hang up a call',
			description: 'End the call leg',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/hangup',
			waitFor: ['call.hangup'],
			fields: [callControlId, clientState, commandId, customHeaders],
		},
		{
			value: 'leaveQueue',
			name: 'Leave Queue',
			action: 'Take a call out of its queue',
			description: 'Take the call out of its queue without ending it',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/leave_queue',
			waitFor: ['call.dequeued'],
			fields: [callControlId, clientState, commandId],
		},
		{
			value: 'startPlayback',
			name: 'Start Playback',
			action: 'Play audio on a call',
			description: 'Queue audio to play on the call',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/playback_start',
			waitFor: ['call.playback.ended'],
			fields: [
				callControlId,
				{
					type: 'options',
					key: 'audio_type',
					displayName: 'Audio Type',
					description: 'Format of Audio URL or Audio Content',
					options: audioFormats,
				},
				audioUrl,
				{
					type: 'boolean',
					key: 'cache_audio',
					displayName: 'Cache Audio',
					description: 'Whether to cache the file',
				},
				clientState,
				commandId,
				playbackLoop,
				mediaName,
				{
					type: 'boolean',
					key: 'overlay',
					displayName: 'Overlay',
					description: 'Whether to mix it over playing audio (this leg only)',
				},
				{
					type: 'string',
					key: 'playback_content',
					displayName: 'Audio Content (Base64)',
					description: 'MP3 or WAV, instead of a file',
					rows: 2,
				},
				stop,
				{
					type: 'string',
					key: 'target_legs',
					displayName: 'Target Legs',
					description: 'Who hears it: self, opposite or both',
				},
			],
		},
		{
			value: 'stopPlayback',
			name: 'Stop Playback',
			action: 'Stop audio playing on a call',
			description: 'Stop the audio or clear its queue',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/playback_stop',
			waitFor: ['call.playback.ended'],
			fields: [
				callControlId,
				clientState,
				commandId,
				{
					type: 'boolean',
					key: 'overlay',
					displayName: 'Overlay',
					description: 'Whether to stop the overlay audio instead',
				},
				{
					type: 'string',
					key: 'stop',
					displayName: 'Stop',
					description: '"current" skips to the next audio; "all" also clears the queue',
				},
			],
		},
		{
			value: 'pauseRecording',
			name: 'Pause Recording',
			action: 'Pause the recording of a call',
			description: 'Pause the call recording',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/record_pause',
			fields: [callControlId, clientState, commandId, recordingId],
		},
		{
			value: 'resumeRecording',
			name: 'Resume Recording',
			action: 'Resume the recording of a call',
			description: 'Continue a paused recording',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/record_resume',
			fields: [callControlId, clientState, commandId, recordingId],
		},
		{
			value: 'startRecording',
			name: 'Start Recording',
			action: 'Start recording a call',
			description: 'Record the call until stopped or hung up',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/record_start',
			waitFor: ['call.recording.saved', 'call.recording.error'],
			fields: [
				callControlId,
				{
					type: 'options',
					key: 'channels',
					displayName: 'Channels',
					description: 'Mono or stereo file',
					required: true,
					default: 'single',
					options: recordingChannels,
				},
				recordingFormat,
				clientState,
				commandId,
				customFileName,
				{
					type: 'number',
					key: 'max_length',
					displayName: 'Max Length (Seconds)',
					description: '0 means no limit',
					min: 0,
					max: 14400,
					default: 0,
				},
				playBeep,
				{ ...recordTrack, key: 'recording_track', displayName: 'Recording Track' },
				{ ...recordTimeoutSecs, key: 'timeout_secs', displayName: 'Silence Timeout (Seconds)' },
				{
					type: 'boolean',
					key: 'transcription',
					displayName: 'Transcription',
					description: 'Whether to transcribe the recording',
					default: false,
				},
				{
					type: 'options',
					key: 'transcription_engine',
					displayName: 'Transcription Engine',
					description: 'Deepgram Nova-3 is English only',
					options: [
						{ name: 'Google', value: 'A' },
						{ name: 'Telnyx', value: 'B' },
						{ name: 'Deepgram Nova-3', value: 'deepgram/nova-3' },
					],
				},
				{
					type: 'options',
					key: 'transcription_language',
					displayName: 'Transcription Language',
					description: 'Support varies by engine',
					placeholder: 'e.g. en-US',
					search: 'searchRecordingLanguages',
					options: languageChoices(
						'id af sq am ar hy az eu bn bs bg my ca zh hr cs da nl en et fi fr gl ka de el gu hi hu is it ja kn kk km ko lo lv lt mk ms ml mr mn ne no fa pl pt pa ro ru sr si sk sl es su sw sv ta te th tr uk ur uz vi he la mi cy br sn yo so oc be tg sd yi fo ht ps tk nn mt sa lb bo tl mg as tt haw ln ha ba jw auto_detect zh-TW da-DK nl-BE en-US en-AU en-GB en-NZ en-IN fr-CA de-CH ko-KR pt-BR pt-PT es-419 sv-SE th-TH de-DE es-ES es-MX es-US fr-FR hi-IN is-IS it-IT ja-JP nl-NL pl-PL ro-RO ru-RU tr-TR af-ZA am-ET ar-AE ar-BH ar-DZ ar-EG ar-IL ar-IQ ar-JO ar-KW ar-LB ar-MA ar-MR ar-OM ar-PS ar-QA ar-SA ar-TN ar-YE az-AZ bg-BG bn-BD bn-IN bs-BA ca-ES cs-CZ de-AT el-GR en-CA en-GH en-HK en-IE en-KE en-NG en-PH en-PK en-SG en-TZ en-ZA es-AR es-BO es-CL es-CO es-CR es-DO es-EC es-GT es-HN es-NI es-PA es-PE es-PR es-PY es-SV es-UY es-VE et-EE eu-ES fa-IR fi-FI fil-PH fr-BE fr-CH gl-ES gu-IN hr-HR hu-HU hy-AM id-ID it-CH iw-IL jv-ID ka-GE kk-KZ km-KH kn-IN lo-LA lt-LT lv-LV mk-MK ml-IN mn-MN mr-IN ms-MY my-MM ne-NP no-NO pa-Guru-IN rw-RW si-LK sk-SK sl-SI sq-AL sr-RS ss-latn-za st-ZA su-ID sw-KE sw-TZ ta-IN ta-LK ta-MY ta-SG te-IN tn-latn-za ts-ZA uk-UA ur-IN ur-PK uz-UZ ve-ZA vi-VN xh-ZA yue-Hant-HK zu-ZA',
					),
				},
				{
					type: 'number',
					key: 'transcription_max_speaker_count',
					displayName: 'Transcription Max Speaker Count',
					description: 'Google only',
					min: 1,
				},
				{
					type: 'number',
					key: 'transcription_min_speaker_count',
					displayName: 'Transcription Min Speaker Count',
					description: 'Google only',
					min: 1,
				},
				{
					type: 'boolean',
					key: 'transcription_profanity_filter',
					displayName: 'Transcription Profanity Filter',
					description: 'Whether to mask profanity (Google only)',
				},
				{
					type: 'boolean',
					key: 'transcription_speaker_diarization',
					displayName: 'Transcription Speaker Diarization',
					description: 'Whether to label speakers (Google only)',
				},
				recordingTrim,
			],
		},
		{
			value: 'stopRecording',
			name: 'Stop Recording',
			action: 'Stop recording a call',
			description: 'Stop recording the call',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/record_stop',
			waitFor: ['call.recording.saved'],
			fields: [callControlId, clientState, commandId, recordingId],
		},
		{
			value: 'refer',
			name: 'Refer',
			action: 'Send a SIP REFER on a call',
			description: 'Ask the far end to call another SIP address',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/refer',
			waitFor: ['call.refer.completed', 'call.refer.failed'],
			fields: [
				callControlId,
				{
					type: 'string',
					key: 'sip_address',
					displayName: 'SIP Address',
					description: 'Where to refer the call',
					required: true,
					placeholder: 'e.g. sip:agent@example.com',
					format: 'phoneOrSip',
				},
				clientState,
				commandId,
				customHeaders,
				sipAuthPassword,
				sipAuthUsername,
				sipHeaders,
			],
		},
		{
			value: 'reject',
			name: 'Reject',
			action: 'Reject an incoming call',
			description: 'Decline an incoming call',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/reject',
			waitFor: ['call.hangup'],
			fields: [
				callControlId,
				{
					type: 'options',
					key: 'cause',
					displayName: 'Cause',
					description: 'Reason sent to the caller',
					required: true,
					default: 'CALL_REJECTED',
					options: [
						{ name: 'Call Rejected', value: 'CALL_REJECTED' },
						{ name: 'User Busy', value: 'USER_BUSY' },
					],
				},
				clientState,
				commandId,
			],
		},
		{
			value: 'sendDtmf',
			name: 'Send DTMF',
			action: 'Send DTMF tones on a call',
			description: 'Send key tones to the other party',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/send_dtmf',
			fields: [
				callControlId,
				{
					type: 'string',
					key: 'digits',
					displayName: 'Digits',
					description: '0-9, A-D, * and #; w pauses 0.5 s, W pauses 1 s',
					required: true,
					placeholder: 'e.g. 1234#',
					format: 'dtmf',
				},
				clientState,
				commandId,
				{
					type: 'number',
					key: 'duration_millis',
					displayName: 'Digit Duration (Milliseconds)',
					description: 'Length of each tone',
					min: 100,
					max: 500,
				},
			],
		},
		{
			value: 'sendSipInfo',
			name: 'Send SIP INFO',
			action: 'Send a SIP INFO message on a call',
			description: 'Send a SIP INFO message to the far end',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/send_sip_info',
			fields: [
				callControlId,
				{
					type: 'string',
					key: 'body',
					displayName: 'Body',
					description: 'Message content',
					required: true,
					placeholder: 'e.g. Signal=5',
					rows: 4,
				},
				{
					type: 'string',
					key: 'content_type',
					displayName: 'Content Type',
					description: 'MIME type of the body',
					required: true,
					placeholder: 'e.g. application/dtmf-relay',
				},
				clientState,
				commandId,
			],
		},
		{
			value: 'startSiprec',
			name: 'Start SIPREC',
			action: 'Start a SIPREC session on a call',
			description: 'Send call media to a SIPREC server',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/siprec_start',
			waitFor: ['siprec.started', 'siprec.failed'],
			fields: [
				callControlId,
				clientState,
				{
					type: 'string',
					key: 'connector_name',
					displayName: 'Connector Name',
					description: 'Connector to use, by name',
				},
				{
					type: 'boolean',
					key: 'include_metadata_custom_headers',
					displayName: 'Include Metadata Custom Headers',
					description: 'Whether to send custom headers as SIPREC metadata',
				},
				{
					type: 'boolean',
					key: 'secure',
					displayName: 'Secure',
					description: 'Whether to use SRTP and TLS (server port 5061)',
				},
				{
					type: 'number',
					key: 'session_timeout_secs',
					displayName: 'Session Timeout (Seconds)',
					description: '90 or more, or 0 to turn it off',
					min: 0,
				},
				{
					type: 'options',
					key: 'sip_transport',
					displayName: 'SIP Transport',
					description: 'Transport to the recording server',
					options: [
						{ name: 'UDP', value: 'udp' },
						{ name: 'TCP', value: 'tcp' },
						{ name: 'TLS', value: 'tls' },
					],
				},
				{
					type: 'options',
					key: 'siprec_track',
					displayName: 'SIPREC Track',
					description: 'Side of the call to send',
					options: streamTracks,
				},
			],
		},
		{
			value: 'stopSiprec',
			name: 'Stop SIPREC',
			action: 'Stop the SIPREC session on a call',
			description: 'End the SIPREC session',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/siprec_stop',
			waitFor: ['siprec.stopped'],
			fields: [callControlId, clientState, commandId],
		},
		{
			value: 'speak',
			name: 'Speak',
			action: 'Speak text on a call',
			description: 'Queue text to be spoken on the call',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/speak',
			waitFor: ['call.speak.ended'],
			fields: [
				callControlId,
				speakText,
				speakVoice,
				clientState,
				commandId,
				speakLanguage,
				{
					type: 'string',
					key: 'loop',
					displayName: 'Loop',
					description: 'Number of plays, or "infinity"',
					numeric: true,
					default: '1',
				},
				payloadType,
				serviceLevel,
				stop,
				{
					type: 'options',
					key: 'target_legs',
					displayName: 'Target Legs',
					description: 'Who hears the speech',
					options: targetLegs,
				},
				voiceSettings,
			],
		},
		{
			value: 'startStreaming',
			name: 'Start Streaming',
			action: 'Start streaming call audio',
			description: 'Stream call audio to a WebSocket server or Dialogflow',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/streaming_start',
			waitFor: ['streaming.started', 'streaming.failed'],
			fields: [
				callControlId,
				clientState,
				commandId,
				{
					type: 'nameValue',
					key: 'custom_parameters',
					displayName: 'Custom Parameters',
					description: 'Sent to the server on connect',
				},
				...dialogflowConfig,
				enableDialogflow,
				streamAuthToken,
				streamBidirectionalCodec,
				streamBidirectionalMode,
				streamBidirectionalSamplingRate,
				streamBidirectionalTargetLegs,
				streamCodec,
				streamTrack,
				streamUrl,
			],
		},
		{
			value: 'stopStreaming',
			name: 'Stop Streaming',
			action: 'Stop streaming call media',
			description: 'Stop one media stream or all of them',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/streaming_stop',
			waitFor: ['streaming.stopped'],
			fields: [
				callControlId,
				clientState,
				commandId,
				{
					type: 'string',
					key: 'stream_id',
					displayName: 'Stream ID',
					description: 'Empty stops all streams',
				},
			],
		},
		{
			value: 'startNoiseSuppression',
			name: 'Start Noise Suppression',
			action: 'Start noise suppression on a call',
			description: 'Reduce background noise on the call (beta)',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/suppression_start',
			fields: [
				callControlId,
				clientState,
				commandId,
				{
					type: 'options',
					key: 'direction',
					displayName: 'Direction',
					description: 'Which audio to clean up',
					options: callTracks,
				},
				{
					type: 'options',
					key: 'noise_suppression_engine',
					displayName: 'Noise Suppression Engine',
					description: 'Engine that removes the noise',
					options: [
						{ name: 'Denoiser', value: 'Denoiser' },
						{ name: 'DeepFilterNet', value: 'DeepFilterNet' },
						{ name: 'Krisp', value: 'Krisp' },
						{ name: 'AiCoustics', value: 'AiCoustics' },
						{ name: 'AiCoustics L Quail', value: 'aic_l_quail' },
						{ name: 'AiCoustics L Rook', value: 'aic_l_rook' },
						{ name: 'AiCoustics S Quail', value: 'aic_s_quail' },
						{ name: 'AiCoustics S Rook', value: 'aic_s_rook' },
						{ name: 'Quail Voice Focus S', value: 'quail_voice_focus_s' },
						{ name: 'Quail Voice Focus XS', value: 'quail_voice_focus_xs' },
					],
				},
				{
					type: 'json',
					key: 'noise_suppression_engine_config',
					displayName: 'Noise Suppression Engine Config',
					description: 'Settings for the chosen engine',
					placeholder: 'e.g. {"attenuation_limit": 80}',
					shape: 'object',
				},
			],
		},
		{
			value: 'stopNoiseSuppression',
			name: 'Stop Noise Suppression',
			action: 'Stop noise suppression on a call',
			description: 'Turn off noise suppression (beta)',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/suppression_stop',
			fields: [callControlId, clientState, commandId],
		},
		{
			value: 'switchSupervisorRole',
			name: 'Switch Supervisor Role',
			action: 'Switch the supervisor role on a bridged call',
			description: 'Change how a supervisor joins a bridged call',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/switch_supervisor_role',
			fields: [
				callControlId,
				{
					type: 'options',
					key: 'role',
					displayName: 'Role',
					description: 'Role to switch to',
					required: true,
					default: 'monitor',
					options: supervisorRoles,
				},
			],
		},
		{
			value: 'startTranscription',
			name: 'Start Transcription',
			action: 'Start live transcription of a call',
			description: 'Transcribe the call live into call.transcription webhooks',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/transcription_start',
			fields: [
				callControlId,
				clientState,
				commandId,
				{
					...transcriptionEngine,
					options: [
						...transcriptionEngines,
						{ name: 'Parakeet', value: 'Parakeet' },
						{ name: 'Humain', value: 'Humain' },
						{ name: 'Reson8', value: 'Reson8' },
						{ name: 'Cohere', value: 'Cohere' },
					],
				},
				transcriptionEngineConfig,
				{
					type: 'string',
					key: 'transcription_tracks',
					displayName: 'Transcription Tracks',
					description: 'Either inbound (this leg), outbound (other leg) or both',
					default: 'inbound',
				},
			],
		},
		{
			value: 'stopTranscription',
			name: 'Stop Transcription',
			action: 'Stop live transcription of a call',
			description: 'Stop live transcription',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/transcription_stop',
			fields: [callControlId, clientState, commandId],
		},
		{
			value: 'transfer',
			name: 'Transfer',
			action: 'Transfer a call to another destination',
			description: 'Connect the call to a new destination once it answers',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/transfer',
			waitFor: ['call.bridged'],
			fields: [
				callControlId,
				{
					type: 'string',
					key: 'to',
					displayName: 'To',
					description: 'E.164 number or SIP URI',
					required: true,
					placeholder: 'e.g. +13125550123',
					format: 'phoneOrSip',
				},
				...machineDetection,
				audioUrl,
				clientState,
				commandId,
				diversion,
				{
					type: 'boolean',
					key: 'early_media',
					displayName: 'Early Media',
					description: 'Whether the caller hears ringback (early media)',
				},
				{
					type: 'string',
					key: 'from',
					displayName: 'From',
					description: 'Caller ID; defaults to the number originally called',
					placeholder: 'e.g. +13125550100',
					format: 'phoneOrSip',
				},
				fromDisplayName,
				mediaName,
				muteDtmf,
				parkAfterUnbridge,
				privacy,
				...recordingSection,
				routeToMobile,
				sendDigitsOnAnswer,
				...sipSection,
				...inSection(sections.sound, soundModifications),
				{
					type: 'string',
					key: 'target_leg_client_state',
					displayName: 'Target Leg Client State',
					description: 'Client State for the new leg',
				},
				timeLimitSecs,
				ringTimeout,
				...webhookSection,
			],
		},
		{
			value: 'addAiAssistantMessages',
			name: 'Add AI Assistant Messages',
			action: 'Add messages to the AI assistant on a call',
			description: "Add messages to the call's AI assistant conversation",
			method: 'POST',
			path: '/calls/{call_control_id}/actions/ai_assistant_add_messages',
			fields: [
				callControlId,
				clientState,
				commandId,
				{
					type: 'json',
					key: 'messages',
					displayName: 'Messages',
					description: 'Roles: user, assistant, system, developer or tool',
					placeholder: 'e.g. [{"role": "system", "content": "VIP caller"}]',
					shape: 'array',
				},
				{
					type: 'boolean',
					key: 'trigger_response',
					displayName: 'Trigger Response',
					description: 'Whether the assistant replies at once',
				},
			],
		},
		{
			value: 'joinAiAssistant',
			name: 'Join AI Assistant',
			action: 'Add a call to an AI assistant conversation',
			description: 'Add the call to a running AI assistant conversation',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/ai_assistant_join',
			fields: [
				callControlId,
				{
					type: 'string',
					key: 'conversation_id',
					displayName: 'Conversation ID',
					description: 'Conversation to join',
					required: true,
				},
				{
					type: 'json',
					key: 'participant',
					displayName: 'Participant',
					description: 'The leg to add; its role must be "user"',
					required: true,
					hint: 'e.g. {"id": "v3:T02llQxIyaRkhfRKxgAP8n", "role": "user"}',
					shape: 'object',
				},
				clientState,
				commandId,
			],
		},
		{
			value: 'startConversationRelay',
			name: 'Start Conversation Relay',
			action: 'Start a conversation relay on a call',
			description: 'Hand the call to your WebSocket server; Telnyx does the speech',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/conversation_relay_start',
			waitFor: ['call.conversation.ended'],
			fields: [
				callControlId,
				{
					type: 'json',
					key: 'assistant',
					displayName: 'Assistant',
					description: 'Variables for the relay session',
					placeholder: 'e.g. {"dynamic_variables": {"customer_id": "42"}}',
					shape: 'object',
				},
				clientState,
				commandId,
				{
					type: 'boolean',
					key: 'conversation_relay_dtmf_detection',
					displayName: 'Conversation Relay DTMF Detection',
					description: 'Whether to pass key presses to your relay server',
				},
				{
					type: 'json',
					key: 'conversation_relay_settings',
					displayName: 'Conversation Relay Settings',
					description: 'The other fields override these',
					hint: 'e.g. {"url": "wss://relay.example.com/session"}',
					shape: 'object',
				},
				{
					type: 'string',
					key: 'conversation_relay_url',
					displayName: 'Conversation Relay URL',
					description: 'Must start with ws:// or wss://',
					placeholder: 'e.g. wss://relay.example.com/session',
					format: 'url',
				},
				{
					type: 'json',
					key: 'custom_parameters',
					displayName: 'Custom Parameters',
					description: "Merged into Assistant's dynamic variables",
					placeholder: 'e.g. {"customer_id": "42"}',
					shape: 'object',
				},
				{
					type: 'boolean',
					key: 'dtmf_detection',
					displayName: 'DTMF Detection',
					description: 'Whether to pass key presses on (wins over the other DTMF field)',
				},
				{ ...greeting, description: 'Spoken when the session starts' },
				{
					type: 'options',
					key: 'interruptible',
					displayName: 'Interruptible',
					description: 'When the caller can talk over the speech',
					options: interruptModes,
				},
				{
					type: 'options',
					key: 'interruptible_greeting',
					displayName: 'Interruptible Greeting',
					description: 'When the caller can talk over the greeting',
					options: interruptModes,
				},
				interruptionSettings,
				{
					type: 'string',
					key: 'language',
					displayName: 'Language',
					description: 'Spoken language',
					placeholder: 'e.g. en-US',
				},
				{
					type: 'json',
					key: 'languages',
					displayName: 'Languages',
					description: 'Settings per language',
					placeholder: 'e.g. [{"language": "es-ES", "voice": "AWS.Polly.Lucia-Neural"}]',
					shape: 'array',
				},
				{
					type: 'string',
					key: 'provider',
					displayName: 'Voice Provider',
					description: 'Set with Voice Provider Settings',
				},
				{
					type: 'json',
					key: 'structured_provider',
					displayName: 'Voice Provider Settings',
					description: 'Set with Voice Provider',
					shape: 'object',
				},
				{
					type: 'json',
					key: 'transcription',
					displayName: 'Transcription',
					description: 'Deprecated: use Transcription Engine',
					shape: 'object',
				},
				transcriptionEngine,
				transcriptionEngineConfig,
				{
					type: 'string',
					key: 'tts_provider',
					displayName: 'TTS Provider',
					description: 'When empty, taken from the voice',
				},
				{
					type: 'string',
					key: 'url',
					displayName: 'URL',
					description: 'Overrides Conversation Relay URL',
					placeholder: 'e.g. wss://relay.example.com/session',
					format: 'url',
				},
				aiVoice,
				voiceSettings,
			],
		},
		{
			value: 'stopConversationRelay',
			name: 'Stop Conversation Relay',
			action: 'Stop the conversation relay on a call',
			description: 'End the conversation relay',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/conversation_relay_stop',
			fields: [callControlId, clientState, commandId],
		},
		{
			value: 'pay',
			name: 'Collect Payment',
			action: 'Collect card payment details on a call',
			description: 'Collect card or bank details by keypad to charge or tokenize',
			method: 'POST',
			path: '/calls/{call_control_id}/actions/pay',
			waitFor: ['call.payment.completed'],
			fields: [
				callControlId,
				{
					type: 'number',
					key: 'amount',
					displayName: 'Amount',
					description: 'Required when Transaction Type is Charge',
					min: 0,
					float: true,
				},
				clientState,
				commandId,
				{
					type: 'string',
					key: 'connector_name',
					displayName: 'Connector Name',
					description: 'Connector to use, by name',
				},
				{
					type: 'options',
					key: 'currency',
					displayName: 'Currency',
					description: 'Only USD is supported',
					options: [
						{ name: 'USD', value: 'USD' },
						{ name: 'USD (Lowercase)', value: 'usd' },
					],
				},
				{
					type: 'string',
					key: 'description',
					displayName: 'Description',
					description: 'Sent with the transaction',
				},
				interDigitTimeout,
				{
					type: 'string',
					key: 'language',
					displayName: 'Language',
					description: 'Spoken language',
					placeholder: 'e.g. en-US',
				},
				{
					type: 'number',
					key: 'max_attempts',
					displayName: 'Max Attempts',
					description: 'Tries per step',
					min: 1,
				},
				{
					type: 'json',
					key: 'metadata',
					displayName: 'Metadata',
					description: 'Passed to the Pay connector',
					shape: 'object',
				},
				{
					type: 'json',
					key: 'parameters',
					displayName: 'Connector Parameters',
					description: 'Extra Pay connector settings',
					shape: 'object',
				},
				{
					type: 'options',
					key: 'payment_method',
					displayName: 'Payment Method',
					description: 'Details to collect',
					options: [
						{ name: 'Credit Card', value: 'credit-card' },
						{ name: 'ACH Debit', value: 'ach-debit' },
					],
				},
				{
					type: 'string',
					key: 'payment_token',
					displayName: 'Payment Token',
					description: 'Saved payment method; skips collecting details',
					secret: true,
				},
				{
					type: 'json',
					key: 'prompts',
					displayName: 'Prompts',
					description: 'Prompt text by collection step',
					placeholder: 'e.g. {"payment-card-number": "Enter your card number"}',
					shape: 'object',
				},
				{
					type: 'string',
					key: 'service_level',
					displayName: 'Service Level',
					description: 'Premium or basic',
					default: 'premium',
				},
				{ ...gatherTimeout, description: 'For each collection step' },
				{
					type: 'options',
					key: 'transaction_type',
					displayName: 'Transaction Type',
					description: 'When empty, Telnyx charges if Amount is above zero',
					options: [
						{ name: 'Charge', value: 'charge' },
						{ name: 'Tokenize', value: 'tokenize' },
					],
				},
				{
					type: 'multiOptions',
					key: 'valid_card_types',
					displayName: 'Valid Card Types',
					description: 'Cannot be combined with Payment Token',
					options: [
						{ name: 'Visa', value: 'visa' },
						{ name: 'Mastercard', value: 'mastercard' },
						{ name: 'American Express', value: 'amex' },
						{ name: 'Optima', value: 'optima' },
						{ name: 'Discover', value: 'discover' },
						{ name: 'Diners Club', value: 'diners-club' },
						{ name: 'JCB', value: 'jcb' },
						{ name: 'Maestro', value: 'maestro' },
						{ name: 'EnRoute', value: 'enroute' },
					],
				},
				{
					type: 'string',
					key: 'voice',
					displayName: 'Voice',
					description: 'Male, female, or Provider.Model.VoiceId',
					placeholder: 'e.g. AWS.Polly.Joanna',
				},
			],
		},
		{
			value: 'waitForEvent',
			name: 'Wait for Event',
			action: 'Wait for an event on a call',
			description: 'Wait for call events routed to this execution; sends nothing',
			// No request leaves: method and path only say which call the operation is about.
			method: 'GET',
			path: '/calls/{call_control_id}',
			noRequest: true,
			fields: [
				callControlId,
				{
					type: 'multiOptions',
					key: 'event_types',
					param: 'eventTypes',
					displayName: 'Events',
					description: 'The first to arrive goes on',
					required: true,
					options: callEventChoices,
				},
			],
		},
	],
};
