/**
 * Text to a waiting oarsub, as OAR's `tools.notify_tcp_socket`: connect, send, close, one
 * connection per message (oarsub accepts a connection, does one `recv(1024)` and drops the last
 * character). Unlike the reference (no timeout: a peer that never answers the SYN blocks the round
 * for the OS's connect timeout), every line shares one deadline.
 */
import { connect } from 'node:net';

/** Sends each line (plus `\n`) on its own connection, in order, before `deadline` (epoch ms). */
export async function sendTcpLines(host: string, port: number, lines: readonly string[], deadline: number, timeoutMs: number): Promise<string | undefined> {
  for (const [i, line] of lines.entries()) {
    const reason = await sendTcpText(host, port, `${line}\n`, deadline, timeoutMs);
    if (reason !== undefined) return lines.length > 1 ? `line ${i + 1} of ${lines.length}: ${reason}` : reason;
  }
  return undefined;
}

/**
 * One connection: resolves to `undefined` once `text` is written and the connection closed on our
 * side, to a reason when connecting or writing fails or the deadline passes. Never rejects, and
 * leaves no socket or timer behind.
 */
export function sendTcpText(host: string, port: number, text: string, deadline: number, timeoutMs: number): Promise<string | undefined> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.resolve(`not sent to ${host}:${port}: the ${timeoutMs} ms bound had passed`);
  return new Promise((resolve) => {
    let settled = false;
    const socket = connect({ host, port });
    const settle = (reason?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => settle(`no answer from ${host}:${port} within ${timeoutMs} ms`), remaining);
    socket.on('error', (e: NodeJS.ErrnoException) => settle(`cannot send to ${host}:${port}: ${e.code && !e.message.includes(e.code) ? `${e.code} ` : ''}${e.message}`));
    // oarsub says nothing back; read (and drop) anything so an unread receive buffer never turns
    // our close into a reset.
    socket.on('data', () => {});
    // 'finish': every byte handed to the kernel, our FIN queued after them.
    socket.once('finish', () => settle());
    socket.once('connect', () => socket.end(text));
  });
}
