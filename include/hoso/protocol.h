/* protocol.h: constants of the hoso wire protocol shared by hosod and clients.
 * proto/hoso.proto is the source of truth for messages; this header holds
 * what the .proto cannot: the version, the frame layout and its limits. */
#ifndef HOSO_PROTOCOL_H
#define HOSO_PROTOCOL_H

/* The software version of hosod, libhoso and hoso (one release). */
#define HOSO_VERSION "0.1.0"

/* Bump MINOR for every change to a message; bump MAJOR when an old peer
 * could misread the new one.  Peers refuse a different MAJOR in Hello. */
#define HOSO_PROTO_MAJOR 1
#define HOSO_PROTO_MINOR 6
#define HOSO_STR_(x) #x
#define HOSO_STR(x) HOSO_STR_(x)
#define HOSO_PROTO_VERSION_STRING \
	HOSO_STR(HOSO_PROTO_MAJOR) "." HOSO_STR(HOSO_PROTO_MINOR)

/* A frame: 4-byte unsigned big-endian length, then that many bytes. */
#define HOSO_FRAME_HDR 4
#define HOSO_FRAME_MAX_DEFAULT (1024u * 1024u)

#define HOSO_DEFAULT_PORT 7707
#define HOSO_DEFAULT_SERVER "127.0.0.1:7707"

/* Page sizes for list and find requests. */
#define HOSO_PAGE_DEFAULT 50
#define HOSO_PAGE_MAX 1000

#endif
