import type {
	BooleanField,
	Choice,
	FieldSpec,
	JsonField,
	NumberField,
	OptionsField,
	StringField,
} from '../catalogue/types';
import { queueLocator } from './common';
import { languageChoices } from './languages';

/**
 * Fields and option lists that more than one resource offers. Spread one and override its
 * description where a resource words it for its own results.
 */

/** The audio formats of recordings and playback. */
export const audioFormats: Choice[] = [
	{ name: 'WAV', value: 'wav' },
	{ name: 'MP3', value: 'mp3' },
];

/** Start Recording, on a call or a conference. */
export const recordingFormat: OptionsField = {
	type: 'options',
	key: 'format',
	displayName: 'Format',
	required: true,
	default: 'mp3',
	options: audioFormats,
};

export const recordingTrim: OptionsField = {
	type: 'options',
	key: 'trim',
	displayName: 'Trim',
	options: [{ name: 'Trim Silence', value: 'trim-silence' }],
};

/** Queues, their calls, and the Enqueue command on a call. */
export const queueName: StringField = {
	type: 'string',
	key: 'queue_name',
	displayName: 'Queue Name',
	required: true,
	placeholder: 'e.g. support',
	locator: queueLocator,
};

export const maxQueueSize: NumberField = {
	type: 'number',
	key: 'max_size',
	displayName: 'Max Size',
	description: 'Most calls waiting at once',
	min: 1,
};

export const keepAfterHangup: BooleanField = {
	type: 'boolean',
	key: 'keep_after_hangup',
	displayName: 'Keep After Hangup',
	description: 'Whether the call stays queued after the caller hangs up',
};

/** Wording that fields of several resources share. */
/** The fewest characters Telnyx accepts in a `[contains]` filter. */
export const CONTAINS_MIN_LENGTH = 3;
export const CONTAINS = `At least ${CONTAINS_MIN_LENGTH} characters; case-insensitive`;
export const EXACT = 'Exact match, case-sensitive';
const ONE_OCCURRED = 'Use no other Occurred filter with this';

/**
 * Filters of the call event log. The conference and Call Control application lists take the
 * same filter object (`eventFilters`, in this order).
 */
export const eventFilter = {
	applicationName: {
		type: 'string',
		key: 'filter[application_name][contains]',
		displayName: 'Application Name Contains',
		description: CONTAINS,
		in: 'query',
	},
	applicationSessionId: {
		type: 'string',
		key: 'filter[application_session_id]',
		displayName: 'Application Session ID',
		description: 'Matches every leg of the session',
		in: 'query',
	},
	connectionId: {
		type: 'string',
		key: 'filter[connection_id]',
		displayName: 'Connection ID',
		description: 'Call Control application ID',
		in: 'query',
	},
	failed: {
		type: 'boolean',
		key: 'filter[failed]',
		displayName: 'Failed',
		description: 'Whether to return failures (on) or successes (off)',
		in: 'query',
	},
	from: {
		type: 'string',
		key: 'filter[from]',
		displayName: 'From',
		in: 'query',
		placeholder: 'e.g. +13125550100',
	},
	legId: {
		type: 'string',
		key: 'filter[leg_id]',
		displayName: 'Leg ID',
		in: 'query',
	},
	name: {
		type: 'string',
		key: 'filter[name]',
		displayName: 'Name',
		description: EXACT,
		in: 'query',
	},
	occurredAt: {
		type: 'dateTime',
		key: 'filter[occurred_at][eq]',
		displayName: 'Occurred At',
		in: 'query',
	},
	occurredAfter: {
		type: 'dateTime',
		key: 'filter[occurred_at][gt]',
		displayName: 'Occurred After',
		in: 'query',
	},
	occurredFrom: {
		type: 'dateTime',
		key: 'filter[occurred_at][gte]',
		displayName: 'Occurred At (From)',
		description: ONE_OCCURRED,
		in: 'query',
	},
	occurredBefore: {
		type: 'dateTime',
		key: 'filter[occurred_at][lt]',
		displayName: 'Occurred Before',
		in: 'query',
	},
	occurredTo: {
		type: 'dateTime',
		key: 'filter[occurred_at][lte]',
		displayName: 'Occurred At (To)',
		description: ONE_OCCURRED,
		in: 'query',
	},
	outboundVoiceProfileId: {
		type: 'string',
		key: 'filter[outbound.outbound_voice_profile_id]',
		displayName: 'Outbound Voice Profile ID',
		in: 'query',
	},
	product: {
		type: 'options',
		key: 'filter[product]',
		displayName: 'Product',
		in: 'query',
		options: [
			{ name: 'Call Control', value: 'call_control' },
			{ name: 'Fax', value: 'fax' },
			{ name: 'TeXML', value: 'texml' },
		],
	},
	status: {
		type: 'options',
		key: 'filter[status]',
		displayName: 'Status',
		in: 'query',
		options: [
			{ name: 'Initializing', value: 'init' },
			{ name: 'In Progress', value: 'in_progress' },
			{ name: 'Completed', value: 'completed' },
		],
	},
	to: {
		type: 'string',
		key: 'filter[to]',
		displayName: 'To',
		in: 'query',
		placeholder: 'e.g. +13125550100',
	},
	type: {
		type: 'options',
		key: 'filter[type]',
		displayName: 'Type',
		in: 'query',
		options: [
			{ name: 'Webhook', value: 'webhook' },
			{ name: 'Command', value: 'command' },
		],
	},
} satisfies Record<string, FieldSpec>;

