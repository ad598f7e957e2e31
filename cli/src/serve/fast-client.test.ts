import { describe, expect, it } from 'vitest';
import { servableRoundCommandLine } from './fast-client.js';

describe('servableRoundCommandLine: which command lines the binary offers a server before loading the CLI', () => {
  it('a round command line, with its --socket in either form', () => {
    expect(servableRoundCommandLine(['round'])).toEqual({});
    expect(servableRoundCommandLine(['round', '--db', 'sqlite:oar.db', '--json'])).toEqual({});
    expect(servableRoundCommandLine(['round', '--socket', 's.sock', '--now', '5'])).toEqual({ socket: 's.sock' });
    expect(servableRoundCommandLine(['round', '--socket=/run/x.sock'])).toEqual({ socket: '/run/x.sock' });
  });

  it('not another command, help, --no-serve, or a --socket without its value (the full CLI handles those)', () => {
    for (const argv of [[], ['schedule', '--scenario', 'x.json'], ['serve'], ['round', '--help'], ['round', '-h'], ['round', '--no-serve'], ['round', '--db', 'x', '--socket'], ['round', '--']]) {
      expect(servableRoundCommandLine(argv), argv.join(' ')).toBeUndefined();
    }
  });
});
