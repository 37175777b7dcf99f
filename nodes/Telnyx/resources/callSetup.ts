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
		description: 'Tune how a machine is told from a person',
	},
	bridging: {
		param: 'bridging',
		displayName: 'Bridging',
		description: 'Link, bridge or supervise another call',
	},
	conference: {
		param: 'conference',
		displayName: 'Conference',
		description: 'Join a conference once answered',
	},
	deepfake: {
		param: 'deepfakeDetection',
		displayName: 'Deepfake Detection',
		description: 'Flag AI voices in call.deepfake_detection webhooks',
	},
	recording: {
		param: 'recording',
		displayName: 'Recording',
		description: 'Record the call once answered',
	},
	sip: {
		param: 'sip',
		displayName: 'SIP',
		description: 'Headers, authentication, transport and media',
	},
	sound: {
		param: 'sound',
		displayName: 'Sound Modifications',
		description: 'Pitch shifting',
	},
	streaming: {
		param: 'streaming',
		displayName: 'Streaming',
		description: 'Audio to a WebSocket server or Dialogflow',
	},
	transcription: {
		param: 'liveTranscription',
		displayName: 'Transcription',
		description: 'Transcribe live once answered',
	},
	webhooks: {
		param: 'webhookRouting',
		displayName: 'Webhook Routing',
		description: 'Where webhooks go and how they are retried',
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
	description?: string,
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
		description: 'Detectors that must agree on a beep',
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
		min: 0,
	},
	{
		type: 'number',
		key: 'answering_machine_detection_config.beep_min_frequency_hz',
		param: 'beepMinFrequencyHz',
		displayName: 'Beep Min Frequency (Hz)',
		min: 0,
	},
	millis(
		'beep_min_tone_duration_millis',
		'beepMinToneDurationMillis',
		'Beep Min Tone Duration (Milliseconds)',
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
		min: 0,
		max: 1,
		float: true,
	},
	{
		type: 'boolean',
		key: 'answering_machine_detection_config.beep_spectral_reject_fax_cng',
		param: 'beepSpectralRejectFaxCng',
		displayName: 'Beep Spectral Reject Fax CNG',
		description: 'Whether to ignore the fax calling tone',
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
		'Silence that ends a machine greeting',
	),
	millis(
		'greeting_total_analysis_time_millis',
		'greetingTotalAnalysisTimeMillis',
		'Greeting Total Analysis Time (Milliseconds)',
		'Longest wait for a machine greeting to end',
	),
	millis(
		'initial_silence_millis',
		'initialSilenceMillis',
		'Initial Silence (Milliseconds)',
		'A longer opening silence marks a machine',
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
		description: 'Audio below this level counts as silence',
		min: 0,
	},
	millis(
		'total_analysis_time_millis',
		'totalAnalysisTimeMillis',
		'Total Analysis Time (Milliseconds)',
		'Longest the detection may run',
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
		description: 'Beep as this participant joins or leaves',
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
		description: 'Give this or Conference Name',
	},
	{
		type: 'string',
		key: 'conference_config.conference_name',
		param: 'conferenceName',
		displayName: 'Conference Name',
		description: 'Give this or Conference ID',
	},
	conferenceFlag(
		'early_media',
		'earlyMedia',
		'Early Media',
		'Whether to join while still ringing',
	),
	conferenceFlag(
		'end_conference_on_exit',
		'endConferenceOnExit',
		'End Conference on Exit',
		'Whether everyone is hung up when this participant leaves',
	),
	conferenceFlag('hold', 'hold', 'Hold', 'Whether the participant joins on hold'),
	{
		type: 'string',
		key: 'conference_config.hold_audio_url',
		param: 'holdAudioUrl',
		displayName: 'Hold Audio URL',
		description: 'WAV or MP3; cannot be combined with Hold Media Name',
		format: 'url',
		placeholder: 'e.g. https://example.com/hold.mp3',
	},
	{
		type: 'string',
		key: 'conference_config.hold_media_name',
		param: 'holdMediaName',
		displayName: 'Hold Media Name',
		description: 'A stored media file; cannot be combined with Hold Audio URL',
	},
	conferenceFlag('mute', 'mute', 'Mute', 'Whether the participant joins muted'),
	conferenceFlag(
		'soft_end_conference_on_exit',
		'softEndConferenceOnExit',
		'Soft End Conference on Exit',
		'Whether leaving ends the conference but not the other calls',
	),
	conferenceFlag(
		'start_conference_on_create',
		'startConferenceOnCreate',
		'Start Conference on Create',
		'Whether the conference starts once created',
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
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Barge', value: 'barge', description: 'Heard by everyone' },
			{ name: 'Monitor', value: 'monitor', description: 'Listens, muted' },
			{ name: 'Whisper', value: 'whisper', description: 'Heard by Whisper Call Control IDs only' },
		],
	},
	{
		type: 'list',
		key: 'conference_config.whisper_call_control_ids',
		param: 'whisperCallControlIds',
		displayName: 'Whisper Call Control IDs',
		description: 'Who hears the whisper; empty for everyone',
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
		description: 'Fail if no audio arrives in this time',
		min: 1,
	},
	{
		type: 'number',
		key: 'deepfake_detection.timeout',
		param: 'timeout',
		displayName: 'Result Timeout (Seconds)',
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
		description: 'Whether to analyse sentiment',
	},
	{
		type: 'boolean',
		key: 'dialogflow_config.partial_automated_agent_reply',
		param: 'dialogflowPartialAgentReply',
		displayName: 'Dialogflow Partial Agent Reply',
		description: 'Whether to send partial agent replies',
	},
];

/** `sound_modifications`, field by field. */
export const soundModifications: FieldSpec[] = [
	{
		type: 'number',
		key: 'sound_modifications.octaves',
		param: 'octaves',
		displayName: 'Octaves',
		description: 'Pitch shift',
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
		description: 'Pitch shift',
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
		description: 'Inbound or outbound',
	},
];

/** `transcription_config`, field by field. */
export const transcriptionConfig: FieldSpec[] = [
	{
		type: 'options',
		key: 'transcription_config.transcription_engine',
		param: 'transcriptionEngine',
		displayName: 'Transcription Engine',
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
		description: 'Settings that differ per engine',
		placeholder: 'e.g. {"interim_results": true}',
		shape: 'object',
	},
	{
		type: 'string',
		key: 'transcription_config.transcription_tracks',
		param: 'transcriptionTracks',
		displayName: 'Transcription Tracks',
		description: 'Inbound (this leg), outbound (other leg) or both',
	},
];

const webhookEvent = { displayName: 'Event', placeholder: 'e.g. call.hangup' };

/** `webhook_urls`: other URLs for some event types. */
export const webhookUrls: ListMapField = {
	type: 'listMap',
	key: 'webhook_urls',
	displayName: 'Webhook URLs by Event',
	description: 'Override Webhook URL per event type',
	entryName: webhookEvent,
	entryList: { displayName: 'URLs', placeholder: 'e.g. https://example.com/hangup' },
	format: 'url',
};

/** `webhook_retries_policies`: retry delays per event type. */
export const webhookRetries: ListMapField = {
	type: 'listMap',
	key: 'webhook_retries_policies',
	displayName: 'Webhook Retry Delays',
	description: 'Per event type: at most 5 retries, 60 seconds in all',
	entryName: webhookEvent,
	entryList: { displayName: 'Delays (Milliseconds)', placeholder: 'e.g. 1000, 5000' },
	numbers: true,
	wrap: 'retries_ms',
};