export const eventFilters: FieldSpec[] = Object.values(eventFilter);

/** Sorting of the connection lists. */
export const sortBy: OptionsField = {
	type: 'options',
	key: 'sort',
	displayName: 'Sort By',
	description: 'Always ascending',
	in: 'query',
	options: [
		{ name: 'Created At', value: 'created_at' },
		{ name: 'Connection Name', value: 'connection_name' },
		{ name: 'Active', value: 'active' },
	],
};

/** Text to speech: Speak and Gather Using Speak on a call, and Speak in a conference. */
export const voiceSettings: JsonField = {
	type: 'json',
	key: 'voice_settings',
	displayName: 'Voice Settings',
	description: 'Provider options; "type" names the provider',
	placeholder: 'e.g. {"type": "telnyx", "voice_speed": 1.1}',
	shape: 'object',
};

export const speakText: StringField = {
	type: 'string',
	key: 'payload',
	displayName: 'Text',
	description: 'Text or SSML, up to 3,000 characters',
	required: true,
	placeholder: 'e.g. Press 1 for sales',
	rows: 4,
};

/** Text-to-speech voices that Telnyx offers, as Provider.Model.VoiceId; AWS Polly ones are neural. */
const voices: Choice[] = [
	{ name: 'Basic Female (US English)', value: 'female' },
	{ name: 'Basic Male (US English)', value: 'male' },
	{ name: 'AWS Polly Amy (British English)', value: 'AWS.Polly.Amy-Neural' },
	{ name: 'AWS Polly Bianca (Italian)', value: 'AWS.Polly.Bianca-Neural' },
	{ name: 'AWS Polly Brian (British English)', value: 'AWS.Polly.Brian-Neural' },
	{ name: 'AWS Polly Camila (Brazilian Portuguese)', value: 'AWS.Polly.Camila-Neural' },
	{ name: 'AWS Polly Danielle (US English)', value: 'AWS.Polly.Danielle-Neural' },
	{ name: 'AWS Polly Gregory (US English)', value: 'AWS.Polly.Gregory-Neural' },
	{ name: 'AWS Polly Joanna (US English)', value: 'AWS.Polly.Joanna-Neural' },
	{ name: 'AWS Polly Léa (French)', value: 'AWS.Polly.Lea-Neural' },
	{ name: 'AWS Polly Lucia (Castilian Spanish)', value: 'AWS.Polly.Lucia-Neural' },
	{ name: 'AWS Polly Lupe (US Spanish)', value: 'AWS.Polly.Lupe-Neural' },
	{ name: 'AWS Polly Matthew (US English)', value: 'AWS.Polly.Matthew-Neural' },
	{ name: 'AWS Polly Olivia (Australian English)', value: 'AWS.Polly.Olivia-Neural' },
	{ name: 'AWS Polly Ruth (US English)', value: 'AWS.Polly.Ruth-Neural' },
	{ name: 'AWS Polly Takumi (Japanese)', value: 'AWS.Polly.Takumi-Neural' },
	{ name: 'AWS Polly Vicki (German)', value: 'AWS.Polly.Vicki-Neural' },
	{ name: 'Azure Ava (US English, Multilingual)', value: 'Azure.en-US-AvaMultilingualNeural' },
	{ name: 'Telnyx KokoroTTS Adam (US English)', value: 'Telnyx.KokoroTTS.am_adam' },
	{ name: 'Telnyx KokoroTTS Emma (British English)', value: 'Telnyx.KokoroTTS.bf_emma' },
	{ name: 'Telnyx KokoroTTS Heart (US English)', value: 'Telnyx.KokoroTTS.af_heart' },
	{ name: 'Telnyx NaturalHD Astra (US English)', value: 'Telnyx.NaturalHD.astra' },
];

