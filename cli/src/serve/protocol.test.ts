/**
 * The socket protocol's framing: JSON lines, and output frames whose bytes follow their line,
 * however the stream is cut into chunks (a round's `--json` output can be tens of MB).
 */
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readFrames } from './protocol.js';

/** Feeds `stream` to readFrames in chunks of `size` bytes; returns what it read (bytes as text). */
function read(stream: Buffer, size: number): unknown[] {
  const socket = new Socket();
  const frames: unknown[] = [];
  readFrames(socket, (frame, bytes) => frames.push(bytes === undefined ? frame : { ...frame, text: bytes.toString('utf8') }));
  for (let at = 0; at < stream.length; at += size) socket.emit('data', stream.subarray(at, at + size));
  return frames;
}

const output = (stream: 'out' | 'err', text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`{"${stream}":${bytes.length}}\n`), bytes]);
};

describe('readFrames', () => {
  const stream = Buffer.concat([
    Buffer.from('{"hello":{"version":"1.0.0","pid":7}}\n'),
    output('err', 'oar-sched: round …: 2 waiting\n'),
    output('out', `{"gantt": [${'1,'.repeat(5000)}1]}\n`),
    output('out', ''),
    Buffer.from('{"committed":0}\n{"exit":0}\n'),
  ]);
  const expected = [
    { hello: { version: '1.0.0', pid: 7 } },
    { err: 32, text: 'oar-sched: round …: 2 waiting\n' },
    { out: 10015, text: `{"gantt": [${'1,'.repeat(5000)}1]}\n` },
    { out: 0, text: '' },
    { committed: 0 },
    { exit: 0 },
  ];

  it.each([1, 2, 3, 7, 64, 4096, 1 << 20])('reads the same frames from chunks of %i bytes (a multi-byte character cut in two included)', (size) => {
    expect(read(stream, size)).toEqual(expected);
  });

  it('ends the connection on a line that is not a JSON object', () => {
    const socket = new Socket();
    const frames: unknown[] = [];
    readFrames(socket, (frame) => frames.push(frame));
    socket.emit('data', Buffer.from('{"exit":0}\nnot json\n{"exit":1}\n'));
    expect(frames).toEqual([{ exit: 0 }]);
    expect(socket.destroyed).toBe(true);
  });
});
