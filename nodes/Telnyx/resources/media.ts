import type { NumberField, ResourceSpec, StringField } from '../catalogue/types';
import { mediaLocator } from './common';

const mediaName: StringField = {
	type: 'string',
	key: 'media_name',
	displayName: 'Media Name',
	description: 'The name of the stored media file',
	required: true,
	placeholder: 'e.g. welcome-prompt',
	locator: mediaLocator,
};

const mediaUrl: StringField = {
	type: 'string',
	key: 'media_url',
	displayName: 'Media URL',
	description: 'A public URL of the file for Telnyx to fetch and store. Up to 20 MB.',
	format: 'url',
	placeholder: 'e.g. https://example.com/audio/welcome.mp3',
};

const ttlSecs: NumberField = {
	type: 'number',
	key: 'ttl_secs',
	displayName: 'TTL (Seconds)',
	description:
		'How long Telnyx keeps the file before deleting it, in seconds. The default is 2 days; the maximum is 20 years.',
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
			description: 'List the media files stored on your account',
			method: 'GET',
			path: '/media',
			optionalGroup: 'filters',
			fields: [
				{
					type: 'list',
					key: 'filter[content_type]',
					displayName: 'Content Types',
					description: 'Only files of these MIME types, separated by commas',
					in: 'query',
					placeholder: 'e.g. audio/mpeg, audio/wav',
				},
			],
		},
		{
			value: 'upload',
			name: 'Upload',
			action: 'Upload a media file',
			description:
				'Store an audio file in Telnyx media storage, from a binary field of the item or from a URL. Playback, hold and gather commands can then use it by its media name.',
			method: 'POST',
			path: '/media',
			multipart: true,
			fileUpload: { field: 'media', replaces: 'media_url' },
			fields: [
				{ ...mediaUrl, required: true },
				{
					...mediaName,
					description: 'A name to refer to the file by. Leave empty and Telnyx generates one.',
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
			description: 'Delete a stored media file for good',
			method: 'DELETE',
			path: '/media/{media_name}',
			fields: [mediaName],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a media file',
			description: 'Get the details of a stored media file, such as its type and expiry',
			method: 'GET',
			path: '/media/{media_name}',
			fields: [mediaName],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a media file',
			description:
				'Replace the content of a stored media file, from a binary field or a URL, or change how long it is kept',
			method: 'PUT',
			path: '/media/{media_name}',
			multipart: true,
			fileUpload: { field: 'media', replaces: 'media_url' },
			fields: [
				mediaName,
				{
					...mediaUrl,
					description:
						'A public URL of the new content for Telnyx to fetch and store. Up to 20 MB.',
				},
				ttlSecs,
			],
		},
		{
			value: 'download',
			name: 'Download',
			action: 'Download a media file',
			description: 'Download the content of a stored media file as binary data',
			method: 'GET',
			path: '/media/{media_name}/download',
			binaryResponse: true,
			fields: [mediaName],
		},
	],
};
