import type { ResourceSpec } from '../catalogue/types';

export const media: ResourceSpec = {
	value: 'media',
	name: 'Media',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many media files',
			description: '',
			method: 'GET',
			path: '/media',
			fields: [
				{
					type: 'list',
					key: 'filter[content_type]',
					displayName: 'Content Type',
					description: '',
					in: 'query',
				},
			],
		},
		{
			value: 'upload',
			name: 'Upload',
			action: 'Upload a media file from a URL',
			description: '',
			method: 'POST',
			path: '/media',
			multipart: true,
			fields: [
				{
					type: 'string',
					key: 'media_url',
					displayName: 'Media URL',
					description: '',
					required: true,
				},
				{ type: 'string', key: 'media_name', displayName: 'Media Name', description: '' },
				{ type: 'number', key: 'ttl_secs', displayName: 'TTL (Seconds)', description: '' },
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a media file',
			description: '',
			method: 'DELETE',
			path: '/media/{media_name}',
			fields: [
				{
					type: 'string',
					key: 'media_name',
					displayName: 'Media Name',
					description: '',
					required: true,
				},
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a media file',
			description: '',
			method: 'GET',
			path: '/media/{media_name}',
			fields: [
				{
					type: 'string',
					key: 'media_name',
					displayName: 'Media Name',
					description: '',
					required: true,
				},
			],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a media file',
			description: '',
			method: 'PUT',
			path: '/media/{media_name}',
			multipart: true,
			fields: [
				{
					type: 'string',
					key: 'media_name',
					displayName: 'Media Name',
					description: '',
					required: true,
				},
				{ type: 'string', key: 'media_url', displayName: 'Media URL', description: '' },
				{ type: 'number', key: 'ttl_secs', displayName: 'TTL (Seconds)', description: '' },
			],
		},
		{
			value: 'download',
			name: 'Download',
			action: 'Download a media file',
			description: '',
			method: 'GET',
			path: '/media/{media_name}/download',
			binaryResponse: true,
			fields: [
				{
					type: 'string',
					key: 'media_name',
					displayName: 'Media Name',
					description: '',
					required: true,
				},
			],
		},
	],
};
