#include "KeyReader.h"

#include <errno.h>
#include <unistd.h>

volatile sig_atomic_t key_reader_interrupted = 0;
volatile sig_atomic_t key_reader_resized = 0;

/* One byte, waiting out signals other than Ctrl-C; a resize is handed to on_resize. */
static int next_byte(KeyReader *reader, unsigned char *byte, void (*on_resize)(void *), void *context) {
  if (reader->pending >= 0) {
    *byte = (unsigned char)reader->pending;
    reader->pending = -1;
    return 1;
  }
  for (;;) {
    if (key_reader_interrupted) { errno = EINTR; return -1; }
    ssize_t n = read(reader->fd, byte, 1);
    if (n == 1) return 1;
    if (n == 0) return 0;
    if (errno != EINTR) return -1;
    if (key_reader_interrupted) return -1;
    if (key_reader_resized) {
      key_reader_resized = 0;
      if (on_resize) on_resize(context);
    }
  }
}

int key_reader_next(KeyReader *reader, wchar_t *out, void (*on_resize)(void *), void *context) {
  unsigned char lead;
  int status = next_byte(reader, &lead, on_resize, context);
  if (status <= 0) return status;
  if (lead < 0x80) { *out = (wchar_t)lead; return 1; }

  int need;
  unsigned int value, minimum;
  if ((lead & 0xE0) == 0xC0) { need = 1; value = lead & 0x1F; minimum = 0x80; }
  else if ((lead & 0xF0) == 0xE0) { need = 2; value = lead & 0x0F; minimum = 0x800; }
  else if ((lead & 0xF8) == 0xF0) { need = 3; value = lead & 0x07; minimum = 0x10000; }
  else { reader->saw_invalid = 1; *out = 0xFFFD; return 1; } /* a stray continuation or 0xF8..0xFF */

  for (int i = 0; i < need; i++) {
    unsigned char byte;
    status = next_byte(reader, &byte, on_resize, context);
    if (status < 0) return status;
    if (status == 0 || (byte & 0xC0) != 0x80) {
      /* Cut short: the bad sequence is one U+FFFD, and a byte that starts something new is kept. */
      if (status == 1) reader->pending = byte;
      reader->saw_invalid = 1;
      *out = 0xFFFD;
      return 1;
    }
    value = (value << 6) | (byte & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    reader->saw_invalid = 1; /* overlong, out of range, or a surrogate */
    *out = 0xFFFD;
    return 1;
  }
  *out = (wchar_t)value;
  return 1;
}
