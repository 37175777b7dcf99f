import type { ResourceSpec, StringField } from '../catalogue/types';

const recordingTranscriptionId: StringField = {
	type: 'string',
	key: 'recording_transcription_id',
	displayName: 'Recording Transcription ID',
	required: true,
	placeholder: 'e.g. 6a09cdc3-8948-47f0-aa62-74ac943d6c58',
};

export const recordingTranscription: ResourceSpec = {
	value: 'recordingTranscription',
	name: 'Recording Transcription',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many recording transcriptions',
			description: 'List the transcriptions of your recordings',
			method: 'GET',
			path: '/recording_transcriptions',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'dateTime',
					key: 'filter[created_at][gte]',
					displayName: 'Created At (From)',
					in: 'query',
				},
				{
					type: 'dateTime',
					key: 'filter[created_at][lte]',
					displayName: 'Created At (To)',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[recording_id]',
					displayName: 'Recording ID',
					in: 'query',
				},
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a recording transcription',
			description: 'Delete a recording transcription',
			method: 'DELETE',
			path: '/recording_transcriptions/{recording_transcription_id}',
			fields: [recordingTranscriptionId],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a recording transcription',
			description: 'Get a recording transcription and its text',
			method: 'GET',
			path: '/recording_transcriptions/{recording_transcription_id}',
			fields: [recordingTranscriptionId],
		},
	],
};
