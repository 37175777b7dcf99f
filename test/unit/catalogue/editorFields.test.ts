/**
 * Fields shaped for the editor, checked end to end through n8n's engine against the mock: the
 * voice list with its "Custom" entry, and Dial's grouped options, whose request body must be
 * exactly what the flat API expects.
 */
import type { IDataObject } from 'n8n-workflow';
import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { TelnyxMock } from '../../mock/telnyxMock';
import { bodyOf, callItem, runNode } from '../engine/helpers';
import { shownFields } from './shown';

const node = new Telnyx();

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => mock.stop());
beforeEach(() => mock.reset());

describe('Voice', () => {
	const speak = (extra: IDataObject) => ({
		resource: 'call',
		operation: 'speak',
		payload: 'Hello there',
		...extra,
	});

	test.each([
		['call', 'speak'],
		['call', 'gatherUsingSpeak'],
		['conference', 'speak'],
	])('%s %s offers a voice list with a default and a Custom entry', (resource, operation) => {
		const fields = shownFields(node.description, resource, operation);
		const voice = fields.find(([path]) => path === 'voice')![1];
		expect(voice.type).toBe('options');
		expect(voice.default).toBe('AWS.Polly.Joanna-Neural');
		expect(voice.allowArbitraryValues).toBe(true);
		const values = (voice.options as Array<{ value: string }>).map((option) => option.value);
		expect(values).toEqual(expect.arrayContaining(['AWS.Polly.Joanna-Neural', 'female', 'custom']));
		const custom = fields.find(([path]) => path === 'customVoice')![1];
		expect(custom.displayOptions).toEqual({ show: { voice: ['custom'] } });
	});

	test('the default voice is sent when the user does not touch it', async () => {
		const result = await runNode(mock, speak({}), { input: [callItem('v3:a')] });
		expect(result.error).toBeUndefined();
		expect(bodyOf(mock.requests[0]).voice).toBe('AWS.Polly.Joanna-Neural');
	});

	test('a listed voice is sent as its value', async () => {
		await runNode(mock, speak({ voice: 'Telnyx.KokoroTTS.af_heart' }), {
			input: [callItem('v3:a')],
		});
		expect(bodyOf(mock.requests[0]).voice).toBe('Telnyx.KokoroTTS.af_heart');
	});

	test('Custom sends the typed voice, trimmed', async () => {
		await runNode(mock, speak({ voice: 'custom', customVoice: ' ElevenLabs.eleven_multilingual_v2.abc ' }), {
			input: [callItem('v3:a')],
		});
		expect(bodyOf(mock.requests[0]).voice).toBe('ElevenLabs.eleven_multilingual_v2.abc');
	});

	test('an expression may name any voice', async () => {
		await runNode(mock, speak({ voice: '={{ $json.voice }}' }), {
			input: [callItem('v3:a', { voice: 'Azure.de-DE-KatjaNeural' })],
		});
		expect(bodyOf(mock.requests[0]).voice).toBe('Azure.de-DE-KatjaNeural');
	});

	test('Custom with nothing typed stops the item before any request', async () => {
		const result = await runNode(mock, speak({ voice: 'custom', customVoice: '  ' }), {
			input: [callItem('v3:a')],
		});
		expect(result.error?.message).toMatch(/"Custom Voice" field is empty/);
		expect(mock.requests).toHaveLength(0);
	});
});

