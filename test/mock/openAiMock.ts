/**
 * A scripted stand-in for the OpenAI chat completions API on 127.0.0.1, for driving n8n's AI
 * Agent without a network or a real model. Each `POST /v1/chat/completions` is recorded and
 * answered by the script the test gives: a tool call, or a final message.
 *
 *   const openAi = await OpenAiMock.start((request) =>
 *     request.messages.some((m) => m.role === 'tool')
 *       ? OpenAiMock.say('Done.')
 *       : OpenAiMock.callTool(request.tools[0].function.name, { to: '+13125550100' }),
 *   );
 *   // credential: { apiKey: 'anything', url: openAi.baseUrl }
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
	tool_call_id?: string;
}

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: any };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
	[key: string]: unknown;
}

/** What the script answers: the assistant message of the single choice. */
export interface ScriptedReply {
	content: string | null;
	tool_calls?: ChatMessage['tool_calls'];
}

export interface RecordedChatRequest {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: ChatRequest;
}

export type ChatScript = (request: ChatRequest, index: number) => ScriptedReply;

/** The text of a message, whether sent as a string or as content parts. */
export function messageText(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	if (Array.isArray(message.content))
		return message.content.map((part) => part.text ?? '').join('');
	return '';
}

export class OpenAiMock {
	readonly requests: RecordedChatRequest[] = [];
	private readonly sockets = new Set<Socket>();
	private calls = 0;

	private constructor(
		private readonly server: http.Server,
		readonly port: number,
		private readonly script: ChatScript,
	) {
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	/** The base URL an OpenAI credential points at (the API's `/v1`). */
	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}/v1`;
	}

	static async start(script: ChatScript): Promise<OpenAiMock> {
		let mock: OpenAiMock | undefined;
		const server = http.createServer((req, res) => void mock!.handle(req, res));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		mock = new OpenAiMock(server, (server.address() as AddressInfo).port, script);
		return mock;
	}

	/** A reply that asks for one call of `tool` with `args`. */
	static callTool(tool: string, args: Record<string, unknown>, id = 'call_1'): ScriptedReply {
		return {
			content: null,
			tool_calls: [
				{ id, type: 'function', function: { name: tool, arguments: JSON.stringify(args) } },
			],
		};
	}

	/** A final answer. */
	static say(text: string): ScriptedReply {
		return { content: text };
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
		});
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const send = (status: number, body: unknown) => {
			const payload = Buffer.from(JSON.stringify(body));
			res.writeHead(status, {
				'Content-Type': 'application/json',
				'Content-Length': String(payload.length),
			});
			res.end(payload);
		};
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		if (req.method !== 'POST' || path !== '/v1/chat/completions') {
			return send(404, {
				error: { message: `No route for ${req.method} ${path}`, type: 'invalid_request_error' },
			});
		}
		let body: ChatRequest;
		try {
			body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
		} catch {
			return send(400, {
				error: { message: 'The body is not JSON', type: 'invalid_request_error' },
			});
		}
		this.requests.push({ path, headers: req.headers, body });
		if (body.stream) {
			// The agent runs without streaming outside chat; say so loudly if that ever changes.
			return send(400, {
				error: { message: 'This mock does not stream', type: 'invalid_request_error' },
			});
		}
		let reply: ScriptedReply;
		try {
			reply = this.script(body, this.calls++);
		} catch (error) {
			return send(500, {
				error: { message: `script failed: ${(error as Error).message}`, type: 'server_error' },
			});
		}
		send(200, {
			id: `chatcmpl-mock-${this.calls}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [
				{
					index: 0,
					message: { role: 'assistant', ...reply },
					finish_reason: reply.tool_calls ? 'tool_calls' : 'stop',
				},
			],
			usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
		});
	}
}
