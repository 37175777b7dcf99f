import type { ResourceSpec } from '../catalogue/types';

export const recordingTranscription: ResourceSpec = {
	value: 'recordingTranscription',
	name: 'Recording Transcription',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many recording transcriptions',
			description: '',
			method: 'GET',
			path: '/recording_transcriptions',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'filter[created_at][gte]',
					displayName: 'Created at (From)',
					description: '',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[created_at][lte]',
					displayName: 'Created at (To)',
					description: '',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[recording_id]',
					displayName: 'Recording ID',
					description: '',
					in: 'query',
				},
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a recording transcription',
			description: '',
			method: 'DELETE',
			path: '/recording_transcriptions/{recording_transcription_id}',
			fields: [
				{
					type: 'string',
					key: 'recording_transcription_id',
					displayName: 'Recording Transcription ID',
					description: '',
					required: true,
				},
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a recording transcription',
			description: '',
			method: 'GET',
			path: '/recording_transcriptions/{recording_transcription_id}',
			fields: [
				{
					type: 'string',
					key: 'recording_transcription_id',
					displayName: 'Recording Transcription ID',
					description: '',
					required: true,
				},
			],
		},
	],
};
