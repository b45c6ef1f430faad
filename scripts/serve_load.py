#!/usr/bin/env python3
"""Throughput and latency of `gazette serve`, with hostile clients beside.

    scripts/serve_load.py ADDR PATH [--seconds 10] [--connections 50]
                          [--streams 100] [--greedy] [--idle N] [--fresh]

Opens --streams live-reload streams (kept open), optionally one --greedy
client that pipelines 300 requests for PATH and never reads, optionally
--idle slowloris sockets (each sends half a request head, a header line now
and then, and is opened again when the server closes it), then runs
--connections keep-alive HTTP/1.1 clients requesting PATH for --seconds and
prints requests per second and the median and 99th-percentile latency
(with --fresh each request on a new connection, connect time included).
A benchmark, not a test: its figures go in docs/performance.md.
"""
import argparse
import socket
import statistics
import threading
import time


def request(sock, host, path):
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        head += chunk
    header, _, body = head.partition(b"\r\n\r\n")
    length = 0
    for line in header.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        body += chunk
    return header.split(b" ")[1]


def slowloris(host, port, a, opened):
    """Keeps a.idle sockets open with half-sent heads, reopening closed ones."""
    sockets = []
    while len(sockets) < a.idle:
        s = socket.create_connection((host, port))
        s.sendall(f"GET {a.path} HTTP/1.1\r\nHost: {a.addr}\r\n".encode())
        sockets.append(s)
        opened[0] = len(sockets)
    while True:
        time.sleep(2)
        for i, s in enumerate(sockets):
            try:
                s.sendall(b"X-a: b\r\n")
            except OSError:
                s.close()
                try:
                    s = socket.create_connection((host, port))
                    s.sendall(f"GET {a.path} HTTP/1.1\r\nHost: {a.addr}\r\n".encode())
                except OSError:
                    continue
                sockets[i] = s


def main():
    p = argparse.ArgumentParser()
    p.add_argument("addr")
    p.add_argument("path")
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--connections", type=int, default=50)
    p.add_argument("--streams", type=int, default=100)
    p.add_argument("--greedy", action="store_true")
    p.add_argument("--idle", type=int, default=0)
    p.add_argument("--fresh", action="store_true")
    a = p.parse_args()
    host, port = a.addr.split(":")
    port = int(port)
    held = []
    for _ in range(a.streams):
        s = socket.create_connection((host, port))
        s.sendall(f"GET /__gazette/events HTTP/1.1\r\nHost: {a.addr}\r\n\r\n".encode())
        assert b" 200 " in s.recv(1024), "a live-reload stream was refused"
        held.append(s)
    if a.greedy:
        g = socket.create_connection((host, port))
        g.settimeout(2)
        try:
            for _ in range(300):
                g.sendall(f"GET {a.path} HTTP/1.1\r\nHost: {a.addr}\r\n\r\n".encode())
        except OSError:
            pass
        held.append(g)
    stop = time.monotonic() + a.seconds
    idle_opened = [0]
    if a.idle:
        threading.Thread(target=slowloris, args=(host, port, a, idle_opened), daemon=True).start()
        while idle_opened[0] < a.idle:
            time.sleep(0.05)
        stop = time.monotonic() + a.seconds
    latencies = []
    lock = threading.Lock()

    def client():
        s = None if a.fresh else socket.create_connection((host, port))
        mine = []
        while time.monotonic() < stop:
            t = time.perf_counter()
            if a.fresh:
                with socket.create_connection((host, port)) as fresh:
                    status = request(fresh, a.addr, a.path)
            else:
                status = request(s, a.addr, a.path)
            mine.append(time.perf_counter() - t)
            assert status == b"200", status
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(a.connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - started
    latencies.sort()
    print(
        f"{len(latencies) / took:.0f} requests/s over {a.connections} connections "
        f"({a.streams} streams open{', one greedy client' if a.greedy else ''}"
        f"{f', {a.idle} idle sockets' if a.idle else ''}{', a new connection each' if a.fresh else ''}); "
        f"median {statistics.median(latencies) * 1000:.2f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.2f} ms, "
        f"slowest {latencies[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
