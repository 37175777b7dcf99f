import type { ListField, OptionsField, ResourceSpec, StringField } from '../catalogue/types';
import { clientState, commandId, conferenceId } from './common';
import {
	eventFilter,
	payloadType,
	recordingFormat,
	recordingTrim,
	speakLanguage,
	speakText,
	speakVoice,
	voiceSettings,
} from './shared';

/** Fields that recur across conference operations. Spread and override the description where it differs. */

const region: OptionsField = {
	type: 'options',
	key: 'region',
	displayName: 'Region',
	description:
		"Where the conference data is hosted. Leave empty to use your account's data locality setting.",
	options: [
		{ name: 'US', value: 'US' },
		{ name: 'Europe', value: 'Europe' },
		{ name: 'Australia', value: 'Australia' },
		{ name: 'Middle East', value: 'Middle East' },
	],
};

const regionQuery: OptionsField = { ...region, in: 'query' };

const beepEnabled: OptionsField = {
	type: 'options',
	key: 'beep_enabled',
	displayName: 'Beep',
	description: 'When to play a beep as participants join or leave',
	options: [
		{ name: 'Always', value: 'always' },
		{ name: 'Never', value: 'never' },
		{ name: 'On Join', value: 'on_enter' },
		{ name: 'On Leave', value: 'on_exit' },
	],
};

const supervisorRole: OptionsField = {
	type: 'options',
	key: 'supervisor_role',
	displayName: 'Supervisor Role',
	description: 'How the participant takes part as a supervisor',
	default: 'none',
	options: [
		{ name: 'None', value: 'none', description: 'A regular participant' },
		{
			name: 'Barge',
			value: 'barge',
			description: 'Speaks and is heard like a regular participant',
		},
		{ name: 'Monitor', value: 'monitor', description: 'Hears everyone but is muted' },
		{
			name: 'Whisper',
			value: 'whisper',
			description: 'Heard only by the participants listed in Whisper Call Control IDs',
		},
	],
};

const whisperCallControlIds: ListField = {
	type: 'list',
	key: 'whisper_call_control_ids',
	displayName: 'Whisper Call Control IDs',
	description:
		'Call control IDs of the participants who can hear the supervisor. Leave empty and the supervisor only listens.',
};

const participantCallControlId: StringField = {
	type: 'string',
	key: 'call_control_id',
	displayName: 'Call Control ID',
	description: 'The call leg of the participant to act on',
	required: true,
};

/** A call joining a conference usually comes from a call event, so read its leg from the incoming item. */
const joiningCallControlId: StringField = {
	...participantCallControlId,
	description:
		'The call leg to put in the conference. By default it is read from the incoming item, such as a call event.',
	default: '={{ $json.payload?.call_control_id ?? $json.call_control_id }}',
};

const participantId: StringField = {
	type: 'string',
	key: 'participant_id',
	displayName: 'Participant ID',
	description: 'The participant, by ID or by label',
	required: true,
};

const participants: ListField = {
	type: 'list',
	key: 'call_control_ids',
	displayName: 'Call Control IDs',
	description: 'Call control IDs of the participants to act on. Leave empty to act on everyone.',
};

const holdAudioUrl: StringField = {
	type: 'string',
	key: 'hold_audio_url',
	displayName: 'Hold Audio URL',
	description:
		'A WAV or MP3 file to play while on hold. Use either this or Hold Media Name, not both.',
	format: 'url',
	placeholder: 'e.g. https://example.com/hold-music.mp3',
};

const holdMediaName: StringField = {
	type: 'string',
	key: 'hold_media_name',
	displayName: 'Hold Media Name',
	description:
		'A WAV or MP3 file uploaded to Telnyx media storage, played while on hold. Use either this or Hold Audio URL, not both.',
	placeholder: 'e.g. hold-music',
};

const audioUrl: StringField = {
	type: 'string',
	key: 'audio_url',
	displayName: 'Audio URL',
	description: 'A WAV or MP3 file to play. Use either this or Media Name, not both.',
	format: 'url',
	placeholder: 'e.g. https://example.com/announcement.mp3',
};

const mediaName: StringField = {
	type: 'string',
	key: 'media_name',
	displayName: 'Media Name',
	description:
		'A WAV or MP3 file uploaded to Telnyx media storage. Use either this or Audio URL, not both.',
	placeholder: 'e.g. announcement',
};

const recordingId: StringField = {
	type: 'string',
	key: 'recording_id',
	displayName: 'Recording ID',
	description: 'The recording to act on. Leave empty to act on the current recording.',
};

