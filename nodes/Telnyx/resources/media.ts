import type { NumberField, ResourceSpec, StringField } from '../catalogue/types';
import { mediaLocator } from './common';

const mediaName: StringField = {
	type: 'string',
	key: 'media_name',
	displayName: 'Media Name',
	required: true,
	placeholder: 'e.g. welcome-prompt',
	locator: mediaLocator,
};

const mediaUrl: StringField = {
	type: 'string',
	key: 'media_url',
	displayName: 'Media URL',
	description: 'A public URL Telnyx fetches the file from, up to 20 MB',
	format: 'url',
	placeholder: 'e.g. https://example.com/audio/welcome.mp3',
};

const ttlSecs: NumberField = {
	type: 'number',
	key: 'ttl_secs',
	displayName: 'TTL (Seconds)',
	description: 'Deleted after this long',
	min: 1,
	max: 630720000,
	default: 172800,
};

export const media: ResourceSpec = {
	value: 'media',
	name: 'Media',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many media files',
			description: 'List your stored media files',
			method: 'GET',
			path: '/media',
			optionalGroup: 'filters',
			fields: [
				{
					type: 'list',
					key: 'filter[content_type]',
					displayName: 'Content Types',
					in: 'query',
					placeholder: 'e.g. audio/mpeg, audio/wav',
				},
			],
		},
		{
			value: 'upload',
			name: 'Upload',
			action: 'Upload a media file',
			description: 'Store an audio file, from a binary field or a URL',
			method: 'POST',
			path: '/media',
			multipart: true,
			fileUpload: { field: 'media', replaces: 'media_url' },
			fields: [
				{ ...mediaUrl, required: true },
				{
					...mediaName,
					description: 'Telnyx makes one up if empty',
					required: false,
					locator: undefined,
				},
				ttlSecs,
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a media file',
			description: 'Delete a stored media file',
			method: 'DELETE',
			path: '/media/{media_name}',
			fields: [mediaName],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a media file',
			description: 'Get the details of a stored media file',
			method: 'GET',
			path: '/media/{media_name}',
			fields: [mediaName],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a media file',
			description: 'Replace the content or the TTL of a stored media file',
			method: 'PUT',
			path: '/media/{media_name}',
			multipart: true,
			fileUpload: { field: 'media', replaces: 'media_url' },
			fields: [mediaName, mediaUrl, ttlSecs],
		},
		{
			value: 'download',
			name: 'Download',
			action: 'Download a media file',
			description: 'Download a stored media file as binary data',
			method: 'GET',
			path: '/media/{media_name}/download',
			binaryResponse: true,
			fields: [mediaName],
		},
	],
};
