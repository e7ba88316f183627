package io.edgewatch.ingest;

/**
 * Counter snapshot for one camera.
 *
 * @param framesDecoded frames decoded and handed to the mailbox
 * @param framesDropped frames replaced in the mailbox before the consumer took them
 * @param decodeErrors  failed opens, read/decode errors, premature ends of files and ends/timeouts of live streams
 * @param reconnects    attempts to open the source again after a failure or end of stream
 */
public record IngestStats(long framesDecoded, long framesDropped, long decodeErrors, long reconnects) {}