export const speakVoice: OptionsField = {
	type: 'options',
	key: 'voice',
	displayName: 'Voice',
	description: 'Pick Custom for any other Telnyx voice',
	required: true,
	default: 'AWS.Polly.Joanna-Neural',
	options: voices,
	custom: {
		param: 'customVoice',
		displayName: 'Custom Voice',
		description: 'Provider.Model.VoiceId, or a provider alone for its default',
		placeholder: 'e.g. AWS.Polly.Kendra-Neural',
	},
};

export const speakLanguage: OptionsField = {
	type: 'options',
	key: 'language',
	displayName: 'Language',
	description: 'Ignored by AWS Polly voices',
	options: languageChoices(
		'da-DK en-US en-AU en-GB en-IN fr-CA ko-KR pt-BR pt-PT sv-SE arb cmn-CN cy-GB de-DE en-GB-WLS es-ES es-MX es-US fr-FR hi-IN is-IS it-IT ja-JP nb-NO nl-NL pl-PL ro-RO ru-RU tr-TR',
	),
};

export const payloadType: OptionsField = {
	type: 'options',
	key: 'payload_type',
	displayName: 'Text Type',
	options: [
		{ name: 'Text', value: 'text' },
		{ name: 'SSML', value: 'ssml' },
	],
};

/** Playing audio and collecting keys, on a call or in a conference. */
export const audioUrl: StringField = {
	type: 'string',
	key: 'audio_url',
	displayName: 'Audio URL',
	description: 'WAV or MP3 file to play. Not with Media Name.',
	placeholder: 'e.g. https://example.com/greeting.mp3',
	format: 'url',
};

export const mediaName: StringField = {
	type: 'string',
	key: 'media_name',
	displayName: 'Media Name',
	description: 'WAV or MP3 file in Telnyx media storage. Not with Audio URL.',
};

export const interDigitTimeout: NumberField = {
	type: 'number',
	key: 'inter_digit_timeout_millis',
	displayName: 'Inter-Digit Timeout (Milliseconds)',
	description: 'Longest wait between key presses',
	min: 0,
};

export const maximumTries: NumberField = {
	type: 'number',
	key: 'maximum_tries',
	displayName: 'Maximum Tries',
	description: 'Times to play the prompt if nothing is pressed',
	min: 1,
};

/** Call and conference gathers, playback and recording. */
export const gatherId: StringField = {
	type: 'string',
	key: 'gather_id',
	displayName: 'Gather ID',
	description: 'Your label, returned with the result',
};

export const initialTimeout: NumberField = {
	type: 'number',
	key: 'initial_timeout_millis',
	displayName: 'Initial Timeout (Milliseconds)',
	description: 'Wait for the first key press',
	min: 0,
};

export const invalidAudioUrl: StringField = {
	type: 'string',
	key: 'invalid_audio_url',
	displayName: 'Invalid Input Audio URL',
	description: 'Played on invalid input. Not with Invalid Input Media Name.',
	placeholder: 'e.g. https://example.com/invalid.mp3',
	format: 'url',
};

export const invalidMediaName: StringField = {
	type: 'string',
	key: 'invalid_media_name',
	displayName: 'Invalid Input Media Name',
	description: 'Stored file played on invalid input. Not with Invalid Input Audio URL.',
};

export const playbackLoop: StringField = {
	type: 'string',
	key: 'loop',
	displayName: 'Loop',
	description: '1 to 100 plays, or "infinity"',
	numeric: true,
};

export const customFileName: StringField = {
	type: 'string',
	key: 'custom_file_name',
	displayName: 'File Name',
	description: 'Replaces the call leg ID; a timestamp is added',
};

export const playBeep: BooleanField = {
	type: 'boolean',
	key: 'play_beep',
	displayName: 'Play Beep',
	description: 'Whether to beep when recording starts',
};

export const recordingId: StringField = {
	type: 'string',
	key: 'recording_id',
	displayName: 'Recording ID',
	description: 'Act on this recording only',
};
