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
	description: 'File format of the recording',
	required: true,
	default: 'mp3',
	options: audioFormats,
};

export const recordingTrim: OptionsField = {
	type: 'options',
	key: 'trim',
	displayName: 'Trim',
	description: 'Cut silence from the start and end of the recording',
	options: [{ name: 'Trim Silence', value: 'trim-silence' }],
};

/** Queues, their calls, and the Enqueue command on a call. */
export const queueName: StringField = {
	type: 'string',
	key: 'queue_name',
	displayName: 'Queue Name',
	description: 'The name of the queue',
	required: true,
	placeholder: 'e.g. support',
	locator: queueLocator,
};

export const maxQueueSize: NumberField = {
	type: 'number',
	key: 'max_size',
	displayName: 'Max Size',
	description: 'The most calls the queue can hold at once',
	min: 1,
};

export const keepAfterHangup: BooleanField = {
	type: 'boolean',
	key: 'keep_after_hangup',
	displayName: 'Keep After Hangup',
	description: 'Whether the call stays in the queue after the caller hangs up',
};

/**
 * Filters of the call event log. The conference and Call Control application lists take the
 * same filters and override the descriptions.
 */
export const eventFilter = {
	applicationName: {
		type: 'string',
		key: 'filter[application_name][contains]',
		displayName: 'Application Name Contains',
		description:
			'Only results of applications whose name contains this text. Needs at least 3 characters; case is ignored.',
		in: 'query',
	},
	applicationSessionId: {
		type: 'string',
		key: 'filter[application_session_id]',
		displayName: 'Application Session ID',
		description: 'Only results of this call session, which can span several call legs',
		in: 'query',
	},
	connectionId: {
		type: 'string',
		key: 'filter[connection_id]',
		displayName: 'Connection ID',
		description: 'Only results on this connection (Call Control application)',
		in: 'query',
	},
	failed: {
		type: 'boolean',
		key: 'filter[failed]',
		displayName: 'Failed',
		description:
			'Whether to return only failed results (on) or only successful ones (off)',
		in: 'query',
	},
	from: {
		type: 'string',
		key: 'filter[from]',
		displayName: 'From',
		description: 'Only results of calls from this number',
		in: 'query',
		placeholder: 'e.g. +13125550100',
	},
	legId: {
		type: 'string',
		key: 'filter[leg_id]',
		displayName: 'Leg ID',
		description: 'Only results of this call leg',
		in: 'query',
	},
	name: {
		type: 'string',
		key: 'filter[name]',
		displayName: 'Name',
		description: 'Only results with exactly this name (case-sensitive)',
		in: 'query',
	},
	occurredAt: {
		type: 'dateTime',
		key: 'filter[occurred_at][eq]',
		displayName: 'Occurred At',
		description: 'Only results from exactly this moment',
		in: 'query',
	},
	occurredAfter: {
		type: 'dateTime',
		key: 'filter[occurred_at][gt]',
		displayName: 'Occurred After',
		description: 'Only results later than this moment',
		in: 'query',
	},
	occurredFrom: {
		type: 'dateTime',
		key: 'filter[occurred_at][gte]',
		displayName: 'Occurred At (From)',
		description: 'Only results at or after this moment',
		in: 'query',
	},
	occurredBefore: {
		type: 'dateTime',
		key: 'filter[occurred_at][lt]',
		displayName: 'Occurred Before',
		description: 'Only results earlier than this moment',
		in: 'query',
	},
	occurredTo: {
		type: 'dateTime',
		key: 'filter[occurred_at][lte]',
		displayName: 'Occurred At (To)',
		description: 'Only results at or before this moment',
		in: 'query',
	},
	outboundVoiceProfileId: {
		type: 'string',
		key: 'filter[outbound.outbound_voice_profile_id]',
		displayName: 'Outbound Voice Profile ID',
		description: 'Only results of calls that use this outbound voice profile',
		in: 'query',
	},
	product: {
		type: 'options',
		key: 'filter[product]',
		displayName: 'Product',
		description: 'Only results from this Telnyx product',
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
		description: 'Only results with this status',
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
		description: 'Only results of calls to this number',
		in: 'query',
		placeholder: 'e.g. +13125550100',
	},
	type: {
		type: 'options',
		key: 'filter[type]',
		displayName: 'Type',
		description: 'Only webhooks Telnyx sent, or only commands you sent',
		in: 'query',
		options: [
			{ name: 'Webhook', value: 'webhook' },
			{ name: 'Command', value: 'command' },
		],
	},
} satisfies Record<string, FieldSpec>;

/** Sorting of the connection lists. */
export const sortBy: OptionsField = {
	type: 'options',
	key: 'sort',
	displayName: 'Sort By',
	description: 'The field to sort by, in ascending order',
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
	description: 'Provider-specific voice options, with "type" naming the provider',
	placeholder: 'e.g. {"type": "telnyx", "voice_speed": 1.1}',
	shape: 'object',
};

export const speakText: StringField = {
	type: 'string',
	key: 'payload',
	displayName: 'Text',
	description: 'Text or SSML to read out, up to 3,000 characters',
	required: true,
	placeholder: 'e.g. Thanks for calling. Press 1 for sales or 2 for support.',
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
	description:
		'The voice that reads the text. Pick Custom, or use an expression, for any other voice Telnyx offers.',
	required: true,
	default: 'AWS.Polly.Joanna-Neural',
	options: voices,
	custom: {
		param: 'customVoice',
		displayName: 'Custom Voice',
		description: 'Any Telnyx voice as Provider.Model.VoiceId, or only a provider for its default voice',
		placeholder: 'e.g. AWS.Polly.Kendra-Neural',
	},
};

export const speakLanguage: OptionsField = {
	type: 'options',
	key: 'language',
	displayName: 'Language',
	description: 'Spoken language. Ignored for AWS Polly voices.',
	options: languageChoices(
		'da-DK en-US en-AU en-GB en-IN fr-CA ko-KR pt-BR pt-PT sv-SE arb cmn-CN cy-GB de-DE en-GB-WLS es-ES es-MX es-US fr-FR hi-IN is-IS it-IT ja-JP nb-NO nl-NL pl-PL ro-RO ru-RU tr-TR',
	),
};

export const payloadType: OptionsField = {
	type: 'options',
	key: 'payload_type',
	displayName: 'Text Type',
	description: 'Format of Text: plain text or SSML markup',
	options: [
		{ name: 'Text', value: 'text' },
		{ name: 'SSML', value: 'ssml', description: 'Speech Synthesis Markup Language' },
	],
};
