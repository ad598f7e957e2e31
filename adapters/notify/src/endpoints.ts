/** `tcp://host:port`, the host bracketed when it is an IPv6 literal (libzmq's syntax). */
export function zmqEndpoint(host: string, port: number): string {
  return `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
