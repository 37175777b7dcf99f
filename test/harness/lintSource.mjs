/**
 * Lints TypeScript source read from stdin with the project's own ESLint config (n8n's node
 * rules), as if it were the file named in argv[2], and prints ESLint's messages as JSON.
 * Run in its own process because ESLint loads its flat config as an ES module.
 */
import { ESLint } from 'eslint';

const filePath = process.argv[2];
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const eslint = new ESLint({ cwd: process.cwd() });
const [result] = await eslint.lintText(Buffer.concat(chunks).toString('utf8'), { filePath });
process.stdout.write(
	JSON.stringify(
		result.messages.map(({ ruleId, severity, message, line }) => ({ ruleId, severity, message, line })),
	),
);
