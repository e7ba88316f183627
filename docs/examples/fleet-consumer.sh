#!/bin/sh
# Minimal fleet consumer: one member of the shared group, de-duplicates by event_id and reports seq gaps.
# Usage: fleet-consumer.sh HOST PORT USER PASSWORD_FILE [GROUP] [CLIENT_ID]
# stdout: "event_id device camera seq type label" per new event; stderr: "GAP device/camera after N got M".
# A persistent session (-c, -x) with a fixed client id keeps what arrives while this consumer is away;
# stdbuf because mosquitto_sub block-buffers its output into a pipe; -W interactive makes Debian's awk (mawk)
# read line by line instead of in blocks.
stdbuf -oL mosquitto_sub -h "$1" -p "$2" -u "$3" -P "$(cat "$4")" -V mqttv5 -q 1 -c -x 3600 -i "${6:-fleet-sh-$(hostname)}" \
    -t "\$share/${5:-fleet}/edgewatch/+/+/events" -F '%p' |
  jq --unbuffered -r '[.event_id, .device, .camera, .seq, .type, .label] | @tsv' |
  awk -W interactive -F '\t' '!seen[$1]++ {
      k = $2 "/" $3
      if (k in last && $4 > last[k] + 1) print "GAP " k " after " last[k] " got " $4 > "/dev/stderr"
      if (!(k in last) || $4 > last[k]) last[k] = $4
      print $1, $2, $3, $4, $5, $6; fflush()
    }'
