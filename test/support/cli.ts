import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { main } from '../../src/cli/index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dondoc …` in-process, optionally feeding stdin, and captures what it prints and its exit status. */
export async function runDondoc(args: string[], stdin?: string): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const input = stdin === undefined ? null : vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from(stdin)]) as never);
  process.exitCode = 0;
  try {
    await main(['node', 'dondoc', ...args]);
  } finally {
    log.mockRestore();
    error.mockRestore();
    stdout.mockRestore();
    input?.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** `dondoc(...args)`: the same, for the common case without stdin. */
export const dondoc = (...args: string[]): Promise<CliRun> => runDondoc(args);
