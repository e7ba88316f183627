# Stands in for systemd's notify socket in tests: binds an AF_UNIX datagram socket at argv[1]
# (a path, or @name for the abstract namespace), prints "BOUND", then one line per datagram received
# (newlines inside a datagram shown as '|'). Run with Debian's /usr/bin/python3.
import socket
import sys

name = sys.argv[1]
address = "\0" + name[1:] if name.startswith("@") else name
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(address)
print("BOUND", flush=True)
while True:
    data = sock.recv(4096)
    print(data.decode("utf-8").replace("\n", "|"), flush=True)
