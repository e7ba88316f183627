"""Test RTSP server: serves one H.264 MP4 at rtsp://127.0.0.1:<port>/cam (Debian GStreamer rtsp-server).

Usage: /usr/bin/python3 gst_rtsp_server.py <port> <clip.mp4>   -- prints READY once listening.
Needs gir1.2-gst-rtsp-server-1.0, python3-gi, gstreamer1.0-plugins-{base,good,ugly}, gstreamer1.0-libav.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

port, clip = sys.argv[1], sys.argv[2]
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch('( filesrc location="%s" ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )'
                   % clip.replace('"', ''))
factory.set_shared(True)
server.get_mount_points().add_factory("/cam", factory)
if server.attach(None) == 0:
    sys.exit("cannot listen on 127.0.0.1:" + port)
print("READY", flush=True)
GLib.MainLoop().run()
