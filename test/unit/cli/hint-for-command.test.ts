import { describe, expect, it } from 'vitest';
import { hintForCommand } from '../../../src-main/cli/output';
import { hintForErrorCode } from '../../../src-main/postmark/hints';

describe('hints match the command being run', () => {
  it('does not tell `behalf sync` to run `behalf sync`', () => {
    const hint = hintForErrorCode(510)!;
    expect(hint).toMatch(/run `behalf sync`/);
    const inSync = hintForCommand(hint, 'sync');
    expect(inSync).not.toMatch(/run `behalf sync`/);
    expect(inSync).toMatch(/this command/);
  });

  it('leaves hints about other commands alone', () => {
    const hint = hintForErrorCode(510)!;
    expect(hintForCommand(hint, 'send')).toBe(hint);
    expect(hintForCommand(hint, undefined)).toBe(hint);
  });
});
