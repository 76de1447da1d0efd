/* frame.h: the 4-byte big-endian length prefix of every hoso frame. */
#ifndef HOSO_FRAME_H
#define HOSO_FRAME_H

#include <stdint.h>

/* Write n as the 4-byte big-endian prefix at out. */
static inline void frame_put_len(uint8_t *out, uint32_t n)
{
	out[0] = (uint8_t)(n >> 24);
	out[1] = (uint8_t)(n >> 16);
	out[2] = (uint8_t)(n >> 8);
	out[3] = (uint8_t)n;
}

/* Read the 4-byte big-endian prefix at in. */
static inline uint32_t frame_get_len(const uint8_t *in)
{
	return ((uint32_t)in[0] << 24) | ((uint32_t)in[1] << 16) |
	    ((uint32_t)in[2] << 8) | (uint32_t)in[3];
}

#endif
