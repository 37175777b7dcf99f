import type {
	BooleanField,
	FieldSpec,
	ListMapField,
	NumberField,
	Section,
} from '../catalogue/types';

/**
 * How a new or answered call is set up (Dial, Answer, Transfer, Bridge): the groups its many
 * options are shown in, and the typed fields of the settings objects whose shape the API
 * defines. A field's key is its place on the wire (`answering_machine_detection_config.*`
 * nests), so grouping never changes the request.
 */

export const sections = {
	machineDetection: {
		param: 'machineDetection',
		displayName: 'Answering Machine Detection',
		description: 'Find out whether a person or a machine picked up, and tune how',
	},
	bridging: {
		param: 'bridging',
		displayName: 'Bridging',
		description: 'Link the call to another call, bridge them, or supervise one',
	},
	conference: {
		param: 'conference',
		displayName: 'Conference',
		description: 'Put the call into a conference once it is answered',
	},
	deepfake: {
		param: 'deepfakeDetection',
		displayName: 'Deepfake Detection',
		description:
			'Check whether the remote voice is AI-generated. Results arrive in call.deepfake_detection webhooks.',
	},
	recording: {
		param: 'recording',
		displayName: 'Recording',
		description: 'Record the call from the moment it is answered',
	},
	sip: {
		param: 'sip',
		displayName: 'SIP',
		description: 'SIP headers, authentication, transport and media settings',
	},
	sound: {
		param: 'sound',
		displayName: 'Sound Modifications',
		description: 'Audio effects, such as a shifted pitch',
	},
	streaming: {
		param: 'streaming',
		displayName: 'Streaming',
		description: 'Stream the call audio to a WebSocket server or to Dialogflow',
	},
	transcription: {
		param: 'liveTranscription',
		displayName: 'Transcription',
		description: 'Transcribe the call live once it is answered',
	},
	webhooks: {
		param: 'webhookRouting',
		displayName: 'Webhook Routing',
		description: "Where this call's webhooks go and how they are retried",
	},
} satisfies Record<string, Section>;

/** The same fields, shown in `section`. */
export function inSection(section: Section, fields: FieldSpec[]): FieldSpec[] {
	return fields.map((field) => ({ ...field, section }));
}

const millis = (
	key: string,
	param: string,
	displayName: string,
	description: string,
): NumberField => ({
	type: 'number',
	key: `answering_machine_detection_config.${key}`,
	param,
	displayName,
	description,
	min: 0,
});