describe("Dial's grouped options", () => {
	test('Additional Fields shows groups instead of a flat list of every option', () => {
		const paths = shownFields(node.description, 'call', 'dial').map(([path]) => path);
		const top = paths.filter((path) => /^additionalFields\.[^.]+$/.test(path));
		expect(top.length).toBeLessThan(30);
		expect(top).toEqual(
			expect.arrayContaining(
				[
					'machineDetection',
					'bridging',
					'conference',
					'deepfakeDetection',
					'recording',
					'sip',
					'sound',
					'streaming',
					'liveTranscription',
					'webhookRouting',
				].map((group) => `additionalFields.${group}`),
			),
		);
		// The settings objects whose shape the API defines are typed fields, not JSON.
		const json = shownFields(node.description, 'call', 'dial')
			.filter(([, property]) => property.type === 'json')
			.map(([path]) => path);
		expect(json.sort()).toEqual([
			'additionalFields.assistant',
			'additionalFields.conversationRelayConfig',
			'additionalFields.liveTranscription.transcriptionEngineConfig',
		]);
	});

	test('grouped fields travel in the same body as before, nested where the API nests them', async () => {
		const result = await runNode(mock, {
			resource: 'call',
			operation: 'dial',
			connectionId: { __rl: true, mode: 'list', value: '1494404757140276705' },
			from: '+13125550100',
			to: '+13125550123',
			additionalFields: {
				commandId: 'cmd-1',
				timeoutSecs: 30,
				machineDetection: {
					answeringMachineDetection: 'premium',
					totalAnalysisTimeMillis: 5000,
					beepDetectionProfile: 'freq_only',
					beepSpectralMinPurity: 0.6,
				},
				bridging: { linkTo: 'v3:other', bridgeOnAnswer: true, supervisorRole: 'whisper' },
				conference: {
					conferenceName: 'support-room',
					beepEnabled: 'on_enter',
					whisperCallControlIds: 'v3:a, v3:b',
				},
				deepfakeDetection: { enabled: true, timeout: 10 },
				recording: { record: 'record-from-answer', recordFormat: 'wav', recordChannels: 'dual' },
				sip: {
					sipRegion: 'Europe',
					sipHeaders: { values: [{ name: 'User-to-User', value: 'abc' }] },
				},
				sound: { octaves: 0.5, track: 'outbound' },
				streaming: {
					streamUrl: 'wss://stream.example.com/audio',
					streamTrack: 'both_tracks',
					dialogflowAnalyzeSentiment: true,
				},
				liveTranscription: {
					transcription: true,
					transcriptionEngine: 'Deepgram',
					transcriptionEngineConfig: '{"interim_results": true}',
					transcriptionTracks: 'both',
				},
				webhookRouting: {
					webhookUrl: 'https://example.com/hooks',
					webhookUrls: {
						entries: [
							{ name: 'call.hangup', list: 'https://example.com/a, https://example.com/b' },
						],
					},
					webhookRetriesPolicies: {
						entries: [{ name: 'call.answered', list: '1000, 5000' }],
					},
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		expect(bodyOf(mock.requests[0])).toEqual({
			connection_id: '1494404757140276705',
			from: '+13125550100',
			to: '+13125550123',
			command_id: 'cmd-1',
			timeout_secs: 30,
			answering_machine_detection: 'premium',
			answering_machine_detection_config: {
				total_analysis_time_millis: 5000,
				beep_detection_profile: 'freq_only',
				beep_spectral_min_purity: 0.6,
			},
			link_to: 'v3:other',
			bridge_on_answer: true,
			supervisor_role: 'whisper',
			conference_config: {
				conference_name: 'support-room',
				beep_enabled: 'on_enter',
				whisper_call_control_ids: ['v3:a', 'v3:b'],
			},
			deepfake_detection: { enabled: true, timeout: 10 },
			record: 'record-from-answer',
			record_format: 'wav',
			record_channels: 'dual',
			sip_region: 'Europe',
			sip_headers: [{ name: 'User-to-User', value: 'abc' }],
			sound_modifications: { octaves: 0.5, track: 'outbound' },
			stream_url: 'wss://stream.example.com/audio',
			stream_track: 'both_tracks',
			dialogflow_config: { analyze_sentiment: true },
			transcription: true,
			transcription_config: {
				transcription_engine: 'Deepgram',
				transcription_engine_config: { interim_results: true },
				transcription_tracks: 'both',
			},
			webhook_url: 'https://example.com/hooks',
			webhook_urls: { 'call.hangup': ['https://example.com/a', 'https://example.com/b'] },
			webhook_retries_policies: { 'call.answered': { retries_ms: [1000, 5000] } },
		});
	});

	test('a bad value in a group stops the item and names the field', async () => {
		const result = await runNode(mock, {
			resource: 'call',
			operation: 'dial',
			connectionId: { __rl: true, mode: 'id', value: '1' },
			from: '+13125550100',
			to: '+13125550123',
			additionalFields: {
				webhookRouting: {
					webhookRetriesPolicies: { entries: [{ name: 'call.answered', list: '1000, soon' }] },
				},
			},
		});
		expect(result.error?.message).toMatch(
			/"Webhook Retry Delays" field must list whole numbers for "call.answered", not "soon"/,
		);
		expect(mock.requests).toHaveLength(0);
	});
});
