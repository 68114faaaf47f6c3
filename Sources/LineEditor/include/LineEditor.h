#ifndef AMENDS_LINE_EDITOR_H
#define AMENDS_LINE_EDITOR_H

/// A small, non-variadic face for libedit, which Swift can call directly.
/// One editor reads lines from the terminal with emacs key bindings, history
/// (Up/Down, Ctrl-R reverse search) and Tab completion over a word list.

#include <stdio.h>

/// Standard input as a FILE: Swift 6 will not touch C's `stdin` global directly.
static inline FILE *line_editor_stdin(void) { return stdin; }

typedef struct LineEditor LineEditor;

typedef enum {
  LINE_EDITOR_LINE = 0,        /* a line was read */
  LINE_EDITOR_END = 1,         /* Ctrl-D on an empty line, or end of input */
  LINE_EDITOR_INTERRUPTED = 2  /* Ctrl-C: the line being typed is abandoned */
} LineEditorStatus;

/// Sets the character type from the environment (LC_ALL, LC_CTYPE, LANG), falling back to a
/// UTF-8 locale when that gives none; returns 1 when the result is UTF-8. Call before opening.
int line_editor_adopt_locale(void);

LineEditor *line_editor_open(const char *program_name);
void line_editor_close(LineEditor *editor);
void line_editor_set_prompt(LineEditor *editor, const char *prompt);

/// Reads one line. The returned text is owned by the editor and stays valid until the next call;
/// it carries no trailing newline. NULL unless status is LINE_EDITOR_LINE.
const char *line_editor_read(LineEditor *editor, LineEditorStatus *status);

/// Whether bytes that were not UTF-8 were typed (and read as U+FFFD) since the last call.
int line_editor_take_invalid_input(LineEditor *editor);

void line_editor_add_history(LineEditor *editor, const char *line);
int line_editor_load_history(LineEditor *editor, const char *path);
int line_editor_save_history(LineEditor *editor, const char *path);

/// Replaces the words that Tab completes (commands, scenario ids). The words are copied.
void line_editor_set_completions(LineEditor *editor, const char *const *words, int count);

#endif