/** `answering_machine_detection_config`, field by field. */
export const machineDetectionConfig: FieldSpec[] = [
	millis(
		'after_greeting_silence_millis',
		'afterGreetingSilenceMillis',
		'After Greeting Silence (Milliseconds)',
		'Silence after a greeting that marks a person',
	),
	{
		type: 'options',
		key: 'answering_machine_detection_config.beep_detection_profile',
		param: 'beepDetectionProfile',
		displayName: 'Beep Detection Profile',
		description: 'Which detectors must agree before a tone counts as a beep',
		options: [
			{ name: 'Amplitude and Frequency', value: 'both' },
			{ name: 'Frequency Only', value: 'freq_only' },
		],
	},
	{
		type: 'number',
		key: 'answering_machine_detection_config.beep_max_frequency_hz',
		param: 'beepMaxFrequencyHz',
		displayName: 'Beep Max Frequency (Hz)',
		description: 'Highest pitch a beep may have',
		min: 0,
	},
	{
		type: 'number',
		key: 'answering_machine_detection_config.beep_min_frequency_hz',
		param: 'beepMinFrequencyHz',
		displayName: 'Beep Min Frequency (Hz)',
		description: 'Lowest pitch a beep must reach',
		min: 0,
	},
	millis(
		'beep_min_tone_duration_millis',
		'beepMinToneDurationMillis',
		'Beep Min Tone Duration (Milliseconds)',
		'Shortest tone that counts as a beep',
	),
	{
		type: 'boolean',
		key: 'answering_machine_detection_config.beep_spectral_confirmation',
		param: 'beepSpectralConfirmation',
		displayName: 'Beep Spectral Confirmation',
		description: 'Whether a beep must also pass a spectral check',
	},
	{
		type: 'number',
		key: 'answering_machine_detection_config.beep_spectral_min_purity',
		param: 'beepSpectralMinPurity',
		displayName: 'Beep Spectral Min Purity',
		description: 'Spectral purity a beep needs, from 0 to 1',
		min: 0,
		max: 1,
		float: true,
	},
	{
		type: 'boolean',
		key: 'answering_machine_detection_config.beep_spectral_reject_fax_cng',
		param: 'beepSpectralRejectFaxCng',
		displayName: 'Beep Spectral Reject Fax CNG',
		description: 'Whether the fax calling tone is ignored instead of taken for a beep',
	},
	millis(
		'beep_spectral_window_millis',
		'beepSpectralWindowMillis',
		'Beep Spectral Window (Milliseconds)',
		'Length of the spectral check',
	),
	millis(
		'between_words_silence_millis',
		'betweenWordsSilenceMillis',
		'Between Words Silence (Milliseconds)',
		'Longest silence between words',
	),
	millis(
		'greeting_duration_millis',
		'greetingDurationMillis',
		'Greeting Duration (Milliseconds)',
		'A longer greeting marks a machine',
	),
	millis(
		'greeting_silence_duration_millis',
		'greetingSilenceDurationMillis',
		'Greeting Silence Duration (Milliseconds)',
		'Once a machine is found, the silence that ends its greeting',
	),
	millis(
		'greeting_total_analysis_time_millis',
		'greetingTotalAnalysisTimeMillis',
		'Greeting Total Analysis Time (Milliseconds)',
		'Once a machine is found, the longest wait for its greeting to end',
	),
	millis(
		'initial_silence_millis',
		'initialSilenceMillis',
		'Initial Silence (Milliseconds)',
		'A longer silence at the start marks a machine',
	),
	{
		type: 'number',
		key: 'answering_machine_detection_config.maximum_number_of_words',
		param: 'maximumNumberOfWords',
		displayName: 'Maximum Number of Words',
		description: 'More words than this mark a machine',
		min: 0,
	},
	millis(
		'maximum_word_length_millis',
		'maximumWordLengthMillis',
		'Maximum Word Length (Milliseconds)',
		'A longer word marks a machine',
	),
	{
		type: 'number',
		key: 'answering_machine_detection_config.silence_threshold',
		param: 'silenceThreshold',
		displayName: 'Silence Threshold',
		description: 'Lowest noise level that is analysed',
		min: 0,
	},
	millis(
		'total_analysis_time_millis',
		'totalAnalysisTimeMillis',
		'Total Analysis Time (Milliseconds)',
		'Longest time the whole detection may take',
	),
];

const conferenceFlag = (key: string, param: string, displayName: string, description: string): BooleanField => ({
	type: 'boolean',
	key: `conference_config.${key}`,
	param,
	displayName,
	description,
});

