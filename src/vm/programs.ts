/**
 * The small programs lab runs in nodes, as `python3 -c` scripts (python3 comes with every Debian
 * and Ubuntu install and with the node image; nothing else to install).
 */

/** A server answering with the node's name: argv kind (tcp|udp|http), port, name. */
export const SERVER = `
import socket, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
kind, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
answer = (name + "\\n").encode()
# One socket for both families where the node has IPv6 (an IPv4 peer shows as ::ffff:a.b.c.d).
def listening(type):
    try:
        s = socket.socket(socket.AF_INET6, type); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0); any = "::"
    except OSError:
        s = socket.socket(socket.AF_INET, type); any = "0.0.0.0"
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((any, port)); return s
def who(peer): return peer[0][7:] if peer[0].startswith("::ffff:") else peer[0]
if kind == "tcp":
    s = listening(socket.SOCK_STREAM); s.listen(64)
    while True:
        c, peer = s.accept(); print("tcp from %s:%d" % (who(peer), peer[1]), flush=True)
        try: c.sendall(answer)
        finally: c.close()
elif kind == "udp":
    s = listening(socket.SOCK_DGRAM)
    while True:
        data, peer = s.recvfrom(2048); print("udp from %s:%d" % (who(peer), peer[1]), flush=True); s.sendto(answer, peer)
else:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200); self.send_header("Content-Type", "text/plain"); self.send_header("Content-Length", str(len(answer)))
            self.end_headers(); self.wfile.write(answer)
        def log_message(self, fmt, *args):
            print("http from %s: %s" % (who(self.client_address), fmt % args), flush=True)
    class Server(ThreadingHTTPServer):
        allow_reuse_address = True
        def server_bind(self): self.socket = listening(socket.SOCK_STREAM); self.server_address = self.socket.getsockname()
    Server(("", port), Handler).serve_forever()
`;

/**
 * One connection attempt: argv proto (tcp|udp), address, port, timeout in seconds. Prints
 * \`open <answer>\`, \`refused\` (a TCP reset, or an ICMP port unreachable: what an OVN reject sends),
 * \`unreachable\` (the sender's own stack gave up: no ARP answer, no route) or \`timeout\` (dropped).
 */
export const CONNECT = `
import socket, sys
proto, host, port, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
s.settimeout(timeout)
try:
    s.connect((host, port))
    if proto == "udp":
        s.send(b"lab\\n"); data = s.recv(2048)
    else:
        # Connected is open. A server that speaks first (lab's tcp servers) says its name; one that
        # waits (HTTP) gets a request, and the last line of its answer is the name.
        s.settimeout(0.3)
        try: data = s.recv(2048)
        except socket.timeout:
            s.settimeout(timeout); s.sendall(b"GET / HTTP/1.0\\r\\nHost: lab\\r\\n\\r\\n"); data = b""
            try:
                while True:
                    chunk = s.recv(4096)
                    if not chunk: break
                    data += chunk
            except socket.timeout: pass
    lines = [l for l in data.decode(errors="replace").splitlines() if l.strip()]
    print("open " + (lines[-1].strip() if lines else ""))
except (ConnectionRefusedError, ConnectionResetError):
    print("refused")
except OSError as e:
    if isinstance(e, socket.timeout) or "timed out" in str(e): print("timeout")
    elif e.errno in (113, 101): print("unreachable")
    else: print("error " + str(e))
`;

/**
 * HTTP GETs, each on a new connection: argv address, port, count, timeout. Prints one line per
 * request: the last line of the answer (lab's servers answer with their node name), or
 * `refused` / `timeout` / `error …`.
 */
export const HTTP_GETS = `
import socket, sys
host, port, count, timeout = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
for i in range(count):
    try:
        s = socket.create_connection((host, port), timeout)
        s.sendall(b"GET / HTTP/1.0\\r\\nHost: lab\\r\\n\\r\\n"); data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk: break
            data += chunk
        s.close()
        lines = [l for l in data.decode(errors="replace").splitlines() if l.strip()]
        print(lines[-1].strip() if lines else "empty")
    except (ConnectionRefusedError, ConnectionResetError): print("refused")
    except OSError as e: print("timeout" if "timed out" in str(e) else "error " + str(e))
`;

/** Runs a program with python3 from the system (never a user's own python on PATH). */
export function python(script: string, ...args: (string | number)[]): string[] {
  return ['/usr/bin/python3', '-c', script, ...args.map(String)];
}
