#ifndef AMENDS_KEY_READER_H
#define AMENDS_KEY_READER_H

#include <signal.h>
#include <wchar.h>

/// Keystrokes for libedit, decoded from UTF-8 here rather than by libedit: libedit drops bytes
/// it cannot decode without a word, and a broken paste must instead arrive as U+FFFD with a
/// warning. Also where a window resize is noticed in the middle of a line.
typedef struct KeyReader {
  int fd;
  int pending;              /* a byte read but not yet used (the start of the next character), or -1 */
  int saw_invalid;          /* set when a byte sequence was not UTF-8 since the last check */
} KeyReader;

/* Set by the signal handlers the line editor installs. */
extern volatile sig_atomic_t key_reader_interrupted;
extern volatile sig_atomic_t key_reader_resized;

/// Reads one character into *out: 1 when read, 0 at the end of input, -1 on an error or when
/// Ctrl-C interrupted the read (errno EINTR). `on_resize` is called, between characters, after
/// the window was resized.
int key_reader_next(KeyReader *reader, wchar_t *out, void (*on_resize)(void *), void *context);

#endif