/** `conference_config`, field by field. */
export const conferenceConfig: FieldSpec[] = [
	{
		type: 'options',
		key: 'conference_config.beep_enabled',
		param: 'beepEnabled',
		displayName: 'Beep',
		description: 'When to play a beep as this participant joins or leaves',
		options: [
			{ name: 'Always', value: 'always' },
			{ name: 'Never', value: 'never' },
			{ name: 'On Join', value: 'on_enter' },
			{ name: 'On Leave', value: 'on_exit' },
		],
	},
	{
		type: 'string',
		key: 'conference_config.id',
		param: 'conferenceId',
		displayName: 'Conference ID',
		description: 'The conference to join. Give this or Conference Name.',
	},
	{
		type: 'string',
		key: 'conference_config.conference_name',
		param: 'conferenceName',
		displayName: 'Conference Name',
		description: 'The conference to join, by name. Give this or Conference ID.',
		placeholder: 'e.g. support-room',
	},
	conferenceFlag(
		'early_media',
		'earlyMedia',
		'Early Media',
		'Whether the call joins while it is still ringing, instead of once answered',
	),
	conferenceFlag(
		'end_conference_on_exit',
		'endConferenceOnExit',
		'End Conference on Exit',
		'Whether the conference ends, hanging up everyone, when this participant leaves',
	),
	conferenceFlag('hold', 'hold', 'Hold', 'Whether the participant joins on hold'),
	{
		type: 'string',
		key: 'conference_config.hold_audio_url',
		param: 'holdAudioUrl',
		displayName: 'Hold Audio URL',
		description: 'A WAV or MP3 file to play while on hold. Use either this or Hold Media Name.',
		format: 'url',
		placeholder: 'e.g. https://example.com/hold-music.mp3',
	},
	{
		type: 'string',
		key: 'conference_config.hold_media_name',
		param: 'holdMediaName',
		displayName: 'Hold Media Name',
		description:
			'A file from Telnyx media storage to play while on hold. Use either this or Hold Audio URL.',
		placeholder: 'e.g. hold-music',
	},
	conferenceFlag('mute', 'mute', 'Mute', 'Whether the participant joins muted'),
	conferenceFlag(
		'soft_end_conference_on_exit',
		'softEndConferenceOnExit',
		'Soft End Conference on Exit',
		'Whether the conference ends when this participant leaves, letting the others finish their calls',
	),
	conferenceFlag(
		'start_conference_on_create',
		'startConferenceOnCreate',
		'Start Conference on Create',
		'Whether the conference starts as soon as it is created',
	),
	conferenceFlag(
		'start_conference_on_enter',
		'startConferenceOnEnter',
		'Start Conference on Enter',
		'Whether the conference starts when this participant joins',
	),
	{
		type: 'options',
		key: 'conference_config.supervisor_role',
		param: 'supervisorRole',
		displayName: 'Supervisor Role',
		description: 'How the participant takes part as a supervisor',
		options: [
			{ name: 'None', value: 'none', description: 'A regular participant' },
			{ name: 'Barge', value: 'barge', description: 'Speaks and is heard by everyone' },
			{ name: 'Monitor', value: 'monitor', description: 'Hears everyone but is muted' },
			{
				name: 'Whisper',
				value: 'whisper',
				description: 'Heard only by the participants in Whisper Call Control IDs',
			},
		],
	},
	{
		type: 'list',
		key: 'conference_config.whisper_call_control_ids',
		param: 'whisperCallControlIds',
		displayName: 'Whisper Call Control IDs',
		description: 'The participants a whispering supervisor talks to. Leave empty for everyone.',
	},
];

/** `deepfake_detection`, field by field. */
export const deepfakeDetection: FieldSpec[] = [
	{
		type: 'boolean',
		key: 'deepfake_detection.enabled',
		param: 'enabled',
		displayName: 'Enabled',
		description: 'Whether to check the remote voice',
	},
	{
		type: 'number',
		key: 'deepfake_detection.rtp_timeout',
		param: 'rtpTimeout',
		displayName: 'Audio Timeout (Seconds)',
		description: 'Stop with an error when no audio arrives within this time',
		min: 1,
	},
	{
		type: 'number',
		key: 'deepfake_detection.timeout',
		param: 'timeout',
		displayName: 'Result Timeout (Seconds)',
		description: 'Longest wait for a result',
		min: 1,
	},
];

/** `dialogflow_config`, field by field. */
export const dialogflowConfig: BooleanField[] = [
	{
		type: 'boolean',
		key: 'dialogflow_config.analyze_sentiment',
		param: 'dialogflowAnalyzeSentiment',
		displayName: 'Dialogflow Sentiment Analysis',
		description: 'Whether Dialogflow analyses the sentiment of the call',
	},
	{
		type: 'boolean',
		key: 'dialogflow_config.partial_automated_agent_reply',
		param: 'dialogflowPartialAgentReply',
		displayName: 'Dialogflow Partial Agent Reply',
		description: 'Whether Dialogflow sends partial automated agent replies',
	},
];

