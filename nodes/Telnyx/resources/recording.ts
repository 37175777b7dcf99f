import type { ResourceSpec, StringField } from '../catalogue/types';
import { recordingLocator } from './common';

const NUMBER_OR_URI = 'Number or SIP URI, case-sensitive';

const recordingId: StringField = {
	type: 'string',
	key: 'recording_id',
	displayName: 'Recording ID',
	required: true,
	placeholder: 'e.g. 428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
	locator: recordingLocator,
};

export const recording: ResourceSpec = {
	value: 'recording',
	name: 'Recording',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many recordings',
			description: 'List your call and conference recordings',
			method: 'GET',
			path: '/recordings',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'filter[call_control_id]',
					displayName: 'Call Control ID',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[call_leg_id]',
					displayName: 'Call Leg ID',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[call_session_id]',
					displayName: 'Call Session ID',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[conference_id]',
					displayName: 'Conference ID',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[conference_region]',
					displayName: 'Conference Region',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[connection_id]',
					displayName: 'Connection ID',
					description: 'Case-sensitive',
					in: 'query',
				},
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
					type: 'dateTime',
					key: 'filter[end_time][gte]',
					displayName: 'End Time (From)',
					in: 'query',
				},
				{
					type: 'dateTime',
					key: 'filter[end_time][lte]',
					displayName: 'End Time (To)',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[from]',
					displayName: 'From',
					description: NUMBER_OR_URI,
					in: 'query',
					placeholder: 'e.g. +13125550100',
				},
				{
					type: 'string',
					key: 'filter[sip_call_id]',
					displayName: 'SIP Call ID',
					description: 'Case-sensitive',
					in: 'query',
				},
				{
					type: 'dateTime',
					key: 'filter[start_time][gte]',
					displayName: 'Start Time (From)',
					in: 'query',
				},
				{
					type: 'dateTime',
					key: 'filter[start_time][lte]',
					displayName: 'Start Time (To)',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[to]',
					displayName: 'To',
					description: NUMBER_OR_URI,
					in: 'query',
					placeholder: 'e.g. +13125550100',
				},
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a recording',
			description: 'Delete a recording and its audio',
			method: 'DELETE',
			path: '/recordings/{recording_id}',
			fields: [recordingId],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a recording',
			description: 'Get a recording and the links to its audio',
			method: 'GET',
			path: '/recordings/{recording_id}',
			fields: [recordingId],
		},
		{
			value: 'deleteMany',
			name: 'Delete Many',
			action: 'Delete many recordings',
			description: 'Delete several recordings in one request',
			method: 'POST',
			path: '/recordings/actions/delete',
			fields: [
				{
					type: 'list',
					key: 'ids',
					displayName: 'Recording IDs',
					required: true,
				},
			],
		},
	],
};
