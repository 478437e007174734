import { ScoringInputError } from '../types';
import { withoutBom } from './lines';

/** `JSON.parse`, with a syntax error reported at its line when V8 says where it is. */
export function parseJson(bomText: string, file: string): unknown {
  const text = withoutBom(bomText);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ScoringInputError(file, errorLine(message, text), `invalid JSON: ${message}`);
  }
}

/** Node 20 says "at position N"; later versions add "(line L column C)"; the end of input is the last line. */
function errorLine(message: string, text: string): number | undefined {
  const line = /\(line (\d+) column \d+\)/.exec(message);
  if (line) return Number(line[1]);
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  if (message.includes('end of JSON input')) return lineAt(text, text.length);
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
  return line;
}
