// The tool's name and version, read from package.json so there is one place to bump it.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const TOOL_NAME = 'upprobe';
export const VERSION: string = pkg.version;
export const USER_AGENT = `${TOOL_NAME}/${VERSION}`;
