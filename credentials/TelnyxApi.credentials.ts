import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class TelnyxApi implements ICredentialType {
	name = 'telnyxApi';

	displayName = 'Telnyx API';

	icon: Icon = { light: 'file:../icons/telnyx.svg', dark: 'file:../icons/telnyx.dark.svg' };

	documentationUrl = 'https://developers.telnyx.com/docs/voice/programmable-voice/get-started';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Found in the Telnyx portal under Account Settings → Keys & Credentials → API Keys',
		},
		{
			displayName: 'Webhook Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. 4Lz5zX0Q4m3P3o1cJ8cTq2rQb2x1Q4bYyV9m1n0cZ2E=',
			description:
				'Base64 Ed25519 key (44 characters) from Keys & Credentials → Public Key. The Telnyx Trigger needs it to verify webhooks.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.telnyx.com/v2',
			description: 'Change only to send requests through a proxy or to a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/balance',
		},
	};
}