/** `sound_modifications`, field by field. */
export const soundModifications: FieldSpec[] = [
	{
		type: 'number',
		key: 'sound_modifications.octaves',
		param: 'octaves',
		displayName: 'Octaves',
		description: 'Pitch shift in octaves, from -1 to 1',
		min: -1,
		max: 1,
		float: true,
		default: 0,
	},
	{
		type: 'number',
		key: 'sound_modifications.pitch',
		param: 'pitch',
		displayName: 'Pitch',
		description: 'Pitch factor: 1 keeps it, lower is deeper',
		min: 0.01,
		float: true,
		default: 1,
	},
	{
		type: 'number',
		key: 'sound_modifications.semitone',
		param: 'semitone',
		displayName: 'Semitones',
		description: 'Pitch shift in semitones, from -14 to 14',
		min: -14,
		max: 14,
		float: true,
		default: 0,
	},
	{
		type: 'string',
		key: 'sound_modifications.track',
		param: 'track',
		displayName: 'Track',
		description: 'The side of the call to change: inbound or outbound',
		placeholder: 'e.g. outbound',
	},
];

/** `transcription_config`, field by field. */
export const transcriptionConfig: FieldSpec[] = [
	{
		type: 'options',
		key: 'transcription_config.transcription_engine',
		param: 'transcriptionEngine',
		displayName: 'Transcription Engine',
		description: 'Speech-to-text engine. A and B are older names for Google and Telnyx.',
		options: [
			{ name: 'Google', value: 'Google' },
			{ name: 'Telnyx', value: 'Telnyx' },
			{ name: 'Deepgram', value: 'Deepgram' },
			{ name: 'Azure', value: 'Azure' },
			{ name: 'xAI', value: 'xAI' },
			{ name: 'AssemblyAI', value: 'AssemblyAI' },
			{ name: 'Speechmatics', value: 'Speechmatics' },
			{ name: 'Soniox', value: 'Soniox' },
			{ name: 'Parakeet', value: 'Parakeet' },
			{ name: 'Humain', value: 'Humain' },
			{ name: 'Reson8', value: 'Reson8' },
			{ name: 'Cohere', value: 'Cohere' },
			{ name: 'A (Legacy Google)', value: 'A' },
			{ name: 'B (Legacy Telnyx)', value: 'B' },
		],
	},
	{
		type: 'json',
		key: 'transcription_config.transcription_engine_config',
		param: 'transcriptionEngineConfig',
		displayName: 'Transcription Engine Config',
		description: 'Engine-specific settings; each engine accepts different ones',
		placeholder: 'e.g. {"interim_results": true}',
		shape: 'object',
	},
	{
		type: 'string',
		key: 'transcription_config.transcription_tracks',
		param: 'transcriptionTracks',
		displayName: 'Transcription Tracks',
		description: 'The side to transcribe: inbound (this leg), outbound (the other leg) or both',
		placeholder: 'e.g. both',
	},
];

const webhookEvent = { displayName: 'Event', placeholder: 'e.g. call.hangup' };

/** `webhook_urls`: other URLs for some event types. */
export const webhookUrls: ListMapField = {
	type: 'listMap',
	key: 'webhook_urls',
	displayName: 'Webhook URLs by Event',
	description:
		'URLs that receive specific event types instead of Webhook URL. Other events still go to Webhook URL.',
	entryName: webhookEvent,
	entryList: { displayName: 'URLs', placeholder: 'e.g. https://example.com/hangup' },
	format: 'url',
};

/** `webhook_retries_policies`: retry delays per event type. */
export const webhookRetries: ListMapField = {
	type: 'listMap',
	key: 'webhook_retries_policies',
	displayName: 'Webhook Retry Delays',
	description:
		'Delays in milliseconds before each retry, per event type: up to 5 retries and 60 seconds in total',
	entryName: webhookEvent,
	entryList: { displayName: 'Delays (Milliseconds)', placeholder: 'e.g. 1000, 5000' },
	numbers: true,
	wrap: 'retries_ms',
};