export const conference: ResourceSpec = {
	value: 'conference',
	name: 'Conference',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many conferences',
			description:
				'List your conferences, the ones that expire last first. A conference ends once everyone has left, or after 4 hours at most.',
			method: 'GET',
			path: '/conferences',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					...eventFilter.applicationName,
					description:
						'Only conferences whose application name contains this text. Needs at least 3 characters; case is ignored.',
				},
				eventFilter.applicationSessionId,
				eventFilter.connectionId,
				eventFilter.failed,
				eventFilter.from,
				eventFilter.legId,
				{
					...eventFilter.name,
					description: 'Only conferences with exactly this name (case-sensitive)',
					placeholder: 'e.g. support-bridge',
				},
				eventFilter.occurredAt,
				eventFilter.occurredAfter,
				eventFilter.occurredFrom,
				eventFilter.occurredBefore,
				eventFilter.occurredTo,
				eventFilter.outboundVoiceProfileId,
				eventFilter.product,
				{ ...eventFilter.status, description: 'Only conferences in this state' },
				eventFilter.to,
				eventFilter.type,
				regionQuery,
			],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a conference',
			description:
				'Start a conference from a call that is already up. The call joins the new conference straight away.',
			method: 'POST',
			path: '/conferences',
			fields: [
				{
					...joiningCallControlId,
					description:
						'The call leg that creates the conference and joins it first. By default it is read from the incoming item, such as a call event.',
				},
				{
					type: 'string',
					key: 'name',
					displayName: 'Name',
					description: 'A name for the conference',
					required: true,
					placeholder: 'e.g. support-bridge',
				},
				beepEnabled,
				{
					...clientState,
					description:
						"Text or JSON that Telnyx echoes back in later webhooks for the creator's call and for the conference. The node encodes it as Base64.",
				},
				{
					type: 'boolean',
					key: 'comfort_noise',
					displayName: 'Comfort Noise',
					description: 'Whether to play soft background noise so the line never sounds dead',
				},
				commandId,
				{
					type: 'number',
					key: 'duration_minutes',
					displayName: 'Duration (Minutes)',
					description: 'End the conference automatically after this many minutes',
					min: 1,
				},
				{
					...holdAudioUrl,
					description:
						'A WAV or MP3 file to play to participants who join before the conference starts. Only used when Start Conference on Create is off. Use either this or Hold Media Name, not both.',
				},
				{
					...holdMediaName,
					description:
						'A WAV or MP3 file from Telnyx media storage, played to participants who join before the conference starts. Only used when Start Conference on Create is off. Use either this or Hold Audio URL, not both.',
				},
				{
					type: 'number',
					key: 'max_participants',
					displayName: 'Max Participants',
					description: 'How many participants can be active at once, from 2 to 800',
					min: 2,
					max: 800,
					default: 250,
				},
				region,
				{
					type: 'boolean',
					key: 'start_conference_on_create',
					displayName: 'Start Conference on Create',
					description:
						'Whether the conference starts right away. If not, everyone who joins waits on hold until it starts.',
					default: true,
				},
			],
		},
		{
			value: 'getParticipants',
			name: 'Get Many Participants',
			action: 'Get many participants of a conference',
			description: 'List the participants of a conference, optionally filtered by their state',
			method: 'GET',
			path: '/conferences/{conference_id}/participants',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'conference_id',
					displayName: 'Conference ID',
					description:
						'The conference whose participants to list. By default it is read from the incoming item: a conference event or a Create result.',
					required: true,
					default: '={{ $json.payload?.conference_id ?? $json.id }}',
				},
				{
					type: 'boolean',
					key: 'filter[muted]',
					displayName: 'Muted',
					description: 'Whether to return only muted (on) or only unmuted (off) participants',
					in: 'query',
				},
				{
					type: 'boolean',
					key: 'filter[on_hold]',
					displayName: 'On Hold',
					description: 'Whether to return only held (on) or only unheld (off) participants',
					in: 'query',
				},
				{
					type: 'boolean',
					key: 'filter[whispering]',
					displayName: 'Whispering',
					description:
						'Whether to return only whispering (on) or only non-whispering (off) participants',
					in: 'query',
				},
				regionQuery,
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a conference',
			description: 'Get a conference and its current status',
			method: 'GET',
			path: '/conferences/{id}',
			fields: [conferenceId, regionQuery],
		},
		{
			value: 'getParticipant',
			name: 'Get Participant',
			action: 'Get a conference participant',
			description: 'Get one participant of a conference',
			method: 'GET',
			path: '/conferences/{id}/participants/{participant_id}',
			fields: [conferenceId, participantId],
		},
		{
			value: 'updateParticipant',
			name: 'Update Participant',
			action: 'Update a conference participant',
			description: 'Change the beep and exit settings of one participant',
			method: 'PATCH',
			path: '/conferences/{id}/participants/{participant_id}',
			fields: [
				conferenceId,
				participantId,
				{
					...beepEnabled,
					description: 'When to play a beep as this participant joins or leaves',
				},
				{
					type: 'boolean',
					key: 'end_conference_on_exit',
					displayName: 'End Conference on Exit',
					description: 'Whether the conference ends for everyone when this participant leaves',
				},
				{
					type: 'boolean',
					key: 'soft_end_conference_on_exit',
					displayName: 'Soft End Conference on Exit',
					description:
						'Whether the conference closes to newcomers when this participant leaves. Those already in it stay connected.',
				},
			],
		},
		{
			value: 'hold',
			name: 'Hold',
			action: 'Put conference participants on hold',
			description: 'Put some or all participants on hold, optionally with hold audio',
			method: 'POST',
			path: '/conferences/{id}/actions/hold',
			fields: [
				conferenceId,
				audioUrl,
				participants,
				mediaName,
				region,
			],
		},
		{
			value: 'join',
			name: 'Join',
			action: 'Add a call to a conference',
			description:
				'Add a call that is already up to an existing conference. The conference accepts calls up to its Max Participants.',
			method: 'POST',
			path: '/conferences/{id}/actions/join',
			fields: [
				conferenceId,
				joiningCallControlId,
				{
					...beepEnabled,
					description:
						'When to play a beep as this participant joins or leaves. Overrides the conference setting.',
				},
				{
					...clientState,
					description:
						"Text or JSON that Telnyx echoes back in later webhooks for this participant's call. Conference webhooks only carry it if this call created the conference. The node encodes it as Base64.",
				},
				commandId,
				{
					type: 'boolean',
					key: 'end_conference_on_exit',
					displayName: 'End Conference on Exit',
					description:
						'Whether the conference ends, hanging up everyone else, when this participant leaves',
					default: false,
				},
				{
					type: 'boolean',
					key: 'hold',
					displayName: 'Hold',
					description: 'Whether the participant is put on hold as soon as they join',
					default: false,
				},
				{
					...holdAudioUrl,
					description:
						'A WAV or MP3 file to play while the participant is on hold after joining. Only used when Hold is on and the conference was created without starting. Use either this or Hold Media Name, not both.',
				},
				{
					...holdMediaName,
					description:
						'A WAV or MP3 file from Telnyx media storage, played while the participant is on hold after joining. Only used when Hold is on and the conference was created without starting. Use either this or Hold Audio URL, not both.',
				},
				{
					type: 'boolean',
					key: 'mute',
					displayName: 'Mute',
					description: 'Whether the participant is muted as soon as they join',
					default: false,
				},
				region,
				{
					type: 'boolean',
					key: 'soft_end_conference_on_exit',
					displayName: 'Soft End Conference on Exit',
					description:
						'Whether the conference closes when this participant leaves. The others are not hung up.',
					default: false,
				},
				{
					type: 'boolean',
					key: 'start_conference_on_enter',
					displayName: 'Start Conference on Enter',
					description: 'Whether the conference starts when this participant joins',
					default: false,
				},
				supervisorRole,
				whisperCallControlIds,
			],
		},
		{
			value: 'leave',
			name: 'Leave',
			action: 'Remove a call from a conference',
			description:
				'Take a call out of a conference. The call stays up, parked, ready for the next command.',
			method: 'POST',
			path: '/conferences/{id}/actions/leave',
			fields: [
				conferenceId,
				{ ...participantCallControlId, description: 'The call leg to take out of the conference' },
				{
					...beepEnabled,
					description:
						'When to play a beep as this participant leaves. Overrides the conference setting.',
				},
				commandId,
				region,
			],
		},
		{
			value: 'mute',
			name: 'Mute',
			action: 'Mute conference participants',
			description: 'Mute some or all participants',
			method: 'POST',
			path: '/conferences/{id}/actions/mute',
			fields: [
				conferenceId,
				participants,
				region,
			],
		},
		{
			value: 'play',
			name: 'Play Audio',
			action: 'Play audio in a conference',
			description: 'Play an audio file to some or all participants',
			method: 'POST',
			path: '/conferences/{id}/actions/play',
			fields: [
				conferenceId,
				audioUrl,
				participants,
				{
					type: 'string',
					key: 'loop',
					displayName: 'Loop',
					description:
						'How many times to play the file, from 1 to 100, or "infinity" to repeat until stopped',
					numeric: true,
					placeholder: 'e.g. 3',
				},
				mediaName,
				region,
			],
		},
		{
			value: 'pauseRecording',
			name: 'Pause Recording',
			action: 'Pause the recording of a conference',
			description: 'Pause the recording of a conference. Resume it later with Resume Recording.',
			method: 'POST',
			path: '/conferences/{id}/actions/record_pause',
			fields: [
				conferenceId,
				commandId,
				{
					...recordingId,
					description: 'The recording to pause. Leave empty to pause the current recording.',
				},
				region,
			],
		},
		{
			value: 'resumeRecording',
			name: 'Resume Recording',
			action: 'Resume the recording of a conference',
			description: 'Continue a paused conference recording where it left off',
			method: 'POST',
			path: '/conferences/{id}/actions/record_resume',
			fields: [
				conferenceId,
				commandId,
				{
					...recordingId,
					description: 'The recording to resume. Leave empty to resume the current recording.',
				},
				region,
			],
		},
		{
			value: 'startRecording',
			name: 'Start Recording',
			action: 'Start recording a conference',
			description:
				'Record the conference until it ends or you stop the recording. A conference.recording.saved webhook follows.',
			method: 'POST',
			path: '/conferences/{id}/actions/record_start',
			fields: [
				conferenceId,
				{ ...recordingFormat, description: 'The audio format of the saved recording' },
				{
					type: 'options',
					key: 'channels',
					displayName: 'Channels',
					description:
						'Single mixes everyone into one channel. Dual puts the conference creator on one stereo channel and everyone else on the other.',
					options: [
						{ name: 'Single', value: 'single' },
						{ name: 'Dual', value: 'dual' },
					],
				},
				commandId,
				{
					type: 'string',
					key: 'custom_file_name',
					displayName: 'Custom File Name',
					description:
						'A file name to use instead of the call leg ID. Telnyx still appends a Unix timestamp.',
					placeholder: 'e.g. weekly-standup',
				},
				{
					type: 'boolean',
					key: 'play_beep',
					displayName: 'Play Beep',
					description: 'Whether to play a beep when the recording starts',
				},
				region,
				{
					...recordingTrim,
					description: 'Whether to cut silence from the start and end of the recording',
				},
			],
		},
		{
			value: 'stopRecording',
			name: 'Stop Recording',
			action: 'Stop recording a conference',
			description: 'Stop recording a conference. A conference.recording.saved webhook follows.',
			method: 'POST',
			path: '/conferences/{id}/actions/record_stop',
			fields: [
				conferenceId,
				clientState,
				commandId,
				{
					...recordingId,
					description: 'The recording to stop. Leave empty to stop the current recording.',
				},
				region,
			],
		},
		{
			value: 'speak',
			name: 'Speak',
			action: 'Speak text in a conference',
			description: 'Turn text into speech and play it to some or all participants',
			method: 'POST',
			path: '/conferences/{id}/actions/speak',
			fields: [
				conferenceId,
				{ ...speakText, placeholder: 'e.g. The meeting will begin shortly.' },
				speakVoice,
				participants,
				commandId,
				speakLanguage,
				payloadType,
				region,
				voiceSettings,
			],
		},
		{
			value: 'stopAudio',
			name: 'Stop Audio',
			action: 'Stop audio playing in a conference',
			description: 'Stop an audio file that is playing to some or all participants',
			method: 'POST',
			path: '/conferences/{id}/actions/stop',
			fields: [
				conferenceId,
				participants,
				region,
			],
		},
		{
			value: 'unhold',
			name: 'Unhold',
			action: 'Take conference participants off hold',
			description: 'Take the chosen participants off hold',
			method: 'POST',
			path: '/conferences/{id}/actions/unhold',
			fields: [
				conferenceId,
				{
					...participants,
					description: 'Call control IDs of the participants to take off hold',
					required: true,
				},
				region,
			],
		},
		{
			value: 'unmute',
			name: 'Unmute',
			action: 'Unmute conference participants',
			description: 'Unmute some or all participants',
			method: 'POST',
			path: '/conferences/{id}/actions/unmute',
			fields: [
				conferenceId,
				participants,
				region,
			],
		},
		{
			value: 'updateSupervisorRole',
			name: 'Update Supervisor Role',
			action: 'Change the supervisor role of a participant',
			description:
				'Make a participant a supervisor who barges, monitors or whispers, or a regular participant again',
			method: 'POST',
			path: '/conferences/{id}/actions/update',
			fields: [
				conferenceId,
				{ ...participantCallControlId, description: 'The call leg of the participant to change' },
				{ ...supervisorRole, required: true },
				commandId,
				region,
				whisperCallControlIds,
			],
		},
		{
			value: 'end',
			name: 'End',
			action: 'End a conference',
			description: 'End a conference and hang up everyone still in it',
			method: 'POST',
			path: '/conferences/{id}/actions/end',
			fields: [conferenceId, commandId],
		},
		{
			value: 'gatherUsingAudio',
			name: 'Gather Using Audio',
			action: 'Play audio to a participant and collect DTMF digits',
			description:
				'Play a prompt to one participant and collect the keys they press. The digits arrive later in a webhook.',
			method: 'POST',
			path: '/conferences/{id}/actions/gather_using_audio',
			fields: [
				conferenceId,
				{ ...participantCallControlId, description: 'The call leg of the participant to prompt' },
				audioUrl,
				clientState,
				{
					type: 'string',
					key: 'gather_id',
					displayName: 'Gather ID',
					description:
						'Your own label for this gather, echoed in the webhook with the result. Up to 100 characters.',
					placeholder: 'e.g. main-menu',
				},
				{
					type: 'number',
					key: 'initial_timeout_millis',
					displayName: 'Initial Timeout (Milliseconds)',
					description: 'How long to wait for the first key press, in milliseconds',
					min: 0,
				},
				{
					type: 'number',
					key: 'inter_digit_timeout_millis',
					displayName: 'Inter-Digit Timeout (Milliseconds)',
					description: 'How long to wait between key presses, in milliseconds',
					min: 0,
				},
				{
					type: 'string',
					key: 'invalid_audio_url',
					displayName: 'Invalid Audio URL',
					description: 'An audio file to play when the input is not valid',
					format: 'url',
					placeholder: 'e.g. https://example.com/invalid.mp3',
				},
				{
					type: 'string',
					key: 'invalid_media_name',
					displayName: 'Invalid Media Name',
					description: 'A file from Telnyx media storage to play when the input is not valid',
					placeholder: 'e.g. invalid-choice',
				},
				{
					type: 'number',
					key: 'maximum_digits',
					displayName: 'Maximum Digits',
					description: 'The most digits to collect',
					min: 1,
				},
				{
					type: 'number',
					key: 'maximum_tries',
					displayName: 'Maximum Tries',
					description: 'How many times to play the prompt when nothing is entered',
					min: 1,
				},
				mediaName,
				{
					type: 'number',
					key: 'minimum_digits',
					displayName: 'Minimum Digits',
					description: 'The fewest digits that count as an answer',
					min: 1,
				},
				{
					type: 'boolean',
					key: 'stop_playback_on_dtmf',
					displayName: 'Stop Playback on DTMF',
					description: 'Whether the prompt stops as soon as a key is pressed',
				},
				{
					type: 'string',
					key: 'terminating_digit',
					displayName: 'Terminating Digit',
					description: 'The key that ends the input early',
					placeholder: 'e.g. #',
				},
				{
					type: 'number',
					key: 'timeout_millis',
					displayName: 'Timeout (Milliseconds)',
					description: 'How long to wait for input overall, in milliseconds',
					min: 0,
				},
				{
					type: 'string',
					key: 'valid_digits',
					displayName: 'Valid Digits',
					description: 'The keys to accept. Any other key is ignored.',
					placeholder: 'e.g. 123*#',
				},
			],
		},
		{
			value: 'sendDtmf',
			name: 'Send DTMF',
			action: 'Send DTMF tones in a conference',
			description: 'Play DTMF tones to some or all participants',
			method: 'POST',
			path: '/conferences/{id}/actions/send_dtmf',
			fields: [
				conferenceId,
				{
					type: 'string',
					key: 'digits',
					displayName: 'Digits',
					description:
						'The tones to send: 0-9, A-D, * and #. Add w for a half-second pause or W for a one-second pause.',
					required: true,
					format: 'dtmf',
					placeholder: 'e.g. 1234#',
				},
				participants,
				clientState,
				{
					type: 'number',
					key: 'duration_millis',
					displayName: 'Tone Duration (Milliseconds)',
					description: 'How long each tone lasts, in milliseconds',
					min: 1,
				},
			],
		},
	],
};
